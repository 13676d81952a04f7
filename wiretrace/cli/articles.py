"""Commands over articles: ingest, list, show, reprocess, failures, report."""

import json
import sys
from collections.abc import Iterator
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
    OutletsOption,
    WorkersOption,
    app,
    emit_jsonl,
    err,
    finish,
    load_registry,
    open_db,
    out,
)
from wiretrace.cli.distributed import AddressOption, Engine, EngineOption, OutOption, ingest_with_ray
from wiretrace.errors import UsageError
from wiretrace.ingest import DEFAULT_MAX_BYTES, expand_paths
from wiretrace.ingest.readers import read_path, read_stream
from wiretrace.records import Failure, RawItem
from wiretrace.views import printable, short_date

if TYPE_CHECKING:
    from rich.progress import Progress


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for standard input.")],
    db: DbOption = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Largest input file or item to read.")
    ] = DEFAULT_MAX_BYTES,
    outlets: OutletsOption = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Items per transaction.")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: WorkersOption = None,
    engine: EngineOption = Engine.local,
    out: OutOption = None,
    address: AddressOption = None,
) -> None:
    """Read articles (text, HTML, JSON Lines, WARC, gzip of any) into the store."""
    from wiretrace.workers import default_workers, start_forkserver

    workers = workers or default_workers()
    if engine is Engine.local:
        start_forkserver(workers)  # the workers' preload runs beside this process's imports
    # the pipeline imports every stage: loaded by the commands that run them, not by --help
    from wiretrace.pipeline import Pipeline

    if engine is Engine.ray:
        ingest_with_ray(
            paths,
            out=out,
            address=address,
            workers=workers,
            batch_size=batch_size,
            max_bytes=max_bytes,
            outlets=outlets,
            quiet=quiet,
        )
        return
    if out is not None or address is not None:
        raise UsageError("--out and --address go with --engine ray")
    entries = list(expand_paths(paths))
    total = sum(_size(entry) for entry in entries)
    with open_db(db) as store:
        pipeline = Pipeline.full(
            store,
            registry=load_registry(outlets),
            batch_size=batch_size,
            workers=workers,
        )
        with _progress(quiet) as progress:
            task = progress.add_task("reading", total=total or None)
            items = _read_with_progress(entries, max_bytes, progress, task)
            summary = pipeline.ingest(items)
    finish(summary)


def _size(entry: Path | str | Failure) -> int:
    if isinstance(entry, Path):
        try:
            return entry.stat().st_size
        except OSError:
            return 0
    return 0


def _read_with_progress(entries, max_bytes: int, progress: "Progress", task) -> Iterator[RawItem | Failure]:
    def advance(count: int) -> None:
        progress.advance(task, count)

    for entry in entries:
        if isinstance(entry, Failure):
            yield entry
        elif isinstance(entry, Path):
            progress.update(task, description=_short(str(entry)))
            yield from read_path(entry, max_bytes, on_bytes=advance)
        else:
            yield from read_stream(sys.stdin.buffer, "<stdin>", None, max_bytes)


def _short(label: str, width: int = 30) -> str:
    label = printable(label)
    return label if len(label) <= width else "…" + label[-(width - 1) :]


def _progress(quiet: bool) -> "Progress":
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )


@app.command()
def articles(
    db: DbOption = None,
    format: FormatOption = Format.table,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            help="Full-text search over titles and bodies (words by stem; sanct* for a prefix).",
        ),
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Only articles from this outlet.")] = None,
    original: Annotated[
        str | None, typer.Option("--original", help="Only articles first published by this outlet.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
) -> None:
    """List stored articles, newest first."""
    from wiretrace.read import queries as read
    from wiretrace.read.models import dump
    from wiretrace.store import ArticleQuery

    query = ArticleQuery(
        text=search, outlet=outlet, original_publisher=original, since=since, until=until, limit=limit
    )
    with open_db(db, readonly=True) as store:
        stored = store.articles(query)
        found = read.details(store, stored) if format is Format.jsonl else read.summarise(store, stored)
    if format is Format.jsonl:
        emit_jsonl(dump(article) for article in found)
        return
    table = Table(expand=True)
    for column, options in (
        ("id", {"no_wrap": True, "width": 16}),
        ("outlet", {"max_width": 16}),
        ("date", {"no_wrap": True, "width": 10}),
        ("title", {"ratio": 1}),
        ("words", {"justify": "right"}),
    ):
        table.add_column(column, **options)
    for article in found:
        table.add_row(
            article.id,
            printable(article.outlet) or "—",
            short_date(article.published),
            Text(printable(article.heading), style="" if article.title else "dim italic"),
            str(article.words),
        )
    out.print(table)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix of it).")],
    db: DbOption = None,
    format: OneFormatOption = OneFormat.text,
) -> None:
    """Show one article: metadata, body, and the furniture that was cut."""
    from wiretrace.read import queries as read
    from wiretrace.read.models import dump

    with open_db(db, readonly=True) as store:
        article = store.article(article_id)
        if article is None:
            raise UsageError(f"no article with id {article_id!r}")
        detail = read.detail(store, article)
    if format is OneFormat.json:
        sys.stdout.write(json.dumps(dump(detail), ensure_ascii=False, indent=2) + "\n")
        return
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for name in ("title", "published", "outlet", "original_publisher", "author"):
        found = getattr(article, name)
        how = f"  ({found.method})" if found else ""
        meta.add_row(name.replace("_", " "), Text(printable(found.value if found else "—") + how))
    meta.add_row("source", Text(printable(article.source_path)))
    out.print(meta)
    out.print()
    out.print(Text(printable(article.body)))
    if article.removed:
        out.print()
        out.print(Text("Cut from the page:", style="bold"))
        for removed in article.removed:
            snippet = " ".join(removed.text.split())
            out.print(Text(f"  [{removed.reason}] {printable(snippet[:90])}", style="dim"))


@app.command()
def reprocess(
    ids: Annotated[list[str] | None, typer.Argument(help="Item ids to reprocess (default: all).")] = None,
    failed: Annotated[bool, typer.Option("--failed", help="Only items with open failures.")] = False,
    db: DbOption = None,
    outlets: OutletsOption = None,
    workers: WorkersOption = None,
) -> None:
    """Run the stages again over stored raw items and replace what they found."""
    from wiretrace.pipeline import Pipeline
    from wiretrace.workers import default_workers

    with open_db(db) as store:
        chosen: list[str] | None = list(ids) if ids else None
        if failed:
            chosen = sorted({f.item_id for f in store.failures() if f.item_id})
        pipeline = Pipeline.full(store, registry=load_registry(outlets), workers=workers or default_workers())
        summary = pipeline.reprocess(chosen)
    finish(summary, "reprocessed")


@app.command()
def failures(
    db: DbOption = None,
    all: Annotated[bool, typer.Option("--all", help="Include failures later resolved.")] = False,
    format: FormatOption = Format.table,
) -> None:
    """List items that failed, with the stage and the reason."""
    with open_db(db, readonly=True) as store:
        rows = store.failures(include_resolved=all)
    if format is Format.jsonl:
        emit_jsonl(row.__dict__ for row in rows)
        return
    table = Table(expand=True)
    for column in ("when", "source", "stage", "reason"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row.created_at[:19], printable(row.source_path), row.stage, printable(row.reason))
    out.print(table)


@app.command()
def report(db: DbOption = None) -> None:
    """Print the report: articles and, as stages land, quotes, origins and stories."""
    from wiretrace.report import print_report

    with open_db(db, readonly=True) as store:
        print_report(store, out)
