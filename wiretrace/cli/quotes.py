"""Commands over statements: `wiretrace quotes` and `wiretrace eval quotes`."""

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from wiretrace.cli.common import DbOption, Format, FormatOption, app, emit_jsonl, err, eval_app, open_db, out
from wiretrace.views import printable, speaker_label

if TYPE_CHECKING:
    from wiretrace.origins.carriers import CarriedStatement
    from wiretrace.read.models import StatementOut


class Kind(StrEnum):
    direct = "direct"
    indirect = "indirect"
    mixed = "mixed"


@app.command()
def quotes(
    db: DbOption = None,
    format: FormatOption = Format.table,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Only this speaker: full name, surname or mention.")
    ] = None,
    kind: Annotated[Kind | None, typer.Option("--kind", help="Only direct, indirect or mixed.")] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            help="Full-text search over the statements (words by stem; sanct* for a prefix).",
        ),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
) -> None:
    """List statements: who said what, in article order."""
    from wiretrace.origins.carriers import carried  # MinHash and NumPy, loaded by the commands that use them
    from wiretrace.read import queries as read
    from wiretrace.store import StatementQuery

    query = StatementQuery(speaker=speaker, kind=kind.value if kind else None, text=search, limit=limit)
    with open_db(db, readonly=True) as store:
        found = carried(store, store.statements(query))
        described = read.describe(store, [item.statement for item in found])
    if format is Format.jsonl:
        emit_jsonl(carried_dict(item, statement) for item, statement in zip(found, described, strict=True))
        return
    table = Table(expand=True)
    table.add_column("speaker", max_width=22, overflow="fold")
    table.add_column("kind", width=8, no_wrap=True)
    table.add_column("cue", max_width=14, overflow="fold")
    table.add_column("statement", ratio=1, overflow="fold")
    table.add_column("carried by", max_width=20, overflow="fold")
    for item, statement in zip(found, described, strict=True):
        table.add_row(
            speaker_label(statement),
            statement.kind,
            printable(statement.cue.text) if statement.cue else "—",
            Text(printable(" ".join(statement.text.split()))),
            printable(carriers_label(item)),
        )
    out.print(table)


def carried_dict(item: "CarriedStatement", statement: "StatementOut") -> dict:
    """A statement as the read layer shows it, with every article that carries it."""
    from wiretrace.read.models import dump

    return {
        **dump(statement),
        "carried_by": [
            {"article_id": c.article_id, "outlet": c.outlet, "original_publisher": c.original_publisher}
            for c in item.carried_by
        ],
        "relay_chain": _relay_chain(item),
    }


def _relay_chain(item: "CarriedStatement") -> list[str]:
    from wiretrace.origins.carriers import relay_chain

    return relay_chain(item)


def carriers_label(item: "CarriedStatement") -> str:
    """'3 copies: RT, Mediterranean Times' — or the relay chain of one article."""
    chain = " → ".join(_relay_chain(item)) or "—"
    if len(item.carried_by) == 1:
        return chain
    return f"{len(item.carried_by)} copies: {chain}"


@eval_app.command("quotes")
def eval_quotes(
    polnear: Annotated[
        Path, typer.Option("--polnear", help="PolNeAR-format folder: text/*.txt and attributions/*.ann.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object instead of a table.")] = False,
) -> None:
    """Score statement extraction against PolNeAR-format attribution annotations."""
    from wiretrace.eval.quotes import ELEMENTS, RULES, SUBSETS, evaluate, load_polnear

    documents = load_polnear(polnear)
    err.print(f"scoring {len(documents)} articles from {printable(str(polnear))}", style="dim")
    scores = evaluate(documents).as_dict()
    if as_json:
        sys.stdout.write(json.dumps(scores) + "\n")
        return
    table = Table(title=f"Statements against {printable(str(polnear))}", title_justify="left")
    for column in ("subset", "rule", "gold", "predicted", "P", "R", "F1", "speaker acc.", "pair F1"):
        table.add_column(column, justify="left" if column in ("subset", "rule") else "right")
    for subset in SUBSETS:
        for rule in RULES:
            row = scores[subset][rule]
            table.add_row(
                subset,
                rule,
                str(row["gold"]),
                str(row["predicted"]),
                f"{row['precision']:.3f}",
                f"{row['recall']:.3f}",
                f"{row['f1']:.3f}",
                f"{row['speaker_accuracy']:.3f}",
                f"{row['pair_f1']:.3f}",
            )
    out.print(table)
    exact = Table(title="Exact spans (edges trimmed; a split gold span as its hull)", title_justify="left")
    for column in ("element", "gold", "predicted", "P", "R", "F1"):
        exact.add_column(column, justify="left" if column == "element" else "right")
    for element in ELEMENTS:
        row = scores["exact"][element]
        exact.add_row(
            element,
            str(row["gold"]),
            str(row["predicted"]),
            f"{row['precision']:.3f}",
            f"{row['recall']:.3f}",
            f"{row['f1']:.3f}",
        )
    out.print(exact)
