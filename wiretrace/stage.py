"""The one stage contract, and the specs that build the same stages in any process.

Every stage has a ``name``, ``needs`` and ``adds`` (what an ``Analysis`` must
hold before it runs, what it holds after: ``Analysis`` field names such as
``"article"``, ``"statements"``; a store stage adds what it files in the store,
such as ``"families"``), a ``pipe`` that takes a whole batch, and
``take_counts``, the outcomes it counted (skipped, not English, ...) since
last asked. What ``pipe`` receives is the one difference, set by where the
stage stands in the flow:

- the article stage, first: raw items (and the furniture each outlet's memory
  knows), giving one ``Analysis`` or ``Failure`` per item;
- per-item stages (``AnalysisStage``): analyses, giving one ``Analysis`` or
  ``Failure`` per input, in order; pure, so they run in worker processes;
- store stages (``StoreStage``): analyses and the store, inside the
  transaction that writes the batch; they write, so they return nothing.

One contract with the input varying, rather than one ``pipe(analyses, store)``
for all: a per-item stage that could reach the store could not run in a worker.

Workers never receive stage objects (they hold models); they receive
``StageSpec``s, the import path of a stage class and its keyword arguments,
and build each stage once per process.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from wiretrace.records import Analysis, Failure

if TYPE_CHECKING:
    from wiretrace.store import Store

# What every batch holds before any stage after the article stage runs.
GIVEN = ("item", "article")


class Stage:
    """What every stage has (see the module docstring for what ``pipe`` receives)."""

    name: ClassVar[str] = ""
    needs: ClassVar[tuple[str, ...]] = ()
    adds: ClassVar[tuple[str, ...]] = ()

    def count(self, outcome: str, times: int = 1) -> None:
        """Count an outcome of this batch (reported by ``take_counts``)."""
        # No __init__ here: subclasses keep their own constructors without calling super().
        self.__dict__.setdefault("_counts", Counter())[outcome] += times

    def count_each(self, outcomes: Mapping[str, int]) -> None:
        for outcome, times in outcomes.items():
            self.count(outcome, times)

    def take_counts(self) -> Counter[str]:
        """The outcomes counted since last asked; counting starts again from zero."""
        return self.__dict__.pop("_counts", Counter())

    def spec(self) -> StageSpec:
        """How to build this stage again elsewhere; a stage built with options overrides this."""
        return StageSpec.of(type(self))


class AnalysisStage(Stage):
    """A per-item stage after the article stage: analyses in, richer analyses out.

    ``pipe`` returns one result per input, in order: the analysis with what the
    stage adds, or a ``Failure`` (the pipeline then keeps the analysis as it was).
    """

    def pipe(self, analyses: Sequence[Analysis]) -> list[Analysis | Failure]:
        raise NotImplementedError


class StoreStage(Stage):
    """A stage that needs the store: copies, stories, people across articles.

    ``pipe`` runs inside the transaction that writes the batch, so an
    interrupted run never leaves articles stored without it.
    """

    def pipe(self, analyses: Sequence[Analysis], store: Store) -> None:
        raise NotImplementedError

    def update(self, store: Store, analyses: Sequence[Analysis]) -> None:
        """``pipe`` under its older name and argument order (scripts and benchmarks call it)."""
        self.pipe(analyses, store)


@dataclass(frozen=True)
class StageSpec:
    """A stage as picklable data: ``module:Class`` and keyword arguments (picklable themselves)."""

    path: str
    options: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, stage_class: type, **options: Any) -> StageSpec:
        if "<locals>" in stage_class.__qualname__:
            raise ValueError(
                f"{stage_class.__qualname__}: a stage class must be importable to run in workers"
            )
        return cls(f"{stage_class.__module__}:{stage_class.__qualname__}", tuple(sorted(options.items())))

    def stage_class(self) -> type[Stage]:
        module, _, qualname = self.path.partition(":")
        target: Any = importlib.import_module(module)
        for part in qualname.split("."):
            target = getattr(target, part)
        return target

    def build(self) -> Any:
        return self.stage_class()(**dict(self.options))


def spec_of(stage: Stage | StageSpec) -> StageSpec:
    return stage if isinstance(stage, StageSpec) else stage.spec()


def built(stages: Iterable[Any]) -> list[Any]:
    """Stages as given, with each spec among them built."""
    return [stage.build() if isinstance(stage, StageSpec) else stage for stage in stages]


def check_flow(stages: Sequence[Stage | StageSpec], given: Iterable[str] = GIVEN) -> None:
    """Raise ``ValueError`` when a stage needs what no stage before it adds."""
    held = set(given)
    for stage in stages:
        # needs and adds are class attributes: a spec is checked without building its stage
        stage_class = stage.stage_class() if isinstance(stage, StageSpec) else type(stage)
        missing = [need for need in stage_class.needs if need not in held]
        if missing:
            raise ValueError(
                f"stage {stage_class.name!r} needs {', '.join(missing)}, which no stage before it adds"
            )
        held.update(stage_class.adds)
