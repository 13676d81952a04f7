"""Records as plain data for people and programs: the shapes the CLI, the web
pages, the API and the exports all show. One place decides each field."""

from __future__ import annotations

import re
from typing import Any

from wiretrace.records import (
    Article,
    Echo,
    Entity,
    Family,
    Found,
    OriginMember,
    PersonProfile,
    Seen,
    SpokenStatement,
    Statement,
    Story,
    TimeExpression,
)

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


def found_dict(found: Found | None) -> dict[str, Any] | None:
    if found is None:
        return None
    span = {"start": found.span.start, "end": found.span.end, "text": found.span.text} if found.span else None
    return {"value": found.value, "method": found.method, "span": span}


def credit_text(article: Article) -> str | None:
    """The text that proved the original publisher (None when nothing in the page credits one)."""
    found = article.original_publisher
    if found is None or found.method == "same as outlet":
        return None
    return found.span.text if found.span else found.method


def article_dict(
    article: Article,
    *,
    with_body: bool = True,
    origin: OriginMember | None = None,
    inherited: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """An article as JSON: the fields of ``wiretrace articles --format jsonl``.

    ``origin`` is its place in a family of copies (the origins stage); without it the
    family fields are null. ``inherited`` is the publisher another member of the family
    credits, and that member's id, for an article whose own page credits no one.
    """
    data: dict[str, Any] = {
        "id": article.id,
        "source_path": article.source_path,
        "url": article.url,
        "title": article.value("title"),
        "published": article.value("published"),
        "outlet": article.value("outlet"),
        "original_publisher": article.value("original_publisher"),
        "credit": credit_text(article),
        "family_id": origin.family_id if origin else None,
        "is_canonical": origin.is_canonical if origin else None,
        "author": article.value("author"),
        "language": article.language,
        "words": article.words,
    }
    if inherited is not None and data["credit"] is None:
        data["original_publisher"], data["credit"] = inherited[0], f"copy of {inherited[1]}"
    if with_body:
        data["body"] = article.body
        # [body_start, source_start, length]: body[b:b+n] == source[s:s+n]
        data["body_offsets"] = article.body_map.as_list()
        data["removed"] = [
            {"start": r.start, "end": r.end, "text": r.text, "reason": r.reason} for r in article.removed
        ]
        data["provenance"] = {
            name: found_dict(getattr(article, name))
            for name in ("title", "published", "outlet", "original_publisher", "author")
        }
    return data


def short_date(value: str | None) -> str:
    """The day part of an ISO date-time, for tables."""
    return value[:10] if value else "—"


def story_dict(story: Story) -> dict[str, Any]:
    """A story as JSON: the fields of ``wiretrace stories --format jsonl``."""
    data: dict[str, Any] = {
        "id": story.id,
        "level": story.level,
        "label": story.label,
        "start": story.start,
        "end": story.end,
        "articles": list(story.articles),
        "outlets": list(story.outlets),
        "speakers": list(story.speakers),
    }
    if story.level == "event":
        data["storyline"] = story.storyline
        data["copies"] = list(story.copies)
    else:
        data["events"] = list(story.events)
    return data


def date_range(start: str | None, end: str | None) -> str:
    """ "2025-02-26–03-04" for tables; one day shown once; "—" where undated."""
    if not start or not end:
        return "—"
    if start == end:
        return start
    if start[:4] == end[:4]:
        return f"{start}–{end[5:]}"
    return f"{start}–{end}"


def statement_dict(statement: Statement, source_path: str | None) -> dict[str, Any]:
    """A statement as JSON: the fields of ``wiretrace quotes --format jsonl`` (input offsets)."""
    cue = statement.cue
    speaker = statement.speaker
    return {
        "id": statement.id,
        "article_id": statement.article_id,
        "source_path": source_path,
        "kind": statement.kind,
        "start": statement.start,
        "end": statement.end,
        "text": statement.text,
        "cue": {"text": cue.text, "start": cue.start, "end": cue.end} if cue else None,
        "speaker": (
            {"name": speaker.name, "mention": speaker.mention, "start": speaker.start, "end": speaker.end}
            if speaker
            else None
        ),
        "role": statement.role,
        "venue": statement.venue,
        "relayed_by": list(statement.relayed_by),
        "date": statement.date,
        "date_source": statement.date_source,
        "date_span": (
            {
                "start": statement.date_span.start,
                "end": statement.date_span.end,
                "text": statement.date_span.text,
            }
            if statement.date_span
            else None
        ),
    }


def speaker_label(statement: Statement) -> str:
    """Who said it, for tables: the resolved name, else the mention as written (quoted, so an
    unresolved "he" or "it" never passes for a name), else a dash."""
    speaker = statement.speaker
    if speaker is None:
        return "—"
    return printable(speaker.name) if speaker.name else f"“{printable(speaker.mention)}” (unresolved)"


def entity_dict(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "kind": entity.kind,
        "roles": list(entity.roles),
        "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in entity.mentions],
    }


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


def seen_dict(seen: Seen) -> dict[str, Any]:
    return {
        "text": seen.text,
        "first_seen": seen.first_seen,
        "last_seen": seen.last_seen,
        "articles": seen.articles,
    }


def person_dict(profile: PersonProfile, *, full: bool = True) -> dict[str, Any]:
    """A person across articles as JSON: ``wiretrace entities --format jsonl`` and ``/api/entities``."""
    person = profile.person
    found: dict[str, Any] = {
        "id": person.id,
        "name": person.name,
        "kind": person.kind,
        "articles": profile.articles,
        "statements": profile.statements,
        "first_seen": profile.first_seen,
        "last_seen": profile.last_seen,
    }
    if full:
        found["aliases"] = [seen_dict(seen) for seen in profile.aliases]
        found["roles"] = [seen_dict(seen) for seen in profile.roles]
        found["spoken_for"] = [seen_dict(seen) for seen in profile.spoken_for]
        found["outlets"] = [{"outlet": outlet, "statements": count} for outlet, count in profile.outlets]
    return found


def spoken_dict(entry: SpokenStatement) -> dict[str, Any]:
    """One line of ``wiretrace timeline --format jsonl``."""
    statement = entry.statement
    return {
        "id": statement.id,
        "article_id": statement.article_id,
        "day": entry.day,
        "date": statement.date,
        "date_source": statement.date_source,
        "kind": statement.kind,
        "outlet": entry.outlet,
        "speaker_id": entry.person_id,
        "mention": statement.speaker.mention if statement.speaker else None,
        "text": statement.text,
    }


def echo_dict(echo: Echo) -> dict[str, Any]:
    """One line of ``wiretrace echoes --format jsonl``: best first."""
    return {
        "id": echo.statement.id,
        "article_id": echo.statement.article_id,
        "text": echo.statement.text,
        "date": echo.day,
        "score": echo.score,
        "sentence": echo.sentence,
    }
