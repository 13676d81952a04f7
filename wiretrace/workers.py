"""Where the analysis workers come from: a forkserver that has loaded what they share.

Not plain fork: the parent may run threads (progress bars, servers), and a fork
copies their locks mid-use. A forkserver is a fresh process, so forking from it
is safe, and its children share the model it loaded (``wiretrace.preload``).

Kept apart from the pipeline, and light to import, so that a command starts the
forkserver before importing the stages itself: the forkserver's preload and the
command's own imports (a few seconds each) then run side by side on two cores.
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing import forkserver
from multiprocessing.context import BaseContext


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:
        return os.cpu_count() or 1


def worker_context() -> BaseContext:
    """The multiprocessing context the pipeline's workers start from."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["wiretrace.preload"])
    return context


def start_forkserver(workers: int) -> None:
    """Start the forkserver now, where ``workers`` are to run in processes of their own:
    its preload runs on another core while this process goes on."""
    if workers > 1:
        worker_context()
        forkserver.ensure_running()
