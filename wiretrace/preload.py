"""What the analysis workers share: imported once by the server process that forks them.

``Pipeline`` with workers starts them from a multiprocessing *forkserver*: a fresh
process (so no thread of the parent's is copied, as plain ``fork`` would risk) that
imports this module, then forks every worker from itself. The stages' modules and
the English pipeline are loaded here once; each worker forked afterwards shares
those pages with the others, copy on write, where a spawned worker used to import
and load all of it again (about 400 MiB each). What a worker changes (spaCy's
string store growing with new words, its batches) becomes its own.
"""

from __future__ import annotations

import gc

from wiretrace.nlp import ANALYSIS_COMPONENTS_EXCLUDED, load_english
from wiretrace.pipeline import ANALYSIS_SPECS

for _spec in ANALYSIS_SPECS:
    _spec.stage_class()  # imports the stage's module (and what it imports)
load_english(ANALYSIS_COMPONENTS_EXCLUDED)
# The cyclic garbage collector writes to every object it visits, which would copy
# each page a worker shares the first time it collects: what is loaded here is kept
# out of its reach (it lives as long as the process anyway).
gc.freeze()
