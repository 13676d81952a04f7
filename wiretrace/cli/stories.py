"""Commands over stories: list events and storylines, show one, score them against gold."""

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from wiretrace.cli.common import (
    DbOption,
    Format,
    FormatOption,
    OneFormat,
    OneFormatOption,
    app,
    emit_jsonl,
    eval_app,
    open_db,
    out,
)
from wiretrace.errors import UsageError
from wiretrace.views import date_range, printable, short_date

if TYPE_CHECKING:
    from wiretrace.eval.stories import StoryScores
    from wiretrace.read.models import StoryOut
    from wiretrace.records import Article
    from wiretrace.store import Store


class Level(StrEnum):
    event = "event"
    storyline = "storyline"


LevelOption = Annotated[Level | None, typer.Option("--level", help="Only events, or only storylines.")]


@app.command()
def stories(
    db: DbOption = None,
    format: FormatOption = Format.table,
    since: Annotated[str | None, typer.Option(help="Stories going on on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Stories begun on or before YYYY-MM-DD.")] = None,
    level: LevelOption = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
) -> None:
    """List stories: events (one happening, every outlet's report of it) and storylines
    (events linked over weeks), latest first."""
    from wiretrace.read import queries as read
    from wiretrace.read.models import dump
    from wiretrace.report import story_table
    from wiretrace.store import StoryQuery

    query = StoryQuery(level=level.value if level else None, since=since, until=until, limit=limit)
    with open_db(db, readonly=True) as store:
        found = read.stories(store, query)
    if format is Format.jsonl:
        emit_jsonl(dump(story) for story in found)
        return
    out.print(story_table(found))


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="Story id: E<n> for an event, S<n> for a storyline.")],
    db: DbOption = None,
    format: OneFormatOption = OneFormat.text,
) -> None:
    """Show one event or storyline: label, dates, outlets, speakers, articles (and events)."""
    from wiretrace.read import queries as read
    from wiretrace.read.models import dump

    with open_db(db, readonly=True) as store:
        found = read.story(store, story_id)
        if found is None:
            raise UsageError(f"no story with id {story_id!r} (see `wiretrace stories`)")
        if format is OneFormat.json:
            sys.stdout.write(json.dumps(dump(found), ensure_ascii=False, indent=2) + "\n")
            return
        _print_story(store, found)


def _print_story(store: "Store", found: "StoryOut") -> None:
    from wiretrace.read import queries as read

    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    meta.add_row(found.level, Text(f"{found.id}  {printable(found.title or found.label)}"))
    meta.add_row("about", Text(printable(found.label)))
    meta.add_row("dates", date_range(found.start, found.end))
    if found.storyline:
        meta.add_row("storyline", found.storyline)
    if found.events:
        meta.add_row("events", ", ".join(found.events))
    meta.add_row("outlets", Text(printable(", ".join(found.outlets)) or "—"))
    speakers = ", ".join(f"{person.name} ({person.id})" for person in found.speakers)
    meta.add_row("speakers", Text(printable(speakers) or "—"))
    out.print(meta)
    table = Table(expand=True)
    table.add_column("article", no_wrap=True, width=16)
    table.add_column("date", no_wrap=True, width=10)
    table.add_column("outlet", max_width=18)
    table.add_column("title", ratio=1, overflow="fold")
    copies = set(found.copies)
    listed = {article.id: article for article in read.summarise(store, _stored(store, found.articles))}
    for article in (listed[article_id] for article_id in found.articles if article_id in listed):
        table.add_row(
            article.id,
            short_date(article.published),
            printable(article.outlet) or "—",
            Text(printable(article.heading) + ("  (copy)" if article.id in copies else "")),
        )
    out.print(table)


def _stored(store: "Store", article_ids: list[str]) -> "list[Article]":
    return [article for article in map(store.article, article_ids) if article is not None]


@eval_app.command("stories")
def eval_stories(
    gold: Annotated[
        Path,
        typer.Option(
            "--gold", help='JSON Lines of {"id": ..., "cluster": ...}; id: URL, file or article id.'
        ),
    ],
    db: DbOption = None,
    level: Annotated[Level, typer.Option("--level", help="Score events or storylines.")] = Level.event,
    format: OneFormatOption = OneFormat.text,
    examples: Annotated[int, typer.Option(help="Split and merged stories to show.")] = 3,
) -> None:
    """Score the stored stories against a gold clustering: B-cubed and pairwise P/R/F1."""
    from wiretrace.eval.stories import match_gold, read_gold, score
    from wiretrace.stories.tables import tables as story_tables

    with open_db(db, readonly=True) as store:
        matched, missing = match_gold(store, read_gold(gold))
        predicted = story_tables(store).story_assignments(level.value)
        titles = {article_id: _title(store, article_id) for article_id in matched}
    if not matched:
        raise UsageError(f"no id in {gold} matches a stored article (by URL, file name or id)")
    unclustered = sorted(set(matched) - set(predicted))
    result = score(predicted, matched)
    if format is OneFormat.json:
        sys.stdout.write(
            json.dumps(_scores_json(result, len(matched), missing, unclustered), indent=2) + "\n"
        )
        return
    out.print(f"gold: {len(matched) + len(missing)} ids, {len(matched)} matched to stored articles", end="")
    out.print(f" ({len(missing)} not found, {len(unclustered)} not clustered); level: {level.value}")
    for name, part in (("B-cubed", result.bcubed), ("pairwise", result.pairwise)):
        out.print(f"{name:<9} precision {part.precision:.3f}  recall {part.recall:.3f}  F1 {part.f1:.3f}")
    out.print(
        f"gold stories {result.gold_clusters}, predicted {result.predicted_clusters}: "
        f"{len(result.split)} split, {len(result.merged)} merged"
    )
    for kind, groups in (("split", result.split), ("merged", result.merged)):
        for parts in groups[:examples]:
            shown = " | ".join("; ".join(titles[item] for item in part) for part in parts)
            out.print(Text(f"  {kind}: {printable(shown)}", style="dim"))


def _title(store: "Store", article_id: str) -> str:
    article = store.article(article_id)
    if article is None:
        return article_id
    return (article.value("title") or article.id)[:40]


def _scores_json(result: "StoryScores", matched: int, missing: list[str], unclustered: list[str]) -> dict:
    return {
        "bcubed": result.bcubed.__dict__,
        "pairwise": result.pairwise.__dict__,
        "items": result.items,
        "matched": matched,
        "missing": missing,
        "unclustered": unclustered,
        "gold_clusters": result.gold_clusters,
        "predicted_clusters": result.predicted_clusters,
        "split": result.split,
        "merged": result.merged,
    }
