"""The pipeline: raw items through the stages, into the store, batch by batch.

Per-item stages (article, then the analysis stages) are pure: records in,
records out, no store. They run in this process or in worker processes (each
loads its models once). The main process reads the input, skips what the
store already holds, and writes each batch in one transaction together with
the store stages, in input order; so an interrupted run loses at most the
batches in flight, and running the same input again skips every item stored.
Memory is bounded by the batches in flight, never by the input's size.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

from wiretrace.article import ArticleStage
from wiretrace.article.memory import StreamMemory, known_furniture, remember
from wiretrace.dates import DatesStage
from wiretrace.errors import ItemError
from wiretrace.origins import OriginsStage, canonical_of
from wiretrace.people import PeopleStage
from wiretrace.records import Analysis, Article, Failure, RawItem
from wiretrace.registry import Registry
from wiretrace.store import Batch, Store
from wiretrace.stories import StoriesStage

DEFAULT_BATCH_SIZE = 64
# Batches handed to workers ahead of the one being written: enough to keep
# every worker busy while the main process writes, few enough to bound memory.
BATCHES_AHEAD_PER_WORKER = 2


class AnalysisStage(Protocol):
    """A stage after the article stage: analyses in, richer analyses out.

    ``pipe`` returns one result per input, in order: the analysis with what
    the stage adds, or a ``Failure`` when the stage could not handle it (the
    pipeline then keeps the analysis as it was).
    """

    name: str

    def pipe(self, analyses: Sequence[Analysis]) -> list[Analysis | Failure]: ...


class StoreStage(Protocol):
    """A stage that needs the store: copies, stories, entities across articles.

    ``update`` runs inside the transaction that writes the batch, so an
    interrupted run never leaves articles stored without it.
    """

    name: str

    def update(self, store: Store, analyses: Sequence[Analysis]) -> None: ...


def default_stages() -> tuple[list[AnalysisStage], list[StoreStage]]:
    """The stages a full run uses, in flow order (each loads its models once)."""
    from wiretrace.statements import StatementStage

    analysis: list[AnalysisStage] = [StatementStage()]
    store: list[StoreStage] = []
    # The dates stage follows the statements stage: it dates the statements found.
    analysis.append(DatesStage())
    # Origins before stories: a story counts each family of copies once.
    store.append(OriginsStage())
    store.append(StoriesStage(canonical_of=canonical_of))
    # People across articles: links each article's entities and speakers (after stories).
    store.append(PeopleStage())
    return analysis, store


@dataclass
class Summary:
    """What a run did, for the closing line and the exit code."""

    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)

    def add_failures(self, failures: Iterable[Failure]) -> None:
        for failure in failures:
            self.failed += 1
            self.failures.append(failure)


Progress = Callable[[int], None]
KnownFurniture = Callable[[Sequence[RawItem]], dict[str, frozenset[int]]]


class Analyser:
    """The per-item stages over a batch of raw items; no store involved."""

    def __init__(self, registry: Registry | None = None, stages: Sequence[AnalysisStage] = ()) -> None:
        self.article_stage = ArticleStage(registry)
        self.stages = list(stages)

    def __call__(
        self, items: Sequence[RawItem], known_furniture: Mapping[str, frozenset[int]] | None = None
    ) -> tuple[list[Analysis], list[Failure]]:
        """``known_furniture``: for each item id, the lines its outlet's memory names furniture."""
        analyses: list[Analysis] = []
        failures: list[Failure] = []
        known_furniture = known_furniture or {}
        for item in items:
            try:
                article: Article = self.article_stage(item, known_furniture.get(item.id, frozenset()))
            except ItemError as error:
                failures.append(Failure(item.source_path, error.stage, error.reason, item.id))
                continue
            analyses.append(Analysis(item=item, article=article))
        for stage in self.stages:
            results = stage.pipe(analyses)
            kept = []
            for before, after in zip(analyses, results, strict=True):
                if isinstance(after, Failure):
                    failures.append(after)
                    kept.append(before)
                else:
                    kept.append(after)
            analyses = kept
        return analyses, failures


# -- worker processes ----------------------------------------------------------------

_WORKER_ANALYSER: Analyser | None = None


def _start_worker(registry: Registry | None, full: bool) -> None:
    global _WORKER_ANALYSER
    stages = default_stages()[0] if full else []
    _WORKER_ANALYSER = Analyser(registry, stages)


def _analyse_in_worker(
    items: list[RawItem], known_furniture: dict[str, frozenset[int]]
) -> tuple[list[Analysis], list[Failure]]:
    assert _WORKER_ANALYSER is not None, "worker started without its analyser"
    return _WORKER_ANALYSER(items, known_furniture)


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:
        return os.cpu_count() or 1


class Pipeline:
    """Runs items through the stages and writes them to a store."""

    def __init__(
        self,
        store: Store,
        *,
        registry: Registry | None = None,
        stages: Sequence[AnalysisStage] = (),
        store_stages: Sequence[StoreStage] = (),
        batch_size: int = DEFAULT_BATCH_SIZE,
        workers: int = 1,
        full: bool = False,
    ) -> None:
        self.store = store
        self.registry = registry
        self.analyser = Analyser(registry, stages)
        self.store_stages = list(store_stages)
        self.batch_size = batch_size
        self.workers = max(workers, 1)
        self._full = full  # workers build the default stages themselves

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
        # With workers, the analysis stages live in the workers only: models load there.
        analysis, store_stages = default_stages() if workers <= 1 else ([], default_stages()[1])
        return cls(
            store,
            registry=registry,
            stages=analysis,
            store_stages=store_stages,
            batch_size=batch_size,
            workers=workers,
            full=True,
        )

    def analyse(
        self, items: Sequence[RawItem], known_furniture: Mapping[str, frozenset[int]] | None = None
    ) -> tuple[list[Analysis], list[Failure]]:
        """Run the per-item stages over a batch in this process."""
        return self.analyser(items, known_furniture)

    # -- ingest ------------------------------------------------------------------

    def ingest(self, inputs: Iterable[RawItem | Failure], progress: Progress | None = None) -> Summary:
        """Analyse and store new items, in input order; skip those already stored."""
        summary = Summary()
        in_flight: set[str] = set()  # ids read but not yet written: bounded by the batches ahead
        memory = StreamMemory(self.store)

        def fresh_batches() -> Iterator[tuple[list[RawItem], list[Failure], int]]:
            for chunk in _batches(inputs, self.batch_size):
                yield (*self._fresh(chunk, in_flight, summary), len(chunk))

        for items, read_failures, size, analyses, failures in self._analysed(fresh_batches(), memory.read):
            failures = read_failures + failures
            with self.store.transaction():
                self._commit(Batch(items=items, analyses=analyses, failures=failures))
                memory.written(items)
            in_flight.difference_update(item.id for item in items)
            summary.ingested += len(analyses)
            summary.add_failures(failures)
            if progress:
                progress(size)
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
            for chunk in _batches([*read_failures, *items], self.batch_size):
                fresh, chunk_failures = self._fresh(chunk, seen, summary)
                fresh_analyses = [analysis_of[item.id] for item in fresh if item.id in analysis_of]
                for item in fresh:
                    chunk_failures.extend(failures_of.get(item.id, ()))
                with self.store.transaction():
                    self._commit(Batch(items=fresh, analyses=fresh_analyses, failures=chunk_failures))
                    remember(self.store, fresh)  # analysed without memory; later pages learn from them
                summary.ingested += len(fresh_analyses)
                summary.add_failures(chunk_failures)
                if progress:
                    progress(len(chunk))
        return summary

    def _fresh(
        self, chunk: list[RawItem | Failure], in_flight: set[str], summary: Summary
    ) -> tuple[list[RawItem], list[Failure]]:
        """The chunk's items not stored yet (nor read earlier in this run), and its read failures."""
        read_failures = [entry for entry in chunk if isinstance(entry, Failure)]
        items = [entry for entry in chunk if isinstance(entry, RawItem)]
        known = self.store.known_ids(item.id for item in items)
        fresh: dict[str, RawItem] = {}
        for item in items:
            if item.id in known or item.id in fresh or item.id in in_flight:
                summary.duplicates += 1
            else:
                fresh[item.id] = item
        in_flight.update(fresh)
        return list(fresh.values()), read_failures

    def _analysed(self, batches: Iterable[tuple], known_for: KnownFurniture) -> Iterator[tuple]:
        """Analyse batches (items first, then anything to pass along), yielding results in order.

        With workers, up to ``BATCHES_AHEAD_PER_WORKER`` batches per worker are
        analysed ahead of the one being yielded. ``known_for`` gives each batch's
        items the lines their outlets' memory names furniture.
        """
        with self._executor() as executor:
            pending: deque[tuple[tuple, Future | tuple]] = deque()
            ahead = BATCHES_AHEAD_PER_WORKER * self.workers if executor else 0
            for batch in batches:
                items = batch[0]
                known = known_for(items)
                result = (
                    executor.submit(_analyse_in_worker, items, known)
                    if executor and items
                    else self.analyse(items, known)
                )
                pending.append((batch, result))
                while len(pending) > ahead:
                    yield _outcome(*pending.popleft())
            while pending:
                yield _outcome(*pending.popleft())

    def _executor(self) -> ProcessPoolExecutor | _NoExecutor:
        if self.workers <= 1:
            return _NoExecutor()
        return ProcessPoolExecutor(
            max_workers=self.workers,
            # spawn, not fork: the parent may run threads (progress bars, servers)
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self.registry, self._full),
        )

    def _commit(self, batch: Batch, analyses: Sequence[Analysis] | None = None) -> None:
        """Write a batch and run the store stages over it, in one transaction."""
        with self.store.transaction():
            self.store.write(batch)
            for stage in self.store_stages:
                stage.update(self.store, batch.analyses if analyses is None else analyses)

    # -- reprocess ---------------------------------------------------------------

    def reprocess(self, ids: Iterable[str] | None = None, progress: Progress | None = None) -> Summary:
        """Run the stages again on stored items and replace what they derived."""
        summary = Summary()
        chunks = ((list(chunk),) for chunk in _batches(self.store.iter_items(ids), self.batch_size))
        # every page is in the store already: each learns from all the others of its outlet
        for items, analyses, failures in self._analysed(chunks, partial(known_furniture, self.store)):
            failed_ids = {failure.item_id for failure in failures}
            with self.store.transaction():
                self.store.replace_analyses(analyses)
                self.store.resolve_failures(item.id for item in items if item.id not in failed_ids)
                self._commit(Batch(failures=failures), analyses)
            summary.ingested += len(analyses)
            summary.add_failures(failures)
            if progress:
                progress(len(items))
        return summary


def _outcome(batch: tuple, result: Future | tuple) -> tuple:
    analyses, failures = result.result() if isinstance(result, Future) else result
    return (*batch, analyses, failures)


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
