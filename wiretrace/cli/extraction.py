"""`wiretrace eval extraction`: the article stage's bodies against gold bodies."""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from wiretrace.cli.common import err, eval_app, out
from wiretrace.views import printable

PAGE_SUFFIXES = (".txt", ".html", ".htm", ".txt.gz", ".html.gz")


@eval_app.command("extraction")
def eval_extraction(
    folder: Annotated[Path, typer.Argument(help="Pages named after their gold ids: NAME.txt or NAME.html.")],
    gold: Annotated[
        Path,
        typer.Option(
            "--gold", help='Gold bodies: {"NAME": {"articleBody": ...}} JSON, or JSON Lines of {id, body}.'
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object instead of a table.")] = False,
    per_page: Annotated[
        bool, typer.Option("--per-page", help="Also list every page's figures, worst first.")
    ] = False,
) -> None:
    """Score body extraction by 4-word shingle F1 averaged over pages (the article-extraction benchmark's measure)."""
    from wiretrace.article import ArticleStage
    from wiretrace.errors import ItemError
    from wiretrace.eval.extraction import evaluate, load_gold, summarise
    from wiretrace.ingest.readers import read_path
    from wiretrace.records import Failure

    bodies = load_gold(gold)
    stage = ArticleStage()
    missing: list[str] = []

    def extract(page: str) -> str:
        path = next((folder / f"{page}{s}" for s in PAGE_SUFFIXES if (folder / f"{page}{s}").is_file()), None)
        if path is None:
            missing.append(page)
            return ""
        for item in read_path(path):
            if isinstance(item, Failure):
                err.print(f"failed: {printable(str(path))}: {item.reason}", style="red")
                return ""
            try:
                return stage(item).body
            except ItemError as error:
                err.print(f"no body: {printable(str(path))}: {error.reason}", style="yellow")
                return ""
        return ""

    scores = evaluate(bodies, extract)
    summary = summarise(scores)
    if missing:
        err.print(
            f"{len(missing)} gold pages have no file in {printable(str(folder))}; scored as empty",
            style="yellow",
        )
    figures = summary.figures()
    if as_json:
        if per_page:
            figures["per_page"] = {s.page: round(s.f1, 4) for s in scores}
        sys.stdout.write(json.dumps(figures) + "\n")
        return
    table = Table(
        title=f"Bodies of {printable(str(folder))} against {printable(str(gold))}", title_justify="left"
    )
    for column in ("pages", "P", "R", "F1", "mean page F1"):
        table.add_column(column, justify="right")
    table.add_row(*(f"{figures[k]:.3f}" if k != "pages" else str(figures[k]) for k in figures))
    out.print(table)
    if per_page:
        pages = Table(title="Pages, worst first", title_justify="left")
        for column in ("page", "P", "R", "F1"):
            pages.add_column(column, justify="left" if column == "page" else "right")
        for s in sorted(scores, key=lambda s: s.f1):
            pages.add_row(printable(s.page), _figure(s.precision), _figure(s.recall), f"{s.f1:.3f}")
        out.print(pages)


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"
