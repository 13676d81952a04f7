"""A real wiretrace server on 127.0.0.1 over a store holding the seeds and a hostile article."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn

from tests.conftest import SEEDS
from wiretrace.ingest import read_inputs
from wiretrace.pipeline import Pipeline
from wiretrace.store.sqlite import SQLiteStore
from wiretrace.web import create_app

TOKEN = "test-token-3f9c"
HOSTILE = """<script>document.title='pwned'</script> Council budget row

The council voted on Monday to approve the budget, officials said. <img src=x onerror="document.title='pwned'">
“Click <a href="javascript:document.title='pwned'">here</a> for the plan,” the mayor said on Monday.
=HYPERLINK("http://evil.example","click") is what one resident wrote in a letter to the council.
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, db: Path, token: str | None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(str(db), token=token, max_body=200_000),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(self.base + "/api/health", timeout=1)
                return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("web")
    (folder / "hostile.txt").write_text(HOSTILE)
    db = folder / "seeds.db"
    with SQLiteStore(db) as store:
        summary = Pipeline.full(store).ingest(read_inputs([str(SEEDS), str(folder / "hostile.txt")]))
    assert summary.ingested == 6 and not summary.failures
    return db


@pytest.fixture(scope="session")
def server(seed_db):
    with Server(seed_db, token=None) as running:
        with SQLiteStore(seed_db, readonly=True) as store:
            running.lavrov_article = next(a.id for a in store.articles() if a.value("outlet") == "EIRNS")
        yield running


@pytest.fixture
def writable_server(tmp_path):
    db = tmp_path / "writable.db"
    SQLiteStore(db).close()
    with Server(db, token=TOKEN) as running:
        yield running
