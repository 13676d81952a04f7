"""Article bodies as marked-up segments for the pages.

Marks (a statement, a temporal expression) are body spans; ``segments`` cuts
the body at every mark boundary so each piece carries the marks over it.
Templates escape every piece: article text never reaches a page as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from wiretrace.store.base import SNIPPET_END, SNIPPET_START


@dataclass(frozen=True)
class Mark:
    start: int  # body offsets
    end: int
    kind: str  # css class: "statement direct", "time", ...
    title: str = ""
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass
class Segment:
    text: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def css(self) -> str:
        return " ".join(mark.kind for mark in self.marks)

    @property
    def title(self) -> str:
        return " · ".join(mark.title for mark in self.marks if mark.title)


def segments(body: str, marks: list[Mark]) -> list[Segment]:
    """The body cut at every mark boundary; each segment knows the marks covering it."""
    marks = [mark for mark in marks if 0 <= mark.start < mark.end <= len(body)]
    cuts = sorted({0, len(body), *(m.start for m in marks), *(m.end for m in marks)})
    result = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [mark for mark in marks if mark.start <= start and end <= mark.end]
        result.append(Segment(body[start:end], covering))
    return result


def snippet_html(snippet: str) -> Markup:
    """A search snippet with its matched words in <mark>, everything else escaped."""
    escaped = str(escape(snippet.replace(SNIPPET_START, "\x00s").replace(SNIPPET_END, "\x00e")))
    return Markup(escaped.replace("\x00s", "<mark>").replace("\x00e", "</mark>"))
