"""`wiretrace watch`: poll RSS and Atom feeds and ingest new articles."""

from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from wiretrace.cli.common import DbOption, OutletsOption, app, err, load_registry, open_db, report_failure
from wiretrace.errors import UsageError
from wiretrace.ingest import DEFAULT_MAX_BYTES
from wiretrace.views import one_line

if TYPE_CHECKING:
    from wiretrace.watch import FeedReport


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs.")],
    every: Annotated[str, typer.Option(help="Pause between polls: 30s, 15m, 2h ...")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll every feed once and stop.")] = False,
    rounds: Annotated[int | None, typer.Option(help="Stop after this many polls of every feed.")] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow feeds and pages on private or loopback addresses.")
    ] = False,
    ignore_robots: Annotated[bool, typer.Option("--ignore-robots", help="Do not read robots.txt.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a server.")] = 20.0,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Largest feed or page body to read.")
    ] = DEFAULT_MAX_BYTES,
    host_delay: Annotated[float, typer.Option(help="Seconds between requests to one host.")] = 1.0,
    db: DbOption = None,
    outlets: OutletsOption = None,
) -> None:
    """Poll feeds, fetch new article pages (politely), and ingest them."""
    from wiretrace.ingest.fetch import Fetcher
    from wiretrace.pipeline import Pipeline
    from wiretrace.watch import FeedWatcher, parse_interval

    try:
        interval = parse_interval(every)
    except ValueError as error:
        raise UsageError(str(error)) from None
    fetcher = Fetcher(
        max_bytes=max_bytes,
        timeout=timeout,
        host_delay=host_delay,
        allow_private=allow_private,
        respect_robots=not ignore_robots,
    )
    failed = False
    with open_db(db) as store, fetcher:
        watcher = FeedWatcher(
            store, Pipeline.full(store, registry=load_registry(outlets)), fetcher, every=interval
        )

        def show(reports: "list[FeedReport]") -> None:
            nonlocal failed
            for report in reports:
                failed = failed or bool(report.failures)
                for failure in report.failures:
                    report_failure(failure)
                err.print(Text(_line(report)))

        watcher.run(feeds, 1 if once else rounds, show)
    if failed:
        raise typer.Exit(2)


def _line(report: "FeedReport") -> str:
    if report.skipped:
        return f"{one_line(report.url)}: waiting after earlier failures"
    if report.error:
        return f"{one_line(report.url)}: failed ({one_line(report.error)})"
    return f"{one_line(report.url)}: {report.entries} entries, {report.new} new, {report.stored} stored"
