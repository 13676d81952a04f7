"""What the clustering sees of an article: weighted terms, entities, a day."""

from __future__ import annotations

import pytest

from wiretrace.stories import features
from wiretrace.stories.features import (
    ENTITY_PREFIX,
    PLACE_PREFIX,
    QUOTE_WORDS,
    article_day,
    build,
    display_name,
    entity_key,
    quote_prints,
)


def test_title_words_weigh_more_than_body_words():
    filler = " ".join(f"filler{number}" for number in range(70))  # past the 60-word lead
    body = f"Farmers gather. {filler} Drought worsens."
    features = build("a", "Farmers protest", body, "2024-05-01", "Outlet", [])
    # Once each: in the title (x3), in the lead (x2), in the body (x1).
    assert features.terms["protest"] > features.terms["gather"] > features.terms["drought"]
    assert features.words["protest"] == "protest" and "drought" not in features.words


def test_entities_become_actor_and_place_features():
    features = build(
        "a",
        "Mayor Tomas Vell wins",
        "Tomas Vell won in Drennick.",
        None,
        None,
        [("Tomas Vell", "PERSON"), ("Drennick", "GPE"), ("Monday", "DATE")],
    )
    assert {ENTITY_PREFIX + "vell", ENTITY_PREFIX + "tomas", PLACE_PREFIX + "drennick"} <= set(features.terms)
    assert not any("monday" in term for term in features.terms if term.startswith(ENTITY_PREFIX))
    assert features.names == {"Tomas Vell": "actor", "Drennick": "place"}


def test_a_title_case_word_or_the_outlets_own_name_is_no_actor():
    features = build(
        "a",
        "Vell Poised To Win Drennick Vote",
        "Tomas Vell is poised to win, the Harbour Post has learned. Voters in Drennick went to the polls.",
        None,
        "Harbour Post",
        [("Vell Poised", "PERSON"), ("Harbour Post", "ORG"), ("Drennick Vote", "ORG")],
    )
    actors = {term for term in features.terms if term.startswith(ENTITY_PREFIX)}
    assert actors == {ENTITY_PREFIX + "vell", ENTITY_PREFIX + "drennick"}


def test_quoted_words_give_the_same_fingerprints_in_every_outlets_words():
    quote = "we will rebuild every house that the water took"
    told = build("a", "Floods", f"The mayor said: \u201c{quote}.\u201d", None, None, [])
    retold = build(
        "b", "Mayor vows", f'"{quote.capitalize()}," Mayor Vell told reporters on Friday.', None, None, []
    )
    unquoted = build("c", "Floods", f"The mayor said {quote}.", None, None, [])
    assert len(set(told.quotes) & set(retold.quotes)) == len(quote.split()) - QUOTE_WORDS + 1
    assert unquoted.quotes == ()


@pytest.mark.parametrize(
    ("text", "key", "shown"),
    [
        (
            "Russian Foreign Minister Sergey Lavrov’s",
            ("russian", "foreign", "minister", "sergey", "lavrov"),
            "Russian Foreign Minister Sergey Lavrov",
        ),
        ("the Korvane Coastguard", ("korvane", "coastguard"), "Korvane Coastguard"),
        (
            "Intermediate-Range Nuclear Forces (INF",
            ("intermediate", "range", "nuclear", "forces", "inf"),
            "Intermediate-Range Nuclear Forces",
        ),
    ],
)
def test_entity_keys_and_names(text, key, shown):
    assert entity_key(text) == key
    assert display_name(text) == shown


@pytest.mark.parametrize(
    ("published", "day"),
    [
        ("2025-03-04T20:24:00+10:00", "2025-03-04"),
        ("2019-09-05", "2019-09-05"),
        ("2019-13-45", None),
        (None, None),
        ("2019", None),
    ],
)
def test_article_day(published, day):
    assert article_day(published) == day


def test_a_page_of_quotes_is_read_only_up_to_a_bound(monkeypatch):
    monkeypatch.setattr(features, "QUOTE_PRINTS", 10**6)  # keep every fingerprint, to see them all
    transcript = " ".join(
        f'"{" ".join(f"w{n}x{i}" for i in range(50))}," said speaker {n}.' for n in range(200)
    )
    later = ' "a line that comes after the bound and is never read," he said.'
    assert quote_prints(transcript) == quote_prints(transcript + later)
    assert quote_prints(later) and not set(quote_prints(later)) & set(quote_prints(transcript + later))
