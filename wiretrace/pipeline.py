"""The pipeline: raw items through the stages, into the store, batch by batch.

Every stage follows one contract (``wiretrace.stage``): a name, what it needs
and adds, a ``pipe`` over a whole batch, and the outcomes it counted. Per-item
stages (article, then the analysis stages) are pure: records in, records out,
no store. They run in this process or in worker processes; a worker receives
the stages as ``StageSpec``s and builds them once (each loads its models
once), so one worker and N run the same stages. The main process reads the
input, skips what the store already holds, and writes each batch in one
transaction together with the store stages, in input order; so an interrupted
run loses at most the batches in flight, and running the same input again
skips every item stored. Memory is bounded by the batches in flight, never by
the input's size.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial

from wiretrace.article import ArticleStage
from wiretrace.article.memory import StreamMemory, known_furniture, remember
from wiretrace.article.tables import tables as memory_tables
from wiretrace.origins import canonical_of
from wiretrace.records import Analysis, Failure, RawItem
from wiretrace.registry import Registry
from wiretrace.stage import AnalysisStage, Stage, StageSpec, StoreStage, built, check_flow, spec_of
from wiretrace.store import Batch, Store
from wiretrace.workers import start_forkserver, worker_context

__all__ = [
    "ANALYSIS_SPECS",
    "STORE_SPECS",
    "Analysed",
    "Analyser",
    "AnalysisStage",
    "Pipeline",
    "StageSpec",
    "StoreStage",
    "Summary",
    "default_stages",
]

DEFAULT_BATCH_SIZE = 64
# Batches handed to workers ahead of the one being written: enough to keep
# every worker busy while the main process writes, few enough to bound memory.
BATCHES_AHEAD_PER_WORKER = 2

# The stages a full run uses after the article stage, in flow order. Named by
# import path: spaCy and the models load only where a stage is built.
ANALYSIS_SPECS = (
    StageSpec("wiretrace.statements:StatementStage"),
    # The dates stage follows the statements stage: it dates the statements found.
    StageSpec("wiretrace.dates:DatesStage"),
    # The recogniser labels what the stories and people stages ask of it, in the workers.
    StageSpec("wiretrace.recogniser:RecogniserStage"),
)
STORE_SPECS = (
    # Origins before stories: a story counts each family of copies once.
    StageSpec("wiretrace.origins:OriginsStage"),
    StageSpec("wiretrace.stories:StoriesStage", (("canonical_of", canonical_of),)),
    # People across articles: links each article's entities and speakers (after stories).
    StageSpec("wiretrace.people:PeopleStage"),
)

StageCounts = dict[str, Counter[str]]  # stage name -> outcome -> times


def default_stages() -> tuple[list[AnalysisStage], list[StoreStage]]:
    """The stages a full run uses, built, in flow order (each loads its models once)."""
    return built(ANALYSIS_SPECS), built(STORE_SPECS)


def merge_counts(into: StageCounts, counts: Mapping[str, Counter[str]]) -> None:
    for stage, outcomes in counts.items():
        into.setdefault(stage, Counter()).update(outcomes)


def taken_counts(stages: Iterable[Stage]) -> StageCounts:
    """Each stage's outcomes since last asked, for the stages that counted any."""
    return {stage.name: counts for stage in stages if (counts := stage.take_counts())}


@dataclass
class Chunk:
    """A batch on its way to the per-item stages, with what is read beside it."""

    items: list[RawItem]
    read_failures: list[Failure] = field(default_factory=list)
    entries: int = 0  # input entries it stands for (duplicates and read failures too): progress


@dataclass
class Analysed:
    """What the per-item stages made of a batch: one record back from a worker."""

    analyses: list[Analysis] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    counts: StageCounts = field(default_factory=dict)


@dataclass
class AnalysedChunk:
    """A chunk and its analysis, in input order, ready to be written."""

    chunk: Chunk
    analysed: Analysed

    @property
    def failures(self) -> list[Failure]:
        return self.chunk.read_failures + self.analysed.failures


@dataclass
class Summary:
    """What a run did, for the closing lines and the exit code.

    ``stage_counts``: per stage, the outcomes its batches counted (skipped,
    not English text, ...) and ``failed``, its failures.
    """

    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    stage_counts: StageCounts = field(default_factory=dict)

    def add_failures(self, failures: Iterable[Failure]) -> None:
        for failure in failures:
            self.failed += 1
            self.failures.append(failure)
            self.stage_counts.setdefault(failure.stage, Counter())["failed"] += 1

    def add_counts(self, counts: Mapping[str, Counter[str]]) -> None:
        merge_counts(self.stage_counts, counts)


Progress = Callable[[int], None]
KnownFurniture = Callable[[Sequence[RawItem]], dict[str, frozenset[int]]]


class Analyser:
    """The per-item stages over a batch of raw items; no store involved.

    ``stages`` (built ones or specs) follow the article stage, which every
    analyser has.
    """

    def __init__(
        self, registry: Registry | None = None, stages: Sequence[AnalysisStage | StageSpec] = ()
    ) -> None:
        self.article_stage = ArticleStage(registry)
        self.stages: list[AnalysisStage] = built(stages)

    def __call__(
        self, items: Sequence[RawItem], known_furniture: Mapping[str, frozenset[int]] | None = None
    ) -> tuple[list[Analysis], list[Failure]]:
        """The analyses and failures of a batch (``run`` without the counts)."""
        analysed = self.run(items, known_furniture)
        return analysed.analyses, analysed.failures

    def run(
        self, items: Sequence[RawItem], known_furniture: Mapping[str, frozenset[int]] | None = None
    ) -> Analysed:
        """``known_furniture``: for each item id, the lines its outlet's memory names furniture."""
        analysed = Analysed()
        analyses = []
        for result in self.article_stage.pipe(items, known_furniture):
            if isinstance(result, Failure):
                analysed.failures.append(result)  # no article: nothing for later stages
            else:
                analyses.append(result)
        for stage in self.stages:
            analyses = _kept(analyses, stage.pipe(analyses), analysed.failures)
        analysed.analyses = analyses
        analysed.counts = taken_counts([self.article_stage, *self.stages])
        return analysed


def _kept(before: list[Analysis], after: list[Analysis | Failure], failures: list[Failure]) -> list[Analysis]:
    """Each stage result, or the analysis as it was where the stage failed (noted in ``failures``)."""
    kept = []
    for analysis, result in zip(before, after, strict=True):
        if isinstance(result, Failure):
            failures.append(result)
            kept.append(analysis)
        else:
            kept.append(result)
    return kept


# -- worker processes ----------------------------------------------------------------

_WORKER_ANALYSER: Analyser | None = None


def _start_worker(registry: Registry | None, specs: tuple[StageSpec, ...]) -> None:
    """Build the pipeline's own stages, once per worker process."""
    global _WORKER_ANALYSER
    _WORKER_ANALYSER = Analyser(registry, specs)


def _analyse_in_worker(items: list[RawItem], known_furniture: dict[str, frozenset[int]]) -> Analysed:
    assert _WORKER_ANALYSER is not None, "worker started without its analyser"
    return _WORKER_ANALYSER.run(items, known_furniture)


class Pipeline:
    """Runs items through the stages and writes them to a store.

    ``stages`` (built stages or ``StageSpec``s) follow the article stage;
    worker processes build the same stages from their specs. ``store_stages``
    run in this process only.
    """

    def __init__(
        self,
        store: Store,
        *,
        registry: Registry | None = None,
        stages: Sequence[AnalysisStage | StageSpec] = (),
        store_stages: Sequence[StoreStage | StageSpec] = (),
        batch_size: int = DEFAULT_BATCH_SIZE,
        workers: int = 1,
    ) -> None:
        self.store = store
        self.registry = registry
        self.stages = list(stages)
        self.workers = max(workers, 1)
        start_forkserver(self.workers)  # before the store stages' imports, which it runs beside
        self.store_stages: list[StoreStage] = built(store_stages)
        self.batch_size = batch_size
        self._analyser: Analyser | None = None

    @classmethod
    def full(
        cls,
        store: Store,
        *,
        registry: Registry | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        workers: int = 1,
    ) -> Pipeline:
        """A pipeline with every stage wiretrace has (what the CLI and the web app run)."""
        return cls(
            store,
            registry=registry,
            stages=ANALYSIS_SPECS,
            store_stages=STORE_SPECS,
            batch_size=batch_size,
            workers=workers,
        )

    @property
    def analyser(self) -> Analyser:
        """The per-item stages in this process, built on first use: with workers, the
        models load in the workers only."""
        if self._analyser is None:
            self._analyser = Analyser(self.registry, self.stages)
        return self._analyser

    def analyse(
        self, items: Sequence[RawItem], known_furniture: Mapping[str, frozenset[int]] | None = None
    ) -> tuple[list[Analysis], list[Failure]]:
        """Run the per-item stages over a batch in this process."""
        return self.analyser(items, known_furniture)

    # -- ingest ------------------------------------------------------------------

    def ingest(self, inputs: Iterable[RawItem | Failure], progress: Progress | None = None) -> Summary:
        """Analyse and store new items, in input order; skip those already stored."""
        check_flow([*self.stages, *self.store_stages])
        summary = Summary()
        in_flight: set[str] = set()  # ids read but not yet written: bounded by the batches ahead
        memory = StreamMemory(memory_tables(self.store))
        chunks = (self._fresh(entries, in_flight, summary) for entries in _batches(inputs, self.batch_size))
        for done in self._analysed(chunks, memory.read):
            items = done.chunk.items
            with self.store.transaction():
                batch = Batch(items=items, analyses=done.analysed.analyses, failures=done.failures)
                summary.add_counts(self._commit(batch))
                memory.written(items)
            in_flight.difference_update(item.id for item in items)
            self._count(summary, done)
            if progress:
                progress(done.chunk.entries)
        return summary

    def load(
        self,
        parts: Iterable[tuple[list[RawItem], list[Analysis], list[Failure]]],
        progress: Progress | None = None,
    ) -> Summary:
        """Store items analysed elsewhere (``ingest --engine ray``), skipping those already stored.

        Each part is written in batches, each with the store stages, as
        ``ingest`` writes; an interrupted load loses at most the batch in flight.
        """
        summary = Summary()
        seen: set[str] = set()  # ids stored earlier in this load
        for items, analyses, failures in parts:
            analysis_of = {analysis.item.id: analysis for analysis in analyses}
            failures_of: dict[str | None, list[Failure]] = {}
            for failure in failures:
                failures_of.setdefault(failure.item_id, []).append(failure)
            read_failures = failures_of.pop(None, [])
            for entries in _batches([*read_failures, *items], self.batch_size):
                chunk = self._fresh(entries, seen, summary)
                fresh_analyses = [analysis_of[item.id] for item in chunk.items if item.id in analysis_of]
                chunk_failures = chunk.read_failures
                for item in chunk.items:
                    chunk_failures.extend(failures_of.get(item.id, ()))
                with self.store.transaction():
                    batch = Batch(items=chunk.items, analyses=fresh_analyses, failures=chunk_failures)
                    summary.add_counts(self._commit(batch))
                    # analysed without memory; later pages learn from them
                    remember(memory_tables(self.store), chunk.items)
                summary.ingested += len(fresh_analyses)
                summary.add_failures(chunk_failures)
                if progress:
                    progress(chunk.entries)
        return summary

    def _fresh(self, entries: list[RawItem | Failure], in_flight: set[str], summary: Summary) -> Chunk:
        """The entries' items not stored yet (nor read earlier in this run), and their read failures."""
        read_failures = [entry for entry in entries if isinstance(entry, Failure)]
        items = [entry for entry in entries if isinstance(entry, RawItem)]
        known = self.store.known_ids(item.id for item in items)
        fresh: dict[str, RawItem] = {}
        for item in items:
            if item.id in known or item.id in fresh or item.id in in_flight:
                summary.duplicates += 1
            else:
                fresh[item.id] = item
        in_flight.update(fresh)
        return Chunk(list(fresh.values()), read_failures, len(entries))

    def _analysed(self, chunks: Iterable[Chunk], known_for: KnownFurniture) -> Iterator[AnalysedChunk]:
        """Analyse chunks, yielding them with their results in order.

        With workers, up to ``BATCHES_AHEAD_PER_WORKER`` batches per worker are
        analysed ahead of the one being yielded. ``known_for`` gives each batch's
        items the lines their outlets' memory names furniture.
        """
        with self._executor() as executor:
            pending: deque[tuple[Chunk, Future[Analysed] | Analysed]] = deque()
            ahead = BATCHES_AHEAD_PER_WORKER * self.workers if executor else 0
            for chunk in chunks:
                pending.append((chunk, self._start_analysis(executor, chunk, known_for)))
                while len(pending) > ahead:
                    yield _outcome(*pending.popleft())
            while pending:
                yield _outcome(*pending.popleft())

    def _start_analysis(
        self, executor: ProcessPoolExecutor | None, chunk: Chunk, known_for: KnownFurniture
    ) -> list[Future[Analysed]] | Analysed:
        if not chunk.items:  # nothing new: no stage to build, no worker to wake
            return Analysed()
        known = known_for(chunk.items)
        if not executor:
            return self.analyser.run(chunk.items, known)
        # Each worker takes an equal part of every batch. Whole batches dealt out in turn
        # left one worker idle at a run's end (300 articles in batches of 64: 172 for one
        # worker, 128 for the other), and a batch waited on its one worker.
        return [
            executor.submit(
                _analyse_in_worker, part, {item.id: known[item.id] for item in part if item.id in known}
            )
            for part in _parts(chunk.items, self.workers)
        ]

    def _executor(self) -> ProcessPoolExecutor | _NoExecutor:
        if self.workers <= 1:
            return _NoExecutor()
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=worker_context(),
            initializer=_start_worker,
            initargs=(self.registry, tuple(spec_of(stage) for stage in self.stages)),
        )

    def _commit(self, batch: Batch, analyses: Sequence[Analysis] | None = None) -> StageCounts:
        """Write a batch and run the store stages over it, in one transaction; their counts."""
        with self.store.transaction():
            self.store.write(batch)
            for stage in self.store_stages:
                stage.pipe(batch.analyses if analyses is None else analyses, self.store)
        return taken_counts(self.store_stages)

    @staticmethod
    def _count(summary: Summary, done: AnalysedChunk) -> None:
        summary.ingested += len(done.analysed.analyses)
        summary.add_failures(done.failures)
        summary.add_counts(done.analysed.counts)

    # -- reprocess ---------------------------------------------------------------

    def reprocess(self, ids: Iterable[str] | None = None, progress: Progress | None = None) -> Summary:
        """Run the stages again on stored items and replace what they derived."""
        check_flow([*self.stages, *self.store_stages])
        summary = Summary()
        chunks = (
            Chunk(items, entries=len(items))
            for items in _batches(self.store.iter_items(ids), self.batch_size)
        )
        # every page is in the store already: each learns from all the others of its outlet
        for done in self._analysed(chunks, partial(known_furniture, memory_tables(self.store))):
            analyses = done.analysed.analyses
            failed_ids = {failure.item_id for failure in done.failures}
            with self.store.transaction():
                self.store.replace_analyses(analyses)
                self.store.resolve_failures(item.id for item in done.chunk.items if item.id not in failed_ids)
                summary.add_counts(self._commit(Batch(failures=done.failures), analyses))
            self._count(summary, done)
            if progress:
                progress(done.chunk.entries)
        return summary


def _outcome(chunk: Chunk, result: list[Future[Analysed]] | Analysed) -> AnalysedChunk:
    if isinstance(result, Analysed):
        return AnalysedChunk(chunk, result)
    return AnalysedChunk(chunk, _joined([part.result() for part in result]))


def _joined(parts: Iterable[Analysed]) -> Analysed:
    """The analyses of a batch's parts as one, in input order."""
    joined = Analysed()
    for part in parts:
        joined.analyses.extend(part.analyses)
        joined.failures.extend(part.failures)
        merge_counts(joined.counts, part.counts)
    return joined


def _parts(items: list[RawItem], count: int) -> list[list[RawItem]]:
    """``items`` cut into ``count`` runs (fewer for a short batch) whose sizes differ by one at most."""
    size, extra = divmod(len(items), count)
    parts, start = [], 0
    for index in range(count):
        end = start + size + (index < extra)
        if end > start:
            parts.append(items[start:end])
        start = end
    return parts


class _NoExecutor:
    """Stands in for a process pool when the analysis runs in this process."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _batches(entries: Iterable[RawItem | Failure], size: int) -> Iterator[list[RawItem | Failure]]:
    batch: list[RawItem | Failure] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
