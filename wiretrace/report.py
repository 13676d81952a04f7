"""The report `make demo` prints: what the store holds, at a glance.

Each section is a function from the store to a rich renderable, so later
stages add their section without touching the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from wiretrace.read import queries as read
from wiretrace.read.models import StatementOut, StoryOut
from wiretrace.store import ArticleQuery, StatementQuery, Store, StoryQuery
from wiretrace.views import date_range, printable, short_date, speaker_label

Section = Callable[[Store], RenderableType | None]


def articles_section(store: Store) -> RenderableType:
    table = Table(title="Articles", title_justify="left", expand=True, show_lines=False)
    table.add_column("outlet", max_width=16, overflow="fold")
    table.add_column("original", max_width=16, overflow="fold")
    table.add_column("date", width=10, no_wrap=True)
    table.add_column("title", ratio=1, overflow="fold")
    table.add_column("words", justify="right", width=5)
    for article in read.articles(store, ArticleQuery(limit=200)):
        # an untitled article shows its first words, dimmed: never passed off as a headline
        shown = Text(printable(article.heading), style="" if article.title else "dim italic")
        table.add_row(
            printable(article.outlet) or "—",
            printable(article.original_publisher) or "—",
            short_date(article.published),
            shown,
            str(article.words),
        )
    return table


def counts_section(store: Store) -> RenderableType:
    counts = store.counts()
    parts = [f"{value:,} {name}" for name, value in counts.items()]
    return Text("Store: " + " · ".join(parts) + f"  ({store.url})", style="bold")


def story_table(found: list[StoryOut], title: str | None = None) -> Table:
    """Stories as a table that fits 100 columns (the report and `wiretrace stories`)."""
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("id", no_wrap=True, width=5)
    table.add_column("level", no_wrap=True, width=9)
    table.add_column("dates", no_wrap=True, width=16)
    table.add_column("n", justify="right", width=3)
    table.add_column("outlets", max_width=16, overflow="ellipsis", no_wrap=True)
    table.add_column("title", ratio=1, overflow="fold")
    for story in found:
        table.add_row(
            story.id,
            Text(story.level, style="bold" if story.level == "storyline" else ""),
            date_range(story.start, story.end),
            str(len(story.articles)),
            printable(", ".join(story.outlets)) or "—",
            Text(printable(story.title or story.label)),
        )
    return table


STORIES_SHOWN = 20


def stories_section(store: Store) -> RenderableType | None:
    """The latest storylines and events (nothing when no story was found)."""
    found = read.stories(store, StoryQuery(limit=STORIES_SHOWN))
    if not found:
        return None
    return story_table(found, title="Stories (events; storylines of two events or more)")


# How much of the store the statements section shows: the busiest speakers,
# and a few statements each, so the section stays one screen or two.
REPORT_SPEAKERS = 12
REPORT_STATEMENTS_PER_SPEAKER = 4
STATEMENT_SNIPPET = 150


def statements_section(store: Store) -> RenderableType | None:
    """Statements grouped by person (a place and the government speaking for it are one),
    busiest first."""
    statements = read.statements(store, StatementQuery(limit=5000))
    if not statements:
        return None
    by_speaker: dict[str, list[StatementOut]] = {}
    for statement in statements:
        key = statement.person.id if statement.person else speaker_label(statement)
        by_speaker.setdefault(key, []).append(statement)
    groups = [(speaker_label(said[0]), said) for said in by_speaker.values()]
    ranked = sorted(groups, key=lambda pair: (pair[0] == "—", -len(pair[1]), pair[0]))
    table = Table(title="Who said what", title_justify="left", expand=True, show_lines=False)
    table.add_column("speaker", max_width=20, overflow="fold")
    table.add_column("kind", width=8, no_wrap=True)
    table.add_column("statement", ratio=1, overflow="fold")
    for name, said in ranked[:REPORT_SPEAKERS]:
        for index, statement in enumerate(said[:REPORT_STATEMENTS_PER_SPEAKER]):
            label = Text(f"{name} ({len(said)})", style="bold") if index == 0 else Text("")
            table.add_row(label, statement.kind, _snippet(statement.text))
        if len(said) > REPORT_STATEMENTS_PER_SPEAKER:
            more = len(said) - REPORT_STATEMENTS_PER_SPEAKER
            table.add_row("", "", Text(f"… and {more} more", style="dim"))
        table.add_section()
    if len(ranked) > REPORT_SPEAKERS:
        table.caption = f"{len(ranked) - REPORT_SPEAKERS} more speakers: wiretrace quotes --speaker NAME"
    return table


def _snippet(text: str) -> Text:
    flat = printable(" ".join(text.split()))
    return Text(flat if len(flat) <= STATEMENT_SNIPPET else flat[: STATEMENT_SNIPPET - 1] + "…")


SECTIONS: list[Section] = [counts_section, articles_section, statements_section, stories_section]


def render(store: Store, sections: Iterable[Section] = SECTIONS) -> RenderableType:
    parts = [part for section in sections if (part := section(store)) is not None]
    return Group(*[item for part in parts for item in (part, Text(""))])


def print_report(store: Store, console: Console | None = None) -> None:
    console = console or Console(markup=False, emoji=False)  # article text is data, never markup
    console.print(render(store))
