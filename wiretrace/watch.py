"""Watching RSS and Atom feeds: poll, fetch new article pages, hand them to the pipeline.

A feed that fails (server error, timeout, garbage, a body over the limit) is
recorded as a failure, polled again later with a growing pause, and never
stops the other feeds. A page that fails is tried again on later polls, up
to ``MAX_PAGE_ATTEMPTS`` times.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import feedparser

from wiretrace.ingest.decode import decode
from wiretrace.ingest.fetch import Fetcher, FetchError
from wiretrace.pipeline import Pipeline
from wiretrace.records import Failure, RawItem, content_id
from wiretrace.store import Batch, Store
from wiretrace.store.base import FeedState

MAX_PAGE_ATTEMPTS = 3
# The longest pause before polling a failing feed again (seconds).
MAX_BACKOFF = 6 * 3600


@dataclass
class FeedReport:
    """What one poll of one feed did."""

    url: str
    entries: int = 0
    new: int = 0
    stored: int = 0
    skipped: bool = False  # still backing off after failures
    error: str | None = None
    failures: list[Failure] = field(default_factory=list)


class FeedWatcher:
    """Polls feeds into a store through a pipeline."""

    def __init__(
        self,
        store: Store,
        pipeline: Pipeline,
        fetcher: Fetcher,
        *,
        every: float = 900.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.pipeline = pipeline
        self.fetcher = fetcher
        self.every = every
        self.clock = clock

    def poll(self, feed_urls: Iterable[str]) -> list[FeedReport]:
        """Poll every feed once; a failing feed is reported and the others go on."""
        return [self._poll_feed(url) for url in feed_urls]

    def run(
        self, feed_urls: list[str], rounds: int | None, on_round: Callable[[list[FeedReport]], None]
    ) -> None:
        """Poll every ``every`` seconds, ``rounds`` times (forever when None)."""
        done = 0
        while rounds is None or done < rounds:
            started = self.clock()
            on_round(self.poll(feed_urls))
            done += 1
            if rounds is None or done < rounds:
                time.sleep(max(self.every - (self.clock() - started), 0))

    # -- one feed ------------------------------------------------------------------

    def _poll_feed(self, url: str) -> FeedReport:
        report = FeedReport(url)
        state = self.store.feed_state(url)
        if state.next_poll_after > self.clock():
            report.skipped = True
            return report
        try:
            entries, state = self._read_feed(state)
        except FetchError as error:
            self._feed_failed(state, error.reason, report)
            return report
        self.store.save_feed_state(state)
        report.entries = len(entries)
        links = self.store.links_to_fetch(url, [entry["link"] for entry in entries], MAX_PAGE_ATTEMPTS)
        report.new = len(links)
        by_link = {entry["link"]: entry for entry in entries}
        for link in links:
            self._fetch_page(url, link, by_link[link], report)
        return report

    def _read_feed(self, state: FeedState) -> tuple[list[dict], FeedState]:
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        response = self.fetcher.get(state.url, headers=headers)
        polled = replace(
            state,
            last_polled=_now(),
            failures=0,
            next_poll_after=0.0,
            last_error=None,
            etag=response.headers.get("etag", state.etag),
            last_modified=response.headers.get("last-modified", state.last_modified),
        )
        if response.status == 304:
            return [], polled
        parsed = feedparser.parse(response.body)
        if not parsed.entries and (parsed.bozo or not parsed.get("version")):
            problem = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "no feed entries")()
            raise FetchError(f"not an RSS or Atom feed ({problem})", retry=True)
        entries = [_entry(item) for item in parsed.entries]
        return [entry for entry in entries if entry["link"]], polled

    def _feed_failed(self, state: FeedState, reason: str, report: FeedReport) -> None:
        failures = state.failures + 1
        pause = min(self.every * 2 ** (failures - 1), MAX_BACKOFF)
        self.store.save_feed_state(
            replace(state, failures=failures, last_error=reason, next_poll_after=self.clock() + pause)
        )
        failure = Failure(state.url, "fetch", f"feed: {reason}; next try in {pause / 60:.0f} min")
        self.store.write(Batch(failures=[failure]))
        report.error = reason
        report.failures.append(failure)

    def _fetch_page(self, feed_url: str, link: str, entry: dict, report: FeedReport) -> None:
        try:
            response = self.fetcher.get(link)
            text, encoding = decode(response.body, _charset(response.content_type))
        except FetchError as error:
            self._page_failed(feed_url, link, error.stage, error.reason, report)
            return
        except Exception as error:  # decode's ItemErrors and anything odd in the page
            self._page_failed(feed_url, link, "read", getattr(error, "reason", str(error)), report)
            return
        media_type = "text/plain" if "text/plain" in response.content_type else "text/html"
        hints = {key: entry[key] for key in ("title", "published", "author") if entry.get(key)}
        item = RawItem(content_id(text), response.url, media_type, text, response.url, hints, encoding)
        summary = self.pipeline.ingest([item])
        self.store.record_link(feed_url, link, item.id, None)
        report.stored += summary.ingested
        report.failures.extend(summary.failures)

    def _page_failed(self, feed_url: str, link: str, stage: str, reason: str, report: FeedReport) -> None:
        failure = Failure(link, stage, reason)
        self.store.write(Batch(failures=[failure]))
        self.store.record_link(feed_url, link, None, reason)
        report.failures.append(failure)


def _entry(item: feedparser.FeedParserDict) -> dict:
    published = item.get("published_parsed") or item.get("updated_parsed")
    return {
        "link": item.get("link") or "",
        "title": item.get("title"),
        "author": item.get("author"),
        # feedparser gives UTC struct_time; keep it as an ISO date-time with its offset
        "published": datetime(*published[:6], tzinfo=UTC).isoformat() if published else None,
    }


def _charset(content_type: str) -> str | None:
    lowered = content_type.lower()
    if "charset=" not in lowered:
        return None
    return lowered.split("charset=", 1)[1].split(";")[0].strip(" \"'") or None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def parse_interval(text: str) -> float:
    """Seconds in an interval written like '90s', '15m', '2h' or '1d'."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    text = text.strip().lower()
    number, unit = (text[:-1], text[-1]) if text and text[-1] in units else (text, "s")
    try:
        value = float(number)
    except ValueError:
        raise ValueError(f"not an interval: {text!r} (use e.g. 30s, 15m, 2h)") from None
    if value <= 0:
        raise ValueError(f"interval must be positive: {text!r}")
    return value * units[unit]
