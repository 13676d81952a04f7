"""What every command shares: the typer app, consoles, common options, output helpers.

The command line is the only part of wiretrace that imports typer. Each
``wiretrace/cli/<topic>.py`` module registers its commands on ``app``.

A command imports what it runs (the store, the read layer, the stages) in its
body: registering every command for ``wiretrace --help`` loads only typer, rich
and the option types. ``tests/test_cli.py`` checks it. These
modules do without ``from __future__ import annotations`` (a type imported only
for checking is quoted): typer reads every command's parameters at each start,
and evaluating them from strings took 40 ms of it.
"""

import json
import sys
from collections.abc import Iterable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from wiretrace.views import one_line

if TYPE_CHECKING:
    from wiretrace.pipeline import Summary
    from wiretrace.records import Failure
    from wiretrace.registry import Registry
    from wiretrace.store import Store

EXIT_ERROR = 1
EXIT_ITEMS_FAILED = 2

app = typer.Typer(
    name="wiretrace",
    help="News intelligence: clean articles, who said what, where it came from, which story it belongs to.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
eval_app = typer.Typer(help="Score wiretrace against annotated data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

# Text from articles is data: "[/x]" in an outlet's name is no markup tag (rich would raise
# on it) and ":smile:" no emoji. Styles are set with Text objects, never with markup.
out = Console(highlight=False, soft_wrap=False, markup=False, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)  # one line per message


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="WIRETRACE_DB",
        help="Store: a SQLite file path or a postgresql:// URL.",
        show_default="wiretrace.db",
    ),
]


class OneFormat(StrEnum):
    """How a command that shows one thing (an article, a story, a person, scores) prints it."""

    text = "text"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OneFormatOption = Annotated[OneFormat, typer.Option("--format", "-f", help="Output format.")]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-w",
        min=1,
        help="Worker processes for the analysis stages (each loads the models once).",
        show_default="number of cores",
    ),
]
OutletsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--outlets", help="Extra outlet registry file(s) in the format of the packaged outlets.yaml."
    ),
]


def open_db(db: str | None, *, readonly: bool = False) -> "Store":
    from wiretrace.store import open_store

    return open_store(db, readonly=readonly)


def load_registry(outlets: list[Path] | None) -> "Registry":
    from wiretrace.registry import Registry

    return Registry.load(outlets or ())


def emit_jsonl(rows: Iterable[dict[str, Any]]) -> None:
    """One JSON object per line on stdout."""
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def report_failure(failure: "Failure") -> None:
    err.print(
        Text(
            f"failed: {one_line(failure.source_path)}: {failure.stage}: {one_line(failure.reason)}",
            style="red",
        )
    )


def stage_outcomes(outcomes: Mapping[str, int]) -> str:
    """One stage's counts, most frequent first: "3 not English text, 1 failed"."""
    ranked = sorted(outcomes.items(), key=lambda pair: (-pair[1], pair[0]))
    return ", ".join(f"{times:,} {outcome}" for outcome, times in ranked)


def finish(summary: "Summary", verb: str = "ingested") -> None:
    """Print the closing summary (then one line per stage that counted outcomes); exit 2
    when any item failed."""
    for failure in summary.failures:
        report_failure(failure)
    err.print(
        f"{summary.ingested:,} {verb}, {summary.duplicates:,} duplicates skipped, {summary.failed:,} failed",
        style="bold",
    )
    for stage, outcomes in summary.stage_counts.items():
        err.print(f"  {stage}: {stage_outcomes(outcomes)}")
    if summary.failed:
        raise typer.Exit(EXIT_ITEMS_FAILED)
