"""Watching feeds against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli
from tests.httpserver import Route, TestServer
from wiretrace.ingest.fetch import Fetcher, FetchError
from wiretrace.pipeline import Pipeline
from wiretrace.watch import FeedWatcher, parse_interval


def article_page(n: int) -> bytes:
    return (
        f"<html><head><title>Story {n}</title></head><body><article>"
        f"<p>Story {n}: the port authority said on Friday that the harbour would reopen after repairs "
        f"to the breakwater, which was damaged in a storm earlier this month.</p>"
        f"<p>Ferries will resume their timetable on Monday, officials said, and item {n} closes here.</p>"
        f"</article></body></html>"
    ).encode()


def rss(base: str, numbers: list[int]) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}/story/{n}</link>"
        f"<pubDate>Fri, 0{n % 9 + 1} Mar 2024 10:00:00 GMT</pubDate></item>"
        for n in numbers
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>{items}</channel></rss>'.encode()


@pytest.fixture
def server():
    with TestServer() as running:
        yield running


def fetcher(**options) -> Fetcher:
    defaults = {"allow_private": True, "host_delay": 0.0, "backoff": 0.01, "timeout": 2.0}
    return Fetcher(**{**defaults, **options})


def watcher(store, **options) -> FeedWatcher:
    return FeedWatcher(store, Pipeline.full(store), fetcher(**options), every=60)


def serve_feed(server: TestServer, path: str, numbers: list[int]) -> None:
    server.routes[path] = Route(body=rss(server.base, numbers), content_type="application/rss+xml")
    for n in numbers:
        server.routes[f"/story/{n}"] = Route(body=article_page(n))


def test_new_entries_are_fetched_once_and_stored_with_feed_metadata(server, store):
    serve_feed(server, "/feed.xml", [1, 2, 3])
    (report,) = watcher(store).poll([server.url("/feed.xml")])
    assert (report.entries, report.new, report.stored) == (3, 3, 3)
    titles = sorted(article.value("title") for article in store.articles())
    assert titles == ["Story 1", "Story 2", "Story 3"]
    assert all(article.url.startswith(server.base) for article in store.articles())
    (again,) = watcher(store).poll([server.url("/feed.xml")])
    assert (again.new, again.stored) == (0, 0)
    assert server.hits("/story/1") == 1


def test_a_failing_feed_is_reported_backed_off_and_does_not_stop_the_others(server, store):
    serve_feed(server, "/good.xml", [4])
    server.routes["/broken.xml"] = Route(status=500, body=b"oops")
    server.routes["/garbage.xml"] = Route(body=b"\x00\x01 not a feed at all", content_type="text/plain")
    server.routes["/slow.xml"] = Route(body=rss(server.base, [5]), delay=3.0)
    urls = [server.url(path) for path in ("/broken.xml", "/garbage.xml", "/slow.xml", "/good.xml")]
    reports = watcher(store, retries=1).poll(urls)
    by_path = {report.url.rsplit("/", 1)[1]: report for report in reports}
    assert "HTTP 500" in by_path["broken.xml"].error
    assert "not an RSS or Atom feed" in by_path["garbage.xml"].error
    assert "timed out" in by_path["slow.xml"].error
    assert by_path["good.xml"].stored == 1
    assert server.hits("/broken.xml") == 2  # the first try and one retry with backoff
    failures = {failure.source_path: failure.reason for failure in store.failures()}
    assert failures[server.url("/broken.xml")].startswith("feed: server answered HTTP 500; next try in")
    # backing off: the next poll does not ask the broken feed again
    (later,) = watcher(store).poll([server.url("/broken.xml")])
    assert later.skipped and server.hits("/broken.xml") == 2


def test_a_body_over_the_limit_is_not_read_to_its_end(server):
    sent = []

    def endless():
        for _ in range(100_000):  # would be 1.6 GB if read to the end
            sent.append(1)
            yield b"x" * 16384

    server.routes["/huge.xml"] = Route(body=endless, content_type="application/rss+xml")
    with pytest.raises(FetchError, match="over the 1,000,000-byte limit"):
        fetcher(max_bytes=1_000_000).get(server.url("/huge.xml"))
    assert len(sent) < 1000


def test_robots_txt_is_respected(server, store):
    serve_feed(server, "/feed.xml", [6, 7])
    server.routes["/robots.txt"] = Route(
        body=b"User-agent: *\nDisallow: /story/7\n", content_type="text/plain"
    )
    (report,) = watcher(store).poll([server.url("/feed.xml")])
    assert report.stored == 1
    assert any("robots.txt" in failure.reason for failure in report.failures)
    assert server.hits("/story/7") == 0


def test_private_addresses_are_refused_unless_allowed(server):
    server.routes["/page"] = Route(body=article_page(8))
    with pytest.raises(FetchError, match="non-public address 127.0.0.1"):
        Fetcher(allow_private=False).get(server.url("/page"))
    assert fetcher().get(server.url("/page")).status == 200


def test_redirects_are_followed_and_checked(server):
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(body=article_page(9))
    response = fetcher().get(server.url("/old"))
    assert response.url == server.url("/new") and b"Story 9" in response.body


def test_user_agent_and_conditional_requests(server, store):
    serve_feed(server, "/feed.xml", [10])
    server.routes["/feed.xml"].headers["ETag"] = '"v1"'
    watcher(store).poll([server.url("/feed.xml")])
    watcher(store).poll([server.url("/feed.xml")])
    feed_requests = [headers for path, headers in server.requests if path == "/feed.xml"]
    assert feed_requests[0]["User-Agent"].startswith("wiretrace/")
    assert feed_requests[1].get("If-None-Match") == '"v1"'


def test_watch_command_once(server, tmp_path):
    serve_feed(server, "/feed.xml", [11, 12])
    db = tmp_path / "w.db"
    result = run_cli(
        "watch", server.url("/feed.xml"), "--once", "--allow-private", "--host-delay", "0", "--db", str(db)
    )
    assert result.returncode == 0, result.stderr
    assert "2 entries, 2 new, 2 stored" in result.stderr
    refused = run_cli("watch", server.url("/feed.xml"), "--once", "--db", str(tmp_path / "x.db"))
    assert refused.returncode == 2 and "non-public address" in refused.stderr


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900), ("30s", 30), ("2h", 7200), ("1.5d", 129600), ("45", 45)]
)
def test_parse_interval(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["soon", "-5m", "0", ""])
def test_parse_interval_refuses_nonsense(text):
    with pytest.raises(ValueError):
        parse_interval(text)
