"""The pipeline: raw items through the stages, into the store, batch by batch.

Per-item stages (article, then the analysis stages) are pure: records in,
records out, no store. Each batch is written in one transaction, so an
interrupted run loses at most the batch in flight, and running the same input
again skips every item already stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from wiretrace.article import ArticleStage
from wiretrace.errors import ItemError
from wiretrace.records import Analysis, Article, Failure, RawItem
from wiretrace.registry import Registry
from wiretrace.store import Batch, Store
from wiretrace.stories import StoriesStage

DEFAULT_BATCH_SIZE = 64


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
    analysis: list[AnalysisStage] = []
    store: list[StoreStage] = []
    # Stories come last in the flow (after origins, whose families it counts once).
    store.append(StoriesStage())
    return analysis, store


@dataclass
class Summary:
    """What a run did, for the closing line and the exit code."""

    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)

    def add(self, other: Summary) -> None:
        self.ingested += other.ingested
        self.duplicates += other.duplicates
        self.failed += other.failed
        self.failures.extend(other.failures)


Progress = Callable[[int], None]


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
    ) -> None:
        self.store = store
        self.article_stage = ArticleStage(registry)
        self.stages = list(stages)
        self.store_stages = list(store_stages)
        self.batch_size = batch_size

    @classmethod
    def full(
        cls, store: Store, *, registry: Registry | None = None, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> Pipeline:
        """A pipeline with every stage wiretrace has (what the CLI and the web app run)."""
        analysis, store_stages = default_stages()
        return cls(
            store, registry=registry, stages=analysis, store_stages=store_stages, batch_size=batch_size
        )

    # -- per-item analysis (pure) ----------------------------------------------

    def analyse(self, items: Sequence[RawItem]) -> tuple[list[Analysis], list[Failure]]:
        """Run the per-item stages over a batch; no store involved."""
        analyses: list[Analysis] = []
        failures: list[Failure] = []
        for item in items:
            try:
                article: Article = self.article_stage(item)
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

    # -- ingest ------------------------------------------------------------------

    def ingest(self, inputs: Iterable[RawItem | Failure], progress: Progress | None = None) -> Summary:
        """Analyse and store new items; skip those already stored."""
        summary = Summary()
        for chunk in _batches(inputs, self.batch_size):
            summary.add(self._ingest_batch(chunk))
            if progress:
                progress(len(chunk))
        return summary

    def _ingest_batch(self, chunk: list[RawItem | Failure]) -> Summary:
        summary = Summary()
        read_failures = [entry for entry in chunk if isinstance(entry, Failure)]
        items = [entry for entry in chunk if isinstance(entry, RawItem)]
        known = self.store.known_ids(item.id for item in items)
        fresh: dict[str, RawItem] = {}
        for item in items:
            if item.id in known or item.id in fresh:
                summary.duplicates += 1
            else:
                fresh[item.id] = item
        analyses, failures = self.analyse(list(fresh.values()))
        failures = read_failures + failures
        self._commit(Batch(items=list(fresh.values()), analyses=analyses, failures=failures))
        summary.ingested = len(analyses)
        summary.failed = len(failures)
        summary.failures = failures
        return summary

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
        for chunk in _batches(self.store.iter_items(ids), self.batch_size):
            items = [item for item in chunk if isinstance(item, RawItem)]
            analyses, failures = self.analyse(items)
            failed_ids = {failure.item_id for failure in failures}
            with self.store.transaction():
                self.store.replace_analyses(analyses)
                self.store.resolve_failures(item.id for item in items if item.id not in failed_ids)
                self._commit(Batch(failures=failures), analyses)
            summary.ingested += len(analyses)
            summary.failed += len(failures)
            summary.failures.extend(failures)
            if progress:
                progress(len(chunk))
        return summary


def _batches(entries: Iterable[RawItem | Failure], size: int) -> Iterator[list[RawItem | Failure]]:
    batch: list[RawItem | Failure] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
