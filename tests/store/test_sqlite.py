"""The embedded SQLite store: schema, transactions, search, reprocessing."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from wiretrace.errors import StoreError
from wiretrace.pipeline import Pipeline
from wiretrace.records import Analysis, Failure, RawItem, content_id
from wiretrace.store import ArticleQuery, Batch, open_store
from wiretrace.store.sqlite import SQLiteStore, migrations

TEXTS = {
    "harbour": "Harbour reopens\n\nThe harbour reopened to ships on Friday after the storm, officials said.\n",
    "bridge": "Bridge closes\n\nThe old bridge closed for repairs on Monday, and traffic was diverted downtown.\n",
}


def item(name: str) -> RawItem:
    text = TEXTS[name]
    return RawItem(id=content_id(text), source_path=f"{name}.txt", media_type="text/plain", content=text)


def test_new_store_is_migrated_to_the_newest_schema(store):
    assert store.schema_version == max(version for version, _, _ in migrations("sqlite"))
    names = [row[0] for row in store.db.execute("SELECT name FROM schema_migrations ORDER BY version")]
    assert names[0] == "articles"
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_does_not_migrate_again(tmp_path):
    path = tmp_path / "s.db"
    SQLiteStore(path).close()
    with SQLiteStore(path) as again:
        count = again.db.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
    assert count == len(migrations("sqlite"))


def test_store_from_a_newer_wiretrace_is_refused(tmp_path):
    path = tmp_path / "s.db"
    with SQLiteStore(path) as fresh:
        fresh.db.execute("INSERT INTO schema_migrations VALUES (9999, 'future', 'x')")
    with pytest.raises(StoreError, match="newer than this wiretrace"):
        SQLiteStore(path)


def test_ingest_twice_adds_nothing(store):
    pipeline = Pipeline(store)
    first = pipeline.ingest([item("harbour"), item("bridge"), item("harbour")])
    assert (first.ingested, first.duplicates) == (2, 1)
    again = pipeline.ingest([item("harbour"), item("bridge")])
    assert (again.ingested, again.duplicates) == (0, 2)
    assert store.counts()["articles"] == 2


def test_a_failing_batch_writes_nothing(store):
    pipeline = Pipeline(store)
    pipeline.ingest([item("harbour")])
    analyses, _ = pipeline.analyse([item("bridge")])
    broken = replace(analyses[0].article, id="no-such-item")  # violates the foreign key: roll back
    with pytest.raises(sqlite3.IntegrityError):
        store.write(Batch(items=[item("bridge")], analyses=[replace(analyses[0], article=broken)]))
    assert store.counts()["items"] == 1 and store.known_ids([item("bridge").id]) == set()


def test_full_text_search_and_filters(store):
    Pipeline(store).ingest([item("harbour"), item("bridge")])
    assert [a.value("title") for a in store.articles(ArticleQuery(text="storm"))] == ["Harbour reopens"]
    assert [a.value("title") for a in store.articles(ArticleQuery(text="repai"))] == [
        "Bridge closes"
    ]  # prefix
    assert store.count_articles(ArticleQuery(text="ships traffic")) == 0  # every word must match
    assert store.articles(ArticleQuery(text='"; DROP TABLE articles; --')) == []


def test_article_by_unique_prefix(store):
    Pipeline(store).ingest([item("harbour")])
    full = item("harbour").id
    assert store.article(full[:6]).id == full
    assert store.article("zzzz") is None


def test_failures_are_recorded_once_and_resolved(store):
    failure = Failure("gone.txt", "read", "no such file or directory")
    store.write(Batch(failures=[failure]))
    store.write(Batch(failures=[failure]))
    assert len(store.failures()) == 1


def test_reprocess_replaces_derived_records_and_keeps_raw_items(store):
    pipeline = Pipeline(store)
    pipeline.ingest([item("harbour")])
    store.db.execute("UPDATE articles SET title = 'stale'")
    summary = pipeline.reprocess()
    assert summary.ingested == 1
    (article,) = store.articles()
    assert article.value("title") == "Harbour reopens"
    assert store.item(article.id).content == TEXTS["harbour"]


def test_raw_content_round_trips_exactly(store):
    weird = RawItem(
        id="x" * 16, source_path="w.txt", media_type="text/plain", content="naïve\u2028text \ud83d\ude00 end"
    )
    store.write(Batch(items=[weird]))
    assert store.item("x" * 16).content == weird.content


def test_open_store_readonly_refuses_a_missing_file(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        open_store(str(tmp_path / "missing.db"), readonly=True)


def test_analysis_records_statements_and_times(store):
    from wiretrace.records import Cue, Speaker, Statement, TimeExpression

    pipeline = Pipeline(store)
    (analysis,), _ = pipeline.analyse([item("harbour")])
    statement = Statement(
        id="s1",
        article_id=analysis.article.id,
        kind="indirect",
        start=17,
        end=60,
        text="The harbour reopened",
        cue=Cue("said", 70, 74),
        speaker=Speaker("Port Authority", "officials", 60, 69, "ORG"),
    )
    time = TimeExpression(start=50, end=56, text="Friday", type="DATE", value=None)
    store.write(
        Batch(
            items=[item("harbour")],
            analyses=[Analysis(analysis.item, analysis.article, (statement,), (time,))],
        )
    )
    assert store.statements() == [statement]
    assert store.times(analysis.article.id) == [time]


def numbered_harbours(count: int) -> list[RawItem]:
    texts = [
        f"Harbour report {n}\n\nThe harbour saw {n} ships on day {n}, officials said.\n" for n in range(count)
    ]
    return [RawItem(content_id(text), f"h{n}.txt", "text/plain", text) for n, text in enumerate(texts)]


def test_counts_stop_at_the_limit_asked_for(store):
    Pipeline(store).ingest(numbered_harbours(7))
    assert store.count_articles(ArticleQuery(text="harbour")) == 7
    assert store.count_articles(ArticleQuery(text="harbour"), at_most=3) == 3
    assert store.count_articles(ArticleQuery(), at_most=5) == 5
    assert store.count_articles(ArticleQuery(text="harbour"), at_most=100) == 7


def test_search_ranks_within_the_newest_matches_and_pages_past_them(store, monkeypatch):
    import wiretrace.store.sqlite as sqlite_module

    items = numbered_harbours(9)
    Pipeline(store).ingest(items)
    monkeypatch.setattr(sqlite_module, "SEARCH_WINDOW", 4)
    first = store.search_articles(ArticleQuery(text="harbour", limit=4))
    assert {article.id for article, _ in first} == {item.id for item in items[-4:]}  # newest stored
    # every page is reachable: the window grows with the page asked for
    pages = [store.search_articles(ArticleQuery(text="harbour", limit=4, offset=o)) for o in (0, 4, 8)]
    assert {article.id for article, _ in pages[1]} == {item.id for item in items[1:5]}  # then back in time
    seen = [article.id for page in pages for article, _ in page]
    assert len(seen) == len(set(seen)) == 9
    assert all("\x02harbour\x03" in snippet.lower() for page in pages for _, snippet in page)
