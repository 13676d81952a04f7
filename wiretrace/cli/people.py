"""Commands over people across articles: entities, entity (show, merge, split), timeline, echoes."""

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from wiretrace.cli.common import (
    DbOption,
    Format,
    FormatOption,
    OneFormat,
    OneFormatOption,
    app,
    emit_jsonl,
    err,
    open_db,
    out,
)
from wiretrace.people.echoes import DEFAULT_LIMIT
from wiretrace.views import printable, short_date

if TYPE_CHECKING:
    import click

    from wiretrace.records import PersonProfile
    from wiretrace.store import Store


def _open(db: str | None) -> "Store":
    """The store, which must exist; opened for writing so a store made before the people
    tables gets them (its articles are linked by `wiretrace reprocess`)."""
    open_db(db, readonly=True).close()  # a clear error when there is no store
    return open_db(db)


class _ShowByDefault(TyperGroup):
    """`wiretrace entity NAME` shows NAME; `wiretrace entity merge|split ...` are subcommands."""

    def resolve_command(self, ctx: "click.Context", args: list[str]):  # type: ignore[override]
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["show", *args]
        return super().resolve_command(ctx, args)


entity_app = typer.Typer(
    cls=_ShowByDefault,
    help="One person or organisation across articles: show it (`entity NAME`), merge, split.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(entity_app, name="entity")


@app.command()
def entities(
    db: DbOption = None,
    format: FormatOption = Format.table,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="Only PERSON, ORG, GPE (places), GOV (governments), GROUP (parties, nationalities) or THING (laws, works).",
        ),
    ] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Names containing this.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
) -> None:
    """List people and organisations across articles, most quoted first."""
    from wiretrace.people.tables import tables as people_tables
    from wiretrace.read import queries as read
    from wiretrace.read.models import dump

    with _open(db) as store:
        found = people_tables(store).people(kind=kind, text=search, limit=limit)
    if format is Format.jsonl:
        emit_jsonl(dump(read.person_summary(profile)) for profile in found)
        return
    table = Table(expand=True)
    for column in ("id", "name", "kind", "statements", "articles", "first seen", "last seen"):
        table.add_column(column, no_wrap=column != "name", overflow="fold")
    for profile in found:
        table.add_row(
            profile.person.id,
            printable(profile.person.name),
            profile.person.kind or "—",
            str(profile.statements),
            str(profile.articles),
            short_date(profile.first_seen),
            short_date(profile.last_seen),
        )
    out.print(table)


@entity_app.command("show")
def show(
    name: Annotated[str, typer.Argument(help='A name, a form articles use ("Lavrov"), or an id (P3).')],
    db: DbOption = None,
    format: OneFormatOption = OneFormat.text,
) -> None:
    """Show one person: aliases and roles with first and last seen, statements, outlets."""
    from wiretrace.people.tables import tables as people_tables
    from wiretrace.people.timeline import resolve_person
    from wiretrace.read import queries as read
    from wiretrace.read.models import dump

    with _open(db) as store:
        person = resolve_person(store, name)
        profile = people_tables(store).person_profile(person.id)
        others = [p for p in people_tables(store).find_people(name) if p.id != person.id]
        made = people_tables(store).people_decisions(person.id)
    assert profile is not None
    if format is OneFormat.json:
        data = dump(read.person_detail(profile))
        data["decisions"] = made
        data["also_called_so"] = [{"id": p.id, "name": p.name} for p in others]
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return
    _print_profile(profile)
    for decision in made:
        out.print(
            f"{decision['made_at']}: {decision['action']} {decision['person_id']} {decision['other_id']}"
            + (f" ({printable(decision['name_key'])})" if decision["name_key"] else ""),
            style="dim",
        )
    if others:
        names = ", ".join(f"{p.id} {printable(p.name)}" for p in others[:5])
        err.print(f"also called {printable(name)!r}: {names}", style="dim")


def _print_profile(profile: "PersonProfile") -> None:
    person = profile.person
    out.print(
        Text(f"{person.id}  {printable(person.name)}", style="bold"), f"({person.kind or 'kind unknown'})"
    )
    out.print(
        f"{profile.statements} statements in {profile.articles} articles, "
        f"seen {short_date(profile.first_seen)} to {short_date(profile.last_seen)}"
    )
    tables = (
        ("aliases", "alias", profile.aliases),
        ("roles", "role", profile.roles),
        ("spoken for by (not their own words)", "speaker as written", profile.spoken_for),
    )
    for title, column_name, rows in tables:
        if not rows and column_name == "speaker as written":
            continue
        table = Table(title=title, title_justify="left", expand=True)
        for column in (column_name, "first seen", "last seen", "articles"):
            table.add_column(column, overflow="fold")
        for seen in rows:
            table.add_row(
                printable(seen.text),
                short_date(seen.first_seen),
                short_date(seen.last_seen),
                str(seen.articles),
            )
        out.print(table)
    if profile.outlets:
        out.print("outlets quoting: " + ", ".join(f"{printable(o)} ({n})" for o, n in profile.outlets))


@entity_app.command("merge")
def merge(
    keep: Annotated[str, typer.Argument(help="The person to keep (name, form or id).")],
    other: Annotated[str, typer.Argument(help="The person that is the same one (name, form or id).")],
    db: DbOption = None,
) -> None:
    """Merge OTHER into KEEP; kept across `wiretrace reprocess`."""
    from wiretrace.people import decisions

    with _open(db) as store:
        kept = decisions.merge(store, keep, other)
    err.print(f"merged {printable(other)!r} into {kept.id} {printable(kept.name)}")


@entity_app.command("split")
def split(
    person: Annotated[str, typer.Argument(help="The person (name, form or id).")],
    name: Annotated[str, typer.Argument(help="A name articles use for them that is someone else.")],
    db: DbOption = None,
    new_name: Annotated[
        str | None, typer.Option("--as", help="Name of the new person (default: NAME).")
    ] = None,
) -> None:
    """Split NAME off PERSON into a new person; kept across `wiretrace reprocess`."""
    from wiretrace.people import decisions

    with _open(db) as store:
        made = decisions.split(store, person, name, new_name=new_name)
    err.print(f"{printable(name)!r} is now {made.id} {printable(made.name)}")


@app.command()
def timeline(
    speaker: Annotated[str, typer.Option("--speaker", help='A name, a form ("Lavrov") or an id (P3).')],
    about: Annotated[
        str | None,
        typer.Option("--about", help="Only statements about this: shared topic words or close meaning."),
    ] = None,
    db: DbOption = None,
    format: FormatOption = Format.table,
    since: Annotated[str | None, typer.Option(help="Statements made on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Statements made on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
) -> None:
    """A person's statements in the order they were made (statement date, not article date)."""
    from wiretrace.people.timeline import timeline as person_timeline
    from wiretrace.read import queries as read
    from wiretrace.read.models import dump

    with _open(db) as store:
        found = person_timeline(store, speaker, about=about, since=since, until=until, limit=limit)
    if format is Format.jsonl:
        emit_jsonl(dump(read.timeline_entry(entry)) for entry in found.entries)
        return
    err.print(
        f"{found.person.id} {printable(found.person.name)}: {len(found.entries)} statements", style="dim"
    )
    table = Table(expand=True)
    table.add_column("day", no_wrap=True)
    table.add_column("kind", width=8, no_wrap=True)
    table.add_column("outlet", max_width=18, overflow="fold")
    table.add_column("statement", ratio=1, overflow="fold")
    table.add_column("id", no_wrap=True)
    for entry in found.entries:
        table.add_row(
            entry.day or "undated",
            entry.statement.kind,
            printable(entry.outlet) if entry.outlet else "—",
            Text(printable(" ".join(entry.statement.text.split()))),
            entry.statement.id,
        )
    out.print(table)


@app.command()
def echoes(
    quote_id: Annotated[str, typer.Argument(help="A statement id (see `wiretrace quotes --format jsonl`).")],
    db: DbOption = None,
    format: FormatOption = Format.table,
    limit: Annotated[int, typer.Option(help="At most this many.", min=1)] = DEFAULT_LIMIT,
    min_score: Annotated[float, typer.Option("--min-score", help="Only echoes scoring at least this.")] = 0.0,
) -> None:
    """Earlier statements by the same speaker that say nearly the same thing, best first."""
    from wiretrace.people.echoes import echoes as find_echoes
    from wiretrace.read import queries as read
    from wiretrace.read.models import dump

    with _open(db) as store:
        found = find_echoes(store, quote_id, limit=limit, min_score=min_score)
    if format is Format.jsonl:
        emit_jsonl(dump(read.echo_out(echo)) for echo in found)
        return
    table = Table(expand=True)
    for column in ("score", "day", "id", "closest sentence"):
        table.add_column(
            column,
            no_wrap=column != "closest sentence",
            overflow="fold",
            ratio=1 if column == "closest sentence" else None,
        )
    for echo in found:
        table.add_row(f"{echo.score:.3f}", echo.day or "—", echo.statement.id, Text(printable(echo.sentence)))
    out.print(table)
