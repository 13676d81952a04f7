"""Commands over copy families: `wiretrace origins` and `wiretrace eval origins`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text
from rich.tree import Tree

from wiretrace.cli.common import DbOption, Format, FormatOption, app, emit_jsonl, open_db, out
from wiretrace.errors import UsageError
from wiretrace.records import Article, Family, OriginMember
from wiretrace.views import family_dict, family_publisher, printable, short_date


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
    with open_db(db, readonly=True) as store:
        if family_id:
            family = store.family(family_id)
            if family is None:
                article = store.article(family_id)
                family = store.family(article.id) if article else None
            if family is None:
                raise UsageError(f"no family and no article in a family with id {family_id!r}")
            families = [family]
        else:
            families = [f for f in map(store.family, store.origin_families(limit=limit)) if f]
    if format is Format.jsonl:
        emit_jsonl(family_dict(family) for family in families)
        return
    if not families:
        out.print("No families of copies: every article stands alone.")
        return
    for family in families:
        out.print(family_tree(family))


def family_tree(family: Family) -> Tree:
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


def _label(member: OriginMember, article: Article, note: str) -> Text:
    outlet = article.value("outlet") or "outlet unknown"
    title = article.value("title") or "(no title)"
    return Text.assemble(
        (printable(outlet), "cyan"),
        f"  {short_date(article.value('published'))}  ",
        (article.id, "dim"),
        f"  {printable(title)}  ",
        (f"[{note}]", "italic"),
    )
