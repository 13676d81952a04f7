"""Every store backend (SQLite and PostgreSQL): schema, transactions, search, filters,
reprocessing, stories state and feeds. Each test runs once per backend (conftest.py)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

import pytest

from tests.stories.corpus import ARTICLES, items
from wiretrace.errors import StoreError
from wiretrace.pipeline import Pipeline
from wiretrace.records import (
    Analysis,
    Cue,
    Failure,
    RawItem,
    Speaker,
    Statement,
    Story,
    TimeExpression,
    content_id,
)
from wiretrace.store import (
    ArticleQuery,
    Batch,
    StatementQuery,
    Store,
    StoryCandidates,
    StoryQuery,
    open_store,
)
from wiretrace.store.base import FeedState
from wiretrace.store.sql import migrations
from wiretrace.stories import StoriesStage
from wiretrace.stories.tables import tables as story_tables

TEXTS = {
    "harbour": "Harbour reopens\n\nThe harbour reopened to ships on Friday after the storm, officials said.\n",
    "bridge": "Bridge closes\n\nThe old bridge closed for repairs on Monday, and traffic was diverted downtown.\n",
}


def item(name: str) -> RawItem:
    text = TEXTS[name]
    return RawItem(id=content_id(text), source_path=f"{name}.txt", media_type="text/plain", content=text)


def test_new_store_is_migrated_to_the_newest_schema(store):
    assert store.schema_version == max(version for version, _, _ in migrations(store.dialect))
    names = [row[0] for row in store.execute("SELECT name FROM schema_migrations ORDER BY version")]
    assert names[0] == "articles"


def test_both_dialects_have_the_same_migration_numbers_and_names():
    def numbered(dialect: str) -> list[tuple[int, str]]:
        return [(version, name) for version, name, _ in migrations(dialect)]

    assert numbered("postgresql") == numbered("sqlite")


def test_reopening_does_not_migrate_again(store_url):
    open_store(store_url).close()
    with open_store(store_url) as again:
        count = again.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
        assert count == len(migrations(again.dialect))


def test_processes_opening_a_new_store_at_once_migrate_it_once(store_url):
    def open_and_close(_: int) -> int:
        with open_store(store_url) as opened:
            return opened.schema_version

    with ThreadPoolExecutor(4) as pool:  # each opening has its own connection
        versions = list(pool.map(open_and_close, range(4)))
    with open_store(store_url) as again:
        count = again.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
        assert count == len(migrations(again.dialect)) and set(versions) == {again.schema_version}


def test_store_from_a_newer_wiretrace_is_refused(store_url):
    with open_store(store_url) as fresh:
        fresh.execute("INSERT INTO schema_migrations VALUES (9999, 'future', 'x')")
    with pytest.raises(StoreError, match="newer than this wiretrace"):
        open_store(store_url)


def test_ingest_twice_adds_nothing(store):
    pipeline = Pipeline(store)
    first = pipeline.ingest([item("harbour"), item("bridge"), item("harbour")])
    assert (first.ingested, first.duplicates) == (2, 1)
    again = pipeline.ingest([item("harbour"), item("bridge")])
    assert (again.ingested, again.duplicates) == (0, 2)
    assert store.counts()["articles"] == 2


def test_a_failing_batch_writes_nothing_and_the_store_goes_on(store):
    pipeline = Pipeline(store)
    pipeline.ingest([item("harbour")])
    analyses, _ = pipeline.analyse([item("bridge")])
    broken = replace(analyses[0].article, id="no-such-item")  # violates the foreign key: roll back
    with pytest.raises(store.integrity_error):
        store.write(Batch(items=[item("bridge")], analyses=[replace(analyses[0], article=broken)]))
    assert store.counts()["items"] == 1 and store.known_ids([item("bridge").id]) == set()
    assert pipeline.ingest([item("bridge")]).ingested == 1  # the connection is usable again


def test_full_text_search_and_filters(store):
    Pipeline(store).ingest([item("harbour"), item("bridge")])
    assert [a.value("title") for a in store.articles(ArticleQuery(text="storm"))] == ["Harbour reopens"]
    titles = {text: [a.value("title") for a in store.articles(ArticleQuery(text=text))] for text in
              ("Repai*", "Repai", "repaired", "ship", "reopening", "ships officials")}  # fmt: skip
    assert titles["Repai*"] == ["Bridge closes"]  # a starred word is a prefix, in any case
    assert titles["Repai"] == []  # an unstarred one is a word
    # words match by their stem: "repairs" and "repaired", "ships" and "ship", "reopened" and "reopening"
    assert titles["repaired"] == ["Bridge closes"] and titles["reopening"] == ["Harbour reopens"]
    assert titles["ship"] == titles["ships officials"] == ["Harbour reopens"]
    assert [a.value("title") for a in store.articles(ArticleQuery(text="harbour ships"))] == [
        "Harbour reopens"
    ]  # title and body words together
    assert store.count_articles(ArticleQuery(text="ships traffic")) == 0  # every word must match
    assert store.articles(ArticleQuery(text='"; DROP TABLE articles; --')) == []
    assert store.articles(ArticleQuery(text="100% :* & | !")) == []
    assert store.count_articles() == 2


def test_search_ignores_accents_as_sqlite_does(store):
    text = "Šefčovič in Brussels\n\nMaroš Šefčovič met the naïve négociateurs on Friday, officials said.\n"
    Pipeline(store).ingest(
        [RawItem(id=content_id(text), source_path="a.txt", media_type="text/plain", content=text)]
    )
    for words in ("sefcovic", "ŠEFČOVIČ", "naive negoc*", "naïve", "negociateur"):
        assert store.count_articles(ArticleQuery(text=words)) == 1, words


def test_search_gives_snippets_with_the_matched_words_marked(store):
    Pipeline(store).ingest([item("harbour"), item("bridge")])
    ((article, snippet),) = store.search_articles(ArticleQuery(text="storm"))
    assert article.value("title") == "Harbour reopens"
    assert "\x02storm\x03" in snippet
    # a word found only in the title still leaves the body's matches marked
    long = "Ministers clash\n\n" + "The committee met again in the morning and talked. " * 8
    long += "Then the budget came up. " + "The committee met again in the evening and talked. " * 8
    Pipeline(store).ingest(
        [RawItem(id=content_id(long), source_path="l.txt", media_type="text/plain", content=long)]
    )
    ((article, snippet),) = store.search_articles(ArticleQuery(text="clash budget"))
    assert article.value("title") == "Ministers clash" and "\x02budget\x03" in snippet
    assert store.search_articles(ArticleQuery(text="storm", since="2030-01-01")) == []
    assert len(store.search_articles(ArticleQuery(text="the", limit=1))) == 1
    assert len(store.search_articles(ArticleQuery(text="the", offset=1))) == 2  # of three


def test_articles_page_with_limit_and_offset(store):
    Pipeline(store).ingest([item("harbour"), item("bridge")])
    everything = store.articles()
    assert len(everything) == 2
    assert store.articles(ArticleQuery(limit=1)) == everything[:1]
    assert store.articles(ArticleQuery(offset=1)) == everything[1:]


def test_article_by_unique_prefix(store):
    Pipeline(store).ingest([item("harbour")])
    full = item("harbour").id
    assert store.article(full[:6]).id == full
    assert store.article("zzzz") is None


def test_failures_are_recorded_once_and_resolved(store):
    failure = Failure("gone.txt", "read", "no such file or directory", item_id="abc")
    store.write(Batch(failures=[failure]))
    store.write(Batch(failures=[failure]))
    (stored,) = store.failures()
    assert (stored.source_path, stored.reason, stored.resolved_at) == ("gone.txt", failure.reason, None)
    store.resolve_failures(["abc"])
    assert store.failures() == [] and len(store.failures(include_resolved=True)) == 1


def test_reprocess_replaces_derived_records_and_keeps_raw_items(store):
    pipeline = Pipeline(store)
    pipeline.ingest([item("harbour")])
    store.execute("UPDATE articles SET title = 'stale'")
    summary = pipeline.reprocess()
    assert summary.ingested == 1
    (article,) = store.articles()
    assert article.value("title") == "Harbour reopens"
    assert store.item(article.id).content == TEXTS["harbour"]
    assert [a.id for a in store.articles(ArticleQuery(text="harbour"))] == [article.id]  # index follows


def test_raw_content_round_trips_exactly(store):
    weird = RawItem(
        id="x" * 16,
        source_path="w.txt",
        media_type="text/plain",
        content="naïve\u2028text \ud83d\ude00 end\x00",
    )
    store.write(Batch(items=[weird]))
    assert store.item("x" * 16).content == weird.content
    assert [stored.id for stored in store.iter_items()] == ["x" * 16]


def test_text_postgresql_cannot_hold_is_stored_with_the_same_length(store):
    text = "Odd bytes\n\nThe council\x00 met on Friday, officials said.\n"
    odd = RawItem(id=content_id(text), source_path="odd.txt", media_type="text/plain", content=text)
    summary = Pipeline(store).ingest([odd])
    assert summary.ingested == 1, summary.failures
    (article,) = store.articles()
    assert store.item(odd.id).content == text  # the raw item is kept exactly
    analysed = Pipeline(store).analyse([odd])[0][0].article.body
    assert "\x00" in analysed
    # SQLite keeps the NUL; PostgreSQL text cannot, so it holds U+FFFD in its place
    assert article.body in (analysed, analysed.replace("\x00", "\ufffd"))
    assert article.body_map == Pipeline(store).analyse([odd])[0][0].article.body_map


def analysed_with_statement(store) -> tuple[Analysis, Statement, TimeExpression]:
    (analysis,), _ = Pipeline(store).analyse([item("harbour")])
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
    return Analysis(analysis.item, analysis.article, (statement,), (time,)), statement, time


def test_analysis_records_statements_and_times(store):
    analysis, statement, time = analysed_with_statement(store)
    store.write(Batch(items=[analysis.item], analyses=[analysis]))
    assert store.statements() == [statement]
    assert store.times(analysis.article.id) == [time]


def test_a_statement_holding_a_nul_does_not_break_speaker_filters(store):
    analysis, statement, _ = analysed_with_statement(store)
    odd = replace(statement, id="s2", text="The harbour\x00 reopened")
    store.write(Batch(items=[analysis.item], analyses=[replace(analysis, statements=(statement, odd))]))
    assert len(store.statements(StatementQuery(speaker="officials"))) == 2


@pytest.mark.parametrize(
    ("query", "found"),
    [
        (StatementQuery(speaker="port authority"), 1),  # the resolved name, any case
        (StatementQuery(speaker="Authority"), 1),  # its last word
        (StatementQuery(speaker="OFFICIALS"), 1),  # the mention as written
        (StatementQuery(speaker="Port"), 0),
        (StatementQuery(text="reopen"), 1),
        (StatementQuery(text="authority harbour"), 1),  # speaker and text words together
        (StatementQuery(text="storm"), 0),
        (StatementQuery(kind="direct"), 0),
        (StatementQuery(since="2000-01-01"), 0),  # no date, and the article is undated
        (StatementQuery(limit=0), 0),
    ],
)
def test_statement_filters(store, query, found):
    analysis, _, _ = analysed_with_statement(store)
    store.write(Batch(items=[analysis.item], analyses=[analysis]))
    assert len(store.statements(query)) == found
    assert store.count_statements(replace(query, limit=None)) == (1 if query.limit == 0 else found)


def test_story_counters_frequencies_and_candidates(store):
    stories = story_tables(store)
    stories.set_story_state({"docs": "3", "head": "2024-01-02"})
    stories.set_story_state({"docs": "4"})
    assert stories.story_state() == {"docs": "4", "head": "2024-01-02"}
    stories.add_story_df({"ferry": 2, "vote": 1}, {"ferry": 0.1, "vote": 0.3})
    stories.add_story_df({"ferry": 1, "vote": -5}, {"ferry": 0.2, "vote": 0.1})
    assert stories.story_df(["ferry", "vote", "absent"]) == {"ferry": (3, 0.2), "vote": (0, 0.3)}
    assert stories.story_candidates(StoryCandidates("event", ("ferry",), "2024-01-01", "2024-01-09")) == []


def test_candidates_at_any_day_are_each_terms_latest_stories(store):
    Pipeline(store, store_stages=[StoriesStage()]).ingest(items("quake-2021", "quake-2022", "ferry-a"))
    terms = ("valmora", "serrat", "earthquak")
    stories = story_tables(store)
    assert len(stories.story_candidates(StoryCandidates("event", terms, None, None, any_day=True))) == 2
    (latest,) = stories.story_candidates(
        StoryCandidates("event", terms, None, None, any_day=True, per_term=1)
    )
    assert stories.story(latest).start == "2022-09-20"  # the later earthquake


def test_the_stories_stage_gives_the_same_stories_on_every_backend(store, tmp_path):
    names = list(ARTICLES)
    Pipeline(store, store_stages=[StoriesStage()], batch_size=3).ingest(items(*names))
    with open_store(str(tmp_path / "reference.db")) as reference:
        Pipeline(reference, store_stages=[StoriesStage()], batch_size=3).ingest(items(*names))
        expected = stories_of(reference)
    assert stories_of(store) == expected
    some = expected[0][0]
    assert story_tables(store).story(some.id.lower()) == some
    assert story_tables(store).stories(StoryQuery(article_id=some.articles[0]))


def stories_of(store: Store) -> tuple[list[Story], dict[str, str], dict[str, str]]:
    """Everything the stories stage leaves in a store, as readers see it."""
    stories = story_tables(store)
    return stories.stories(), stories.story_assignments("storyline"), stories.story_state()


def test_feed_state_and_links(store):
    assert store.feed_state("https://feed.example/rss") == FeedState("https://feed.example/rss")
    state = FeedState("https://feed.example/rss", etag='"e1"', failures=2, next_poll_after=1.7e9 + 0.25)
    store.save_feed_state(state)
    store.save_feed_state(replace(state, failures=3))
    assert store.feed_state(state.url) == replace(state, failures=3)
    links = ["https://a.example/1", "https://a.example/2", "https://a.example/1"]
    store.record_link(state.url, links[0], "item1", None)
    store.record_link(state.url, links[1], None, "timed out")
    assert store.links_to_fetch(state.url, links, max_attempts=2) == [links[1]]
    store.record_link(state.url, links[1], None, "timed out again")
    assert store.links_to_fetch(state.url, links, max_attempts=2) == []


def ingest_stories(url: str, names: list[str], start: Any) -> None:
    """A writer process: ingest these corpus articles, in batches of two, with the stories stage."""
    start.wait()
    with open_store(url) as store:
        Pipeline(store, store_stages=[StoriesStage()], batch_size=2).ingest(items(*names))


def test_two_processes_ingesting_at_once_store_each_article_once(store_url):
    open_store(store_url).close()  # migrated before the race
    names = list(ARTICLES)
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    writers = [
        context.Process(target=ingest_stories, args=(store_url, order, start))
        for order in (names, names[::-1])
    ]
    for writer in writers:
        writer.start()
    start.set()
    for writer in writers:
        writer.join(timeout=300)
    assert [writer.exitcode for writer in writers] == [0, 0]
    with open_store(store_url) as store:
        assert store.counts()["articles"] == len(names)
        # the stories stage's counters saw each article once: no update was lost or doubled
        assert story_tables(store).story_state()["docs"] == str(len(names))
        events = story_tables(store).stories(StoryQuery(level="event"))
        assert sum(len(event.articles) for event in events) == len(names)


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
    import wiretrace.store.sql as sql_module

    items = numbered_harbours(9)
    Pipeline(store).ingest(items)
    monkeypatch.setattr(sql_module, "SEARCH_WINDOW", 4)
    first = store.search_articles(ArticleQuery(text="harbour", limit=4))
    assert {article.id for article, _ in first} == {item.id for item in items[-4:]}  # newest stored
    # every page is reachable: the window grows with the page asked for
    pages = [store.search_articles(ArticleQuery(text="harbour", limit=4, offset=o)) for o in (0, 4, 8)]
    assert {article.id for article, _ in pages[1]} == {item.id for item in items[1:5]}  # then back in time
    seen = [article.id for page in pages for article, _ in page]
    assert len(seen) == len(set(seen)) == 9
    assert all("\x02harbour\x03" in snippet.lower() for page in pages for _, snippet in page)
