"""`wiretrace serve` (the web interface and API) and `wiretrace export`."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from wiretrace.cli.common import DbOption, app, err, open_db
from wiretrace.errors import UsageError


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (loopback unless told otherwise).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8750,
    token: Annotated[
        str | None,
        typer.Option(envvar="WIRETRACE_TOKEN", help="Allow POST /api/articles with this bearer token."),
    ] = None,
    max_body: Annotated[int, typer.Option(help="Largest request body in bytes.")] = 10 * 1024 * 1024,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Server processes, each with its own store readers (more answer more clients at once).",
        ),
    ] = 1,
) -> None:
    """Serve the store as a web application with an HTTP API (docs at /docs)."""
    import os

    import uvicorn

    from wiretrace.store import default_url, open_store
    from wiretrace.web import app as web_app

    url = db or default_url()
    mode = "read-write (token set)" if token else "read-only"
    processes = f", {workers} processes" if workers > 1 else ""
    if workers == 1:
        application = web_app.create_app(url, token=token, max_body=max_body)
    else:
        open_store(url).close()  # a bad store fails here, once, not in every process
        # uvicorn starts the processes; each imports the factory and reads its settings here
        os.environ.update({web_app.SERVE_DB: url, web_app.SERVE_MAX_BODY: str(max_body)})
        if token:
            os.environ[web_app.TOKEN] = token
        application = "wiretrace.web.app:app_from_environment"
    err.print(f"wiretrace serving {url} on http://{host}:{port} ({mode}{processes})")
    uvicorn.run(application, host=host, port=port, log_level="warning", workers=workers, factory=workers > 1)


class ExportKind(StrEnum):
    articles = "articles"
    statements = "statements"
    stories = "stories"


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


@app.command("export")
def export_command(
    kind: Annotated[ExportKind, typer.Argument(help="What to export.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="File format.")] = ExportFormat.csv,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    db: DbOption = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Full-text search.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    original: Annotated[str | None, typer.Option(help="Only this original publisher.")] = None,
    since: Annotated[str | None, typer.Option(help="On or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="On or before YYYY-MM-DD.")] = None,
    speaker: Annotated[str | None, typer.Option(help="Statements: only this speaker.")] = None,
    statement_kind: Annotated[
        str | None, typer.Option("--kind", help="Statements: direct, indirect or mixed.")
    ] = None,
) -> None:
    """Export articles, statements or stories as CSV, JSON Lines or Parquet (the API's filters)."""
    from wiretrace import export
    from wiretrace.store import ArticleQuery, StatementQuery, StoryQuery

    if format is ExportFormat.parquet and output is None:
        raise UsageError("Parquet needs a file: pass --output FILE")
    with open_db(db, readonly=True) as store:
        if kind is ExportKind.articles:
            rows = export.article_rows(
                store,
                ArticleQuery(
                    text=search, outlet=outlet, original_publisher=original, since=since, until=until
                ),
            )
        elif kind is ExportKind.statements:
            rows = export.statement_rows(
                store,
                StatementQuery(speaker=speaker, kind=statement_kind, text=search, since=since, until=until),
            )
        else:
            rows = export.story_rows(store, StoryQuery(since=since, until=until))
        if output is None:
            count = export.write(rows, format.value, sys.stdout.buffer)
        else:
            with output.open("wb") as handle:
                count = export.write(rows, format.value, handle)
    err.print(f"{count:,} {kind.value} exported" + (f" to {output}" if output else ""))
