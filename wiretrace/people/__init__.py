"""People and organisations across articles: linking, timelines, echoes.

``PeopleStage`` (store-level, after stories) links each article's entities and
speakers to people kept in the store; ``timeline`` lists a person's statements
in the order they were made; ``echoes`` finds earlier statements by the same
speaker that say nearly the same thing.
"""

from __future__ import annotations

from typing import Any

__all__ = ["PeopleStage"]


def __getattr__(name: str) -> Any:
    # loaded on first use, so that reading timelines and decisions loads no stage
    if name == "PeopleStage":
        from wiretrace.people.stage import PeopleStage

        return PeopleStage
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
