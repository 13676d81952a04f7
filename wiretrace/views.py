"""How records read on a terminal and in tables: printable text, short dates, speaker
labels, and the shapes of the records the read layer (``wiretrace.read``) does not
cover yet (temporal expressions, families of copies)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wiretrace.read.models import StatementOut
    from wiretrace.records import Article, Family, TimeExpression

# C0 and C1 control characters other than tab and newline: terminal escape
# sequences start with one, so text from articles never prints them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str | None) -> str:
    """Text safe to print on a terminal: control characters shown as U+FFFD."""
    return _CONTROL.sub("\ufffd", text or "")


def one_line(text: str | None) -> str:
    """Text for a one-line message: line breaks and tabs shown as escapes, controls as U+FFFD."""
    text = (text or "").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return printable(text)


def credit_text(article: Article) -> str | None:
    """The text that proved the original publisher (None when nothing in the page credits one)."""
    found = article.original_publisher
    if found is None or found.method == "same as outlet":
        return None
    return found.span.text if found.span else found.method


def short_date(value: str | None) -> str:
    """The day part of an ISO date-time, for tables."""
    return value[:10] if value else "—"


def date_range(start: str | None, end: str | None) -> str:
    """ "2025-02-26–03-04" for tables; one day shown once; "—" where undated."""
    if not start or not end:
        return "—"
    if start == end:
        return start
    if start[:4] == end[:4]:
        return f"{start}–{end[5:]}"
    return f"{start}–{end}"


def speaker_label(statement: StatementOut) -> str:
    """Who said it, for tables and pages: the person across articles, else the name in the
    article, else the mention as written (quoted, so an unresolved "he" or "it" never passes
    for a name), else a dash."""
    if statement.person is not None:
        return printable(statement.person.name)
    speaker = statement.speaker
    if speaker is None:
        return "—"
    return printable(speaker.name) if speaker.name else f"“{printable(speaker.mention)}” (unresolved)"


def time_dict(time: TimeExpression) -> dict[str, Any]:
    """A temporal expression as JSON: the fields of ``wiretrace dates --format jsonl``."""
    return {
        "start": time.start,
        "end": time.end,
        "text": time.text,
        "type": time.type,
        "value": time.value,
        "anchored": time.anchored,
    }


def family_dict(family: Family) -> dict[str, Any]:
    """A family of copies as JSON: the fields of ``wiretrace origins --format jsonl``."""
    return {
        "id": family.id,
        "original_publisher": family_publisher(family),
        "canonical": family.canonical.id,
        "members": [
            {
                "article_id": article.id,
                "outlet": article.value("outlet"),
                "original_publisher": article.value("original_publisher"),
                "credit": credit_text(article),
                "title": article.value("title"),
                "published": article.value("published"),
                "is_canonical": member.is_canonical,
                "similarity": member.similarity,
                "difference": list(member.difference),
                "joined_via": member.joined_via,
            }
            for member, article in family.members
        ],
    }


def family_publisher(family: Family) -> str | None:
    """Who first published a family's story: what its members credit, the canonical's first."""
    credited = [family.canonical.value("original_publisher")]
    credited += [article.value("original_publisher") for _, article in family.members]
    return next((name for name in credited if name), None)
