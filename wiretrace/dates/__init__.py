"""When: temporal expressions in article bodies, resolved against the publication date, and statement dates.

``tag_text(text, dct)`` finds and normalises the expressions of any text (the
``wiretrace dates`` command and the TimeML evaluation use it); ``DatesStage``
runs over analyses after the statements stage: it fills ``Analysis.times``
(offsets into the original input) and dates each statement (see
``wiretrace.dates.statements`` for what ``date_source`` means).
"""

from __future__ import annotations

from typing import Any

__all__ = ["DatesStage", "first_day", "parse_dct", "tag_text", "times_of"]


def __getattr__(name: str) -> Any:
    # loaded on first use: the tagger imports spaCy, which a command reading the store never needs
    if name == "first_day" or name == "parse_dct":
        from wiretrace.dates import calendar

        return getattr(calendar, name)
    if name in __all__:
        from wiretrace.dates import stage

        return getattr(stage, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
