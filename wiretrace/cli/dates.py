"""Commands over dates: `wiretrace dates` tags a text; `wiretrace eval timeml` scores against TimeML."""

import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from wiretrace.cli.common import Format, FormatOption, app, emit_jsonl, eval_app, out
from wiretrace.errors import UsageError
from wiretrace.views import printable, time_dict

if TYPE_CHECKING:
    from wiretrace.eval.timeml import Timex


def _dct(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--dct {value!r} is not a date: give it as YYYY-MM-DD") from None


@app.command()
def dates(
    source: Annotated[str, typer.Argument(help="A text file, or - for standard input.")] = "-",
    dct: Annotated[
        str | None,
        typer.Option(
            "--dct",
            help="Publication date (YYYY-MM-DD) to resolve against; without it, relative dates stay null.",
        ),
    ] = None,
    format: FormatOption = Format.table,
) -> None:
    """Find the temporal expressions of a text and resolve them (TIMEX3 types and values)."""
    from wiretrace.dates import tag_text  # spaCy: loaded by the commands that tag

    publication = _dct(dct) if dct is not None else None
    if source == "-":
        text = sys.stdin.read()
    else:
        path = Path(source)
        if not path.is_file():
            raise UsageError(f"{source}: no such file")
        text = path.read_text("utf-8", errors="replace")
    found = tag_text(text, publication)
    if format is Format.jsonl:
        emit_jsonl(time_dict(time) for time in found)
        return
    table = Table(expand=True)
    for column, options in (
        ("start", {"justify": "right"}),
        ("end", {"justify": "right"}),
        ("text", {"ratio": 1, "overflow": "fold"}),
        ("type", {"no_wrap": True}),
        ("value", {"no_wrap": True}),
    ):
        table.add_column(column, **options)
    for time in found:
        value = Text(time.value) if time.value else Text("null", style="dim")
        table.add_row(str(time.start), str(time.end), printable(time.text), time.type, value)
    out.print(table)


@eval_app.command("timeml")
def eval_timeml(
    folder: Annotated[
        Path, typer.Argument(help="A directory of TimeML (*.tml) files, searched recursively.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the measures as JSON.")] = False,
) -> None:
    """Score wiretrace's temporal expressions against gold TIMEX3s (TempEval-3 measures)."""
    from wiretrace.eval.timeml import evaluate, read_corpus

    documents = read_corpus(folder)
    measures = evaluate(documents, wiretrace_system)
    if as_json:
        sys.stdout.write(json.dumps(measures.as_dict(), indent=2) + "\n")
        return
    table = Table(title=f"TempEval-3 measures: {measures.documents} documents, {measures.gold} gold TIMEX3s")
    for column in ("measure", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    table.add_row(
        "strict recognition",
        f"{measures.strict_precision:.4f}",
        f"{measures.strict_recall:.4f}",
        f"{measures.strict_f1:.4f}",
    )
    table.add_row(
        "relaxed recognition",
        f"{measures.relaxed_precision:.4f}",
        f"{measures.relaxed_recall:.4f}",
        f"{measures.relaxed_f1:.4f}",
    )
    table.add_row("type", "", f"accuracy {measures.type_accuracy:.4f}", f"{measures.type_f1:.4f}")
    table.add_row("value", "", f"accuracy {measures.value_accuracy:.4f}", f"{measures.value_f1:.4f}")
    out.print(table)


def wiretrace_system(text: str, dct: date) -> "list[Timex]":
    """wiretrace's tagger as a TimeML system: plain text and DCT in, expressions out."""
    from wiretrace.dates import tag_text
    from wiretrace.eval.timeml import Timex

    return [Timex(t.start, t.end, t.text, t.type, t.value) for t in tag_text(text, dct)]
