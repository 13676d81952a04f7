"""Commands over copy families: `wiretrace origins` and `wiretrace eval origins`."""

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from wiretrace.cli.common import (
    DbOption,
    Format,
    FormatOption,
    OutletsOption,
    app,
    emit_jsonl,
    err,
    eval_app,
    load_registry,
    open_db,
    out,
)
from wiretrace.errors import UsageError
from wiretrace.views import family_dict, family_publisher, printable, short_date

if TYPE_CHECKING:
    from wiretrace.records import Article, Family, OriginMember


@app.command()
def origins(
    family_id: Annotated[
        str | None,
        typer.Argument(help="A family id, or the id of any of its articles; none: every family of copies."),
    ] = None,
    db: DbOption = None,
    format: FormatOption = Format.table,
    limit: Annotated[int | None, typer.Option(help="At most this many families.")] = None,
) -> None:
    """Show families of syndicated copies as trees: the first publisher, then its reprints."""
    from wiretrace.origins.tables import tables as origin_tables

    with open_db(db, readonly=True) as store:
        family_tables = origin_tables(store)
        if family_id:
            family = family_tables.family(family_id)
            if family is None:
                article = store.article(family_id)
                family = family_tables.family(article.id) if article else None
            if family is None:
                raise UsageError(f"no family and no article in a family with id {family_id!r}")
            families = [family]
        else:
            families = [f for f in map(family_tables.family, family_tables.origin_families(limit=limit)) if f]
    if format is Format.jsonl:
        emit_jsonl(family_dict(family) for family in families)
        return
    if not families:
        out.print("No families of copies: every article stands alone.")
        return
    for family in families:
        out.print(family_tree(family))


def family_tree(family: "Family") -> Tree:
    publisher = family_publisher(family) or "publisher unknown"
    root = Tree(
        Text.assemble(
            (printable(publisher), "bold"),
            f"  family {family.id}, {len(family.members)} article{'s' if len(family.members) != 1 else ''}",
        )
    )
    canonical_member, canonical = family.members[0]
    branch = root.add(_label(canonical_member, canonical, "canonical"))
    for member, article in family.members[1:]:
        how = ", ".join(member.difference) or "same text"
        similarity = f", {member.similarity:.2f} contained" if member.similarity is not None else ""
        branch.add(_label(member, article, f"{how}{similarity}"))
    return root


def _label(member: "OriginMember", article: "Article", note: str) -> Text:
    outlet = article.value("outlet") or "outlet unknown"
    title = article.value("title") or "(no title)"
    return Text.assemble(
        (printable(outlet), "cyan"),
        f"  {short_date(article.value('published'))}  ",
        (article.id, "dim"),
        f"  {printable(title)}  ",
        (f"[{note}]", "italic"),
    )


@eval_app.command("origins")
def eval_origins(
    polnear: Annotated[
        Path, typer.Option("--polnear", help="PolNeAR folder: metadata.tsv, train/text, dev/text.")
    ],
    compartment: Annotated[
        list[str] | None, typer.Option("--compartment", help="train, dev (default: both).")
    ] = None,
    outlets: OutletsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object instead of tables.")] = False,
) -> None:
    """Score wire credits (original publishers that are wires) against PolNeAR's wire column."""
    from wiretrace.eval.origins import COMPARTMENTS, evaluate, load_cases

    cases = load_cases(polnear, tuple(compartment or COMPARTMENTS))
    err.print(f"scoring {len(cases)} articles with a known wire column", style="dim")
    scores = evaluate(cases, load_registry(outlets))
    if as_json:
        sys.stdout.write(json.dumps(scores.as_dict()) + "\n")
        return
    table = Table(title=f"Wire credits against {printable(str(polnear))}", title_justify="left")
    for column in ("wire", "gold", "predicted", "correct", "P", "R"):
        table.add_column(column, justify="left" if column == "wire" else "right")
    rows = [*scores.per_wire.items(), ("overall", scores.overall)]
    for wire, count in rows:
        table.add_row(
            wire,
            str(count.gold),
            str(count.predicted),
            str(count.correct),
            f"{count.precision:.3f}",
            f"{count.recall:.3f}",
        )
    out.print(table)
    for miss in scores.misses():
        out.print(
            Text(
                f"{miss.case.name}: gold {miss.case.gold or 'no wire'}, "
                f"answered {miss.predicted or 'no wire'} ({miss.how})"
            )
        )
