"""The origins stage on real SQLite stores: copies found, families and their canonical."""

from __future__ import annotations

import pytest

from tests.origins.texts import HARBOUR, HARBOUR_OTHER_REPORT, page_with_furniture, trimmed_retitled
from wiretrace.origins import OriginsStage, canonical_of
from wiretrace.origins.signature import containment, shingle_set, signature
from wiretrace.origins.tables import tables as origin_tables
from wiretrace.pipeline import Pipeline
from wiretrace.records import Analysis, Article, Found, OffsetMap, RawItem, content_id
from wiretrace.store import Batch
from wiretrace.stories.tables import tables as story_tables


def make_article(body: str, *, title: str | None = None, published: str | None = None) -> Analysis:
    """An article whose body is exactly ``body``: no furniture cut, so the stage sees it all."""
    item = RawItem(content_id(body), f"hand-made/{content_id(body)}", "text/plain", body)
    article = Article(
        id=item.id,
        source_path=item.source_path,
        media_type="text/plain",
        body=body,
        body_map=OffsetMap.identity(len(body)),
        title=Found(title, "given") if title else None,
        published=Found(published, "given") if published else None,
    )
    return Analysis(item=item, article=article)


def add(store, *analyses: Analysis, stage: OriginsStage | None = None) -> None:
    with store.transaction():
        store.write(Batch(items=[a.item for a in analyses], analyses=list(analyses)))
        (stage or OriginsStage()).update(store, analyses)


def family_of(store, analysis: Analysis) -> str | None:
    found = origin_tables(store).origin_members(article_ids=[analysis.article.id])
    return found[0].family_id if found else None


def test_an_article_inside_a_page_three_times_its_size_is_found(store):
    original = make_article(HARBOUR, title="Harbour authority approves dredging plan")
    page = make_article(page_with_furniture(HARBOUR, 3))
    assert 2.8 < len(page.article.body.split()) / len(HARBOUR.split()) < 3.5
    # whole-body similarity is low: plain Jaccard LSH at 0.5 would not pair them
    a, b = shingle_set(original.article.body), shingle_set(page.article.body)
    assert len(a & b) / len(a | b) < 0.4
    add(store, original)
    add(store, page)
    assert family_of(store, page) == family_of(store, original)


def test_the_page_found_when_it_arrives_before_the_article(store):
    page = make_article(page_with_furniture(HARBOUR, 3))
    original = make_article(HARBOUR)
    add(store, page)
    add(store, original)
    assert family_of(store, page) == family_of(store, original)


def test_without_pieces_the_page_is_missed(store):
    """The content-defined pieces are what find it: the whole-body bands alone do not."""
    stage = OriginsStage(pieces=False)
    original, page = make_article(HARBOUR), make_article(page_with_furniture(HARBOUR, 5))
    add(store, original, stage=stage)
    add(store, page, stage=stage)
    assert family_of(store, page) != family_of(store, original)


def test_two_reports_of_one_meeting_in_other_words_are_not_copies(store):
    first, second = make_article(HARBOUR), make_article(HARBOUR_OTHER_REPORT)
    add(store, first, second)
    assert family_of(store, first) != family_of(store, second)
    assert containment(shingle_set(HARBOUR), shingle_set(HARBOUR_OTHER_REPORT)) < 0.3


def test_canonical_is_the_earliest_dated_and_differences_are_recorded(store):
    original = make_article(HARBOUR, title="Harbour authority approves dredging plan", published="2026-03-03")
    copy = make_article(
        trimmed_retitled(HARBOUR), title="Kestrel Bay dredging gets the green light", published="2026-03-04"
    )
    add(store, copy)  # the later copy arrives first
    add(store, original)
    members = {
        m.article_id: m
        for m in origin_tables(store).origin_members(article_ids=[original.article.id, copy.article.id])
    }
    assert members[original.article.id].is_canonical and not members[copy.article.id].is_canonical
    assert members[copy.article.id].difference == ("trimmed", "retitled")
    assert canonical_of(store, [copy.article.id, original.article.id]) == {
        copy.article.id: original.article.id,
        original.article.id: original.article.id,
    }


def test_without_dates_the_most_complete_is_canonical(store):
    """The original holds all the text the family shares; the page adds furniture no
    other member has; the trimmed copy lacks a paragraph."""
    page, trimmed, full = (
        make_article(page_with_furniture(HARBOUR, 3)),
        make_article(trimmed_retitled(HARBOUR)),
        make_article(HARBOUR),
    )
    add(store, page)
    add(store, trimmed)
    add(store, full)
    family = origin_tables(store).family(trimmed.article.id)
    assert family.canonical.id == full.article.id
    differences = {m.article_id: m.difference for m, _ in family.members}
    assert differences[trimmed.article.id] == ("trimmed",)
    assert differences[page.article.id] == ("extended",)


def test_without_dates_a_page_of_furniture_is_not_canonical(store):
    page, full = make_article(page_with_furniture(HARBOUR, 3)), make_article(HARBOUR)
    add(store, page)
    add(store, full)
    assert origin_tables(store).family(page.article.id).canonical.id == full.article.id


@pytest.mark.parametrize("body", ["", "Breaking", "Breaking news", "Read more here now."])
def test_empty_and_one_word_articles_never_join_a_family(store, body):
    first = make_article(body + " ")
    second = make_article(body + "  ")
    add(store, first, second)
    assert origin_tables(store).origin_members(article_ids=[first.article.id, second.article.id]) == []


def test_reprocessing_an_article_keeps_its_family(store):
    original, copy = make_article(HARBOUR), make_article(page_with_furniture(HARBOUR, 2))
    add(store, original, copy)
    add(store, original)  # placed again (what `wiretrace reprocess` does)
    assert family_of(store, copy) == family_of(store, original)
    assert len(origin_tables(store).origin_members(family_ids=[family_of(store, copy)])) == 2


def test_removing_the_canonical_hands_the_family_to_a_remaining_member(store):
    a, b, c = (
        make_article(HARBOUR),
        make_article(page_with_furniture(HARBOUR, 2)),
        make_article(trimmed_retitled(HARBOUR)),
    )
    add(store, a, b, c)
    family = family_of(store, a)
    canonical = origin_tables(store).family(family).canonical.id
    with store.transaction():
        OriginsStage().forget(store, [canonical])
    remaining = origin_tables(store).origin_members(family_ids=[family])
    assert len(remaining) == 2 and sum(m.is_canonical for m in remaining) == 1


def test_adding_an_article_looks_up_its_buckets_only(store):
    """The index is read by bucket: a store full of other articles adds no candidates."""
    others = [
        make_article(f"{HARBOUR}\n\nUpdate number {n}: " + " ".join(f"word{n}x{i}" for i in range(200)))
        for n in range(3)
    ]
    add(store, *others)
    sig = signature(HARBOUR_OTHER_REPORT)
    assert origin_tables(store).origin_candidates([b for b, _ in sig.buckets], per_bucket=200) == {}


def test_copies_count_once_in_a_story(tmp_path, store):
    """The stories stage, handed the origins stage's families, files a copy under its canonical."""
    from wiretrace.stories import StoriesStage

    pipeline = Pipeline(store, store_stages=[OriginsStage(), StoriesStage(canonical_of=canonical_of)])
    items = [
        RawItem(content_id(text), name, "text/plain", text, hints={"published": "2026-03-03"})
        for name, text in (("original", HARBOUR), ("copy", page_with_furniture(HARBOUR, 3)))
    ]
    pipeline.ingest(items)
    members = story_tables(store).story_members(article_ids=[item.id for item in items])
    assert len({m.event_id for m in members}) == 1
    assert sorted(m.copy_of is None for m in members) == [False, True]


def test_a_copy_that_dropped_the_credit_inherits_it(store):
    from dataclasses import replace

    from wiretrace.origins.publishers import inherited_publishers

    credited = make_article(HARBOUR)
    credited = replace(
        credited, article=replace(credited.article, original_publisher=Found("Reuters", "wire dateline"))
    )
    uncredited = make_article(page_with_furniture(HARBOUR, 2))
    alone = make_article(HARBOUR_OTHER_REPORT)
    add(store, credited, uncredited, alone)
    found = inherited_publishers(store, [credited.article.id, uncredited.article.id, alone.article.id])
    assert found == {uncredited.article.id: ("Reuters", credited.article.id)}


def test_placing_an_article_never_scans_a_table(store):
    """Every query the stage sends is an index search (SQLite's plan says SEARCH, not SCAN),
    so adding an article to a store of a million reads what its buckets name, not the store."""
    if store.dialect != "sqlite":
        pytest.skip("reads SQLite's query plans")
    add(store, make_article(HARBOUR), make_article(HARBOUR_OTHER_REPORT))
    sent: list[str] = []
    store.db.set_trace_callback(sent.append)
    add(store, make_article(page_with_furniture(HARBOUR, 3)), make_article(trimmed_retitled(HARBOUR)))
    store.db.set_trace_callback(None)
    queries = [sql for sql in sent if sql.lstrip().upper().startswith(("SELECT", "DELETE", "UPDATE"))]
    assert any("origin_buckets" in sql for sql in queries)
    for sql in queries:
        plan = " | ".join(row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "SCAN" not in plan.replace("SCAN CONSTANT ROW", ""), (sql, plan)


def test_a_family_whose_canonical_article_is_gone_is_settled_afresh(store):
    original, copy = make_article(HARBOUR), make_article(page_with_furniture(HARBOUR, 2))
    add(store, original, copy)
    canonical = origin_tables(store).family(original.article.id).canonical.id
    with store.transaction():
        store.execute("DELETE FROM articles WHERE id = ?", (canonical,))  # a store edited by hand
    late = make_article(trimmed_retitled(HARBOUR))
    add(store, late)
    family = origin_tables(store).family(late.article.id)
    assert family is not None and family.canonical.id != canonical
    assert sum(member.is_canonical for member, _ in family.members) == 1
