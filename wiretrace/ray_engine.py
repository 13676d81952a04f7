"""`wiretrace ingest --engine ray`: the article and analysis stages as a Ray Data pipeline.

    input files ──read (tasks)──▶ raw items ──Analyser (actors)──▶ records ──sink──▶ Parquet

Reading is one task per input file (WARC and JSON Lines files stream record
by record); the analysis runs in a pool of actors, each holding one
``Analyser`` built from the stage specs (the default ones unless given;
models loaded once per actor), the same per-item code ``wiretrace ingest``
runs in its worker processes. Each actor's per-stage outcome counts travel
with its records and are summed into the run's summary. Each
block of results is written as one part of every table in
``wiretrace.parquet``; ``wiretrace load`` then stores them and runs the
store stages (stories). Ray Data streams blocks between the steps, so memory
is bounded by the blocks in flight, not by the input's size.

This is the only module that imports Ray (an optional extra). Records cross
Ray's process boundaries pickled, as they cross the process pool's in
``wiretrace.pipeline``.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wiretrace import parquet
from wiretrace.errors import WiretraceError
from wiretrace.ingest import expand_paths
from wiretrace.ingest.readers import read_path
from wiretrace.pipeline import ANALYSIS_SPECS, DEFAULT_BATCH_SIZE, Analyser, StageCounts, Summary
from wiretrace.records import Analysis, Failure, RawItem
from wiretrace.registry import Registry
from wiretrace.stage import StageSpec

INSTALL_HINT = "the Ray engine needs Ray: pip install 'wiretrace[ray]'"


def import_ray() -> Any:
    """Ray, or an error that says how to install it."""
    try:
        import ray
        import ray.data
    except ImportError as error:
        raise WiretraceError(f"{INSTALL_HINT} ({error})") from None
    return ray


@dataclass
class RayRun:
    """What `ingest --engine ray` did."""

    summary: Summary = field(default_factory=Summary)
    parts: int = 0


# -- the steps (each runs in a Ray worker) -----------------------------------------------


def _read_file(row: dict[str, Any], max_bytes: int) -> Iterable[dict[str, Any]]:
    """One input file to rows of pickled raw items and read failures."""
    for entry in read_path(Path(row["path"]), max_bytes):
        yield {"record": pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)}


@dataclass
class _Counted:
    """A block's per-stage outcome counts, carried among its records to the sink."""

    counts: StageCounts


class _Analyse:
    """An actor holding one Analyser: a batch of raw items in, pickled records out."""

    def __init__(self, registry: Registry | None, stages: Sequence[StageSpec] = ANALYSIS_SPECS) -> None:
        self.analyser = Analyser(registry, stages)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        entries = [pickle.loads(blob) for blob in batch["record"]]
        items = _unique(entry for entry in entries if isinstance(entry, RawItem))
        result = self.analyser.run(items)
        failures = [entry for entry in entries if isinstance(entry, Failure)] + result.failures
        analysed = {analysis.item.id for analysis in result.analyses}
        # Items whose analysis failed are kept too: the store keeps every item for reprocessing.
        records: list[Analysis | RawItem | Failure | _Counted] = [
            *result.analyses,
            *(item for item in items if item.id not in analysed),
            *failures,
            _Counted(result.counts),
        ]
        return {"record": [pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL) for record in records]}


def _unique(items: Iterable[RawItem]) -> list[RawItem]:
    """Items once each (the same content twice in one batch is analysed once)."""
    return list({item.id: item for item in items}.values())


def _records(blocks: Iterable[Any]) -> list[Analysis | RawItem | Failure | _Counted]:
    from ray.data.block import BlockAccessor

    records = []
    for block in blocks:
        blobs = BlockAccessor.for_block(block).to_arrow().column("record").to_pylist()
        records.extend(pickle.loads(blob) for blob in blobs)
    return records


def _make_sink(out: Path):
    """A Ray Data sink writing each write task's records as one part of every table."""
    from ray.data import Datasink

    class PartsSink(Datasink):
        def __init__(self) -> None:
            self.run = RayRun()

        def write(self, blocks: Iterable[Any], ctx: Any) -> tuple[int, list[Failure], list[StageCounts]]:
            records = _records(blocks)
            counts = [record.counts for record in records if isinstance(record, _Counted)]
            analyses = [record for record in records if isinstance(record, Analysis)]
            failures = [record for record in records if isinstance(record, Failure)]
            items = [analysis.item for analysis in analyses]
            items += [record for record in records if isinstance(record, RawItem)]
            if items or failures:
                parquet.write_part(out, _part_name(ctx.task_idx, items, failures), items, analyses, failures)
            return len(analyses), failures, counts

        def on_write_complete(self, result: Any) -> None:
            # Ray 2.x hands a WriteResult (recent) or the list of returns (older).
            for analysed, failures, counts in getattr(result, "write_returns", result):
                self.run.summary.ingested += analysed
                self.run.summary.add_failures(failures)
                for block_counts in counts:
                    self.run.summary.add_counts(block_counts)
                self.run.parts += 1

    return PartsSink()


def _part_name(task_index: int, items: Sequence[RawItem], failures: Sequence[Failure]) -> str:
    """Named by position and content, so a retried task replaces its own part, never doubles it."""
    digest = hashlib.sha256()
    for item in items:
        digest.update(item.id.encode())
    for failure in failures:
        digest.update(f"{failure.source_path}\0{failure.reason}".encode())
    return f"part-{task_index:06d}-{digest.hexdigest()[:12]}"


# -- the driver ----------------------------------------------------------------------------


def connect(address: str | None, cpus: int | None, quiet: bool = True) -> Any:
    """Join the cluster at ``address``, or start a local Ray with ``cpus`` CPUs."""
    ray = import_ray()
    if not ray.is_initialized():
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": not quiet}
        if quiet:
            options["logging_level"] = logging.WARNING
            logging.getLogger("ray.data").setLevel(logging.WARNING)
        if address:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=cpus, **options)
    return ray


def run(
    paths: Sequence[str],
    out: Path,
    *,
    registry: Registry | None = None,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int,
    progress_bars: bool = False,
    stages: Sequence[StageSpec] = ANALYSIS_SPECS,
) -> RayRun:
    """Analyse every input the paths name on the connected Ray cluster; write Parquet to ``out``.

    ``workers`` is the number of analysis actors (one CPU each); each builds ``stages``.
    """
    ray = import_ray()
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # parts in input order, as a plain ingest stores
    context.enable_progress_bars = progress_bars
    entries = list(expand_paths(paths))
    files = [str(entry) for entry in entries if isinstance(entry, Path)]
    missing = [entry for entry in entries if isinstance(entry, Failure)]
    if any(entry == "-" for entry in entries):
        raise WiretraceError("--engine ray reads files, not standard input")
    out.mkdir(parents=True, exist_ok=True)
    sink = _make_sink(out)
    if files:
        dataset = ray.data.from_items([{"path": path} for path in files], override_num_blocks=len(files))
        # Reading and writing ask for no CPU of their own: the actors hold one CPU each,
        # and a step waiting for a CPU they hold would wait for ever (as the main
        # process of a plain ingest reads and writes beside its workers).
        dataset = dataset.flat_map(_read_file, fn_kwargs={"max_bytes": max_bytes}, num_cpus=0)
        dataset = dataset.map_batches(
            _Analyse,
            fn_constructor_kwargs={"registry": registry, "stages": tuple(stages)},
            batch_size=batch_size,
            compute=ray.data.ActorPoolStrategy(size=max(workers, 1)),
            num_cpus=1,
        )
        dataset.write_datasink(sink, ray_remote_args={"num_cpus": 0})
    result = sink.run
    if missing:
        # Paths that name nothing: a part of their own, after the others.
        name = _part_name(0, [], missing).replace("part-000000", "part-unread")
        parquet.write_part(out, name, [], [], missing)
        result.summary.add_failures(missing)
        result.parts += 1
    return result
