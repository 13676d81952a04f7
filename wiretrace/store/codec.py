"""Records to rows and back, shared by every store backend."""

from __future__ import annotations

import json
import zlib
from typing import Any

from wiretrace.records import (
    Article,
    Cue,
    Entity,
    Found,
    OffsetMap,
    OriginMember,
    RawItem,
    Removed,
    Span,
    Speaker,
    Statement,
    StoryCluster,
    StoryMember,
    TimeExpression,
    fields_of,
    to_dict,
)

FOUND_FIELDS = ("title", "published", "outlet", "original_publisher", "author")


def compress(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 6)


def decompress(blob: bytes) -> str:
    return zlib.decompress(bytes(blob)).decode("utf-8", "surrogatepass")


def item_row(item: RawItem, now: str) -> dict[str, Any]:
    return {
        "id": item.id,
        "source_path": item.source_path,
        "media_type": item.media_type,
        "url": item.url,
        "hints": json.dumps(item.hints, ensure_ascii=False),
        "encoding": item.encoding,
        "content": compress(item.content),
        "ingested_at": now,
    }


def row_item(row: dict[str, Any]) -> RawItem:
    return RawItem(
        id=row["id"],
        source_path=row["source_path"],
        media_type=row["media_type"],
        content=decompress(row["content"]),
        url=row["url"],
        hints=json.loads(row["hints"]),
        encoding=row["encoding"],
    )


def _found_json(found: Found | None) -> dict[str, Any] | None:
    if found is None:
        return None
    span = [found.span.start, found.span.end, found.span.text] if found.span else None
    return {"value": found.value, "method": found.method, "span": span}


def _json_found(data: dict[str, Any] | None) -> Found | None:
    if not data:
        return None
    span = Span(*data["span"]) if data.get("span") else None
    return Found(data["value"], data["method"], span)


def article_row(article: Article, now: str) -> dict[str, Any]:
    published = article.value("published")
    return {
        "id": article.id,
        "source_path": article.source_path,
        "media_type": article.media_type,
        "url": article.url,
        "title": article.value("title"),
        "published": published,
        "published_day": published[:10] if published else None,
        "outlet": article.value("outlet"),
        "original_publisher": article.value("original_publisher"),
        "author": article.value("author"),
        "language": article.language,
        "body": article.body,
        "words": article.words,
        "body_map": json.dumps(article.body_map.as_list()),
        "removed": json.dumps(
            [{"start": r.start, "end": r.end, "text": r.text, "reason": r.reason} for r in article.removed],
            ensure_ascii=False,
        ),
        "provenance": json.dumps(
            {name: _found_json(getattr(article, name)) for name in FOUND_FIELDS}, ensure_ascii=False
        ),
        "processed_at": now,
    }


def row_article(row: dict[str, Any]) -> Article:
    provenance = json.loads(row["provenance"])
    return Article(
        id=row["id"],
        source_path=row["source_path"],
        media_type=row["media_type"],
        body=row["body"],
        body_map=OffsetMap.from_list(json.loads(row["body_map"])),
        removed=tuple(Removed(**r) for r in json.loads(row["removed"])),
        url=row["url"],
        language=row["language"],
        **{name: _json_found(provenance.get(name)) for name in FOUND_FIELDS},
    )


def statement_row(statement: Statement) -> dict[str, Any]:
    speaker = statement.speaker
    return {
        "id": statement.id,
        "article_id": statement.article_id,
        "kind": statement.kind,
        "start": statement.start,
        "end": statement.end,
        "text": statement.text,
        "speaker": (speaker.name or speaker.mention) if speaker else None,
        "date": statement.date,
        "data": json.dumps(to_dict(statement), ensure_ascii=False),
    }


def row_statement(row: dict[str, Any]) -> Statement:
    data = json.loads(row["data"])
    data["cue"] = Cue(**data["cue"]) if data.get("cue") else None
    data["speaker"] = Speaker(**data["speaker"]) if data.get("speaker") else None
    data["date_span"] = Span(**data["date_span"]) if data.get("date_span") else None
    data["relayed_by"] = tuple(data.get("relayed_by") or ())
    known = Statement.__dataclass_fields__
    return Statement(**{key: value for key, value in data.items() if key in known})


def time_row(article_id: str, time: TimeExpression) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "start": time.start,
        "end": time.end,
        "text": time.text,
        "type": time.type,
        "value": time.value,
        "anchored": int(time.anchored),
    }


def row_time(row: dict[str, Any]) -> TimeExpression:
    return TimeExpression(
        start=row["start"],
        end=row["end"],
        text=row["text"],
        type=row["type"],
        value=row["value"],
        anchored=bool(row["anchored"]),
    )


# Story fields kept as columns; the rest of the record goes to `data` as JSON.
STORY_COLUMNS = ("id", "level", "parent_id", "seq", "label", "start", "end", "anchor", "size")


def story_row(cluster: StoryCluster) -> dict[str, Any]:
    data = fields_of(cluster)
    row = {name: data.pop(name) for name in STORY_COLUMNS}
    row["data"] = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return row


def row_story(row: dict[str, Any]) -> StoryCluster:
    data = json.loads(row["data"])
    data.update({name: row[name] for name in STORY_COLUMNS})
    known = StoryCluster.__dataclass_fields__
    return StoryCluster(**{key: value for key, value in data.items() if key in known})


def member_row(member: StoryMember) -> dict[str, Any]:
    return {
        "article_id": member.article_id,
        "event_id": member.event_id,
        "day": member.day,
        "copy_of": member.copy_of,
        "data": json.dumps(fields_of(member), ensure_ascii=False, separators=(",", ":")),
    }


def row_member(row: dict[str, Any]) -> StoryMember:
    data = json.loads(row["data"])
    data["event_id"] = row["event_id"]
    known = StoryMember.__dataclass_fields__
    return StoryMember(**{key: value for key, value in data.items() if key in known})


def entity_row(article_id: str, entity: Entity) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "name": entity.name,
        "kind": entity.kind,
        "roles": json.dumps(list(entity.roles), ensure_ascii=False),
        "mentions": json.dumps([[m.start, m.end, m.text] for m in entity.mentions], ensure_ascii=False),
    }


def row_entity(row: dict[str, Any]) -> Entity:
    return Entity(
        name=row["name"],
        kind=row["kind"],
        mentions=tuple(Span(*mention) for mention in json.loads(row["mentions"])),
        roles=tuple(json.loads(row["roles"])),
    )


def origin_row(member: OriginMember) -> dict[str, Any]:
    return {
        "article_id": member.article_id,
        "family_id": member.family_id,
        "is_canonical": int(member.is_canonical),
        "similarity": member.similarity,
        "difference": ",".join(member.difference),
        "shingles": member.shingles,
        "joined_via": member.joined_via,
    }


def row_origin(row: dict[str, Any]) -> OriginMember:
    return OriginMember(
        article_id=row["article_id"],
        family_id=row["family_id"],
        is_canonical=bool(row["is_canonical"]),
        similarity=row["similarity"],
        difference=tuple(part for part in (row["difference"] or "").split(",") if part),
        shingles=row["shingles"],
        joined_via=row["joined_via"],
    )
