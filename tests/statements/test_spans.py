"""Cue and source spans grown by the learned edge models, on hand-made articles and real parses."""

from __future__ import annotations

import pytest

from wiretrace.statements import spans

HEAD = "Harbour plan\n\n"


def only_statement(analysis):
    assert len(analysis.statements) == 1, [s.text for s in analysis.statements]
    return analysis.statements[0]


def test_shipped_models_cover_cues_sources_and_contents() -> None:
    models = spans.load_models()
    assert set(models) == {"cue", "source", "content"}
    for model in models.values():
        assert 0 < model.threshold < 1 and len(model.weights) > 100


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        (
            "The port authority has repeatedly said that the dredging will finish in May.",
            "has repeatedly said",
        ),
        ("The council has long argued that the ferry should run at night.", "has long argued"),
        ("The union called for a strike at the docks.", "called for"),
    ],
)
def test_cue_holds_auxiliaries_adverbs_and_particles(analyse, sentence, cue) -> None:
    text = HEAD + sentence + "\n"
    statement = only_statement(analyse(text))
    assert statement.cue.text == cue
    assert text[statement.cue.start : statement.cue.end] == cue


def test_cue_stops_before_the_content(analyse) -> None:
    statement = only_statement(analyse(HEAD + "Jonas Berg said the plan was too costly.\n"))
    assert statement.cue.text == "said"
    assert statement.text.startswith("the plan")


def test_source_holds_its_apposition_and_resolves_to_the_name(analyse) -> None:
    text = HEAD + "Maria Lopez, a lawyer for the city, said the contract was void.\n"
    statement = only_statement(analyse(text))
    assert statement.speaker.mention == "Maria Lopez, a lawyer for the city"
    assert text[statement.speaker.start : statement.speaker.end] == statement.speaker.mention
    assert statement.speaker.name == "Maria Lopez"


def test_inverted_source_drops_the_comma_before_the_cue(analyse) -> None:
    text = HEAD + "“The dredging is late,” Tomas Reyes, the harbour master, said on Friday.\n"
    statement = only_statement(analyse(text))
    assert statement.speaker.mention == "Tomas Reyes, the harbour master"
    assert statement.speaker.name == "Tomas Reyes"


def test_grow_keeps_within_the_sentence_and_the_reach(stage) -> None:
    doc = stage.nlp("He spoke. " + "The very long and winding harbour report said so. " + "Then he left.")
    sentences = list(doc.sents)
    middle = sentences[1]
    verb = next(token for token in middle if token.lower_ == "said")
    bounds = (middle.start, middle.end)
    always = spans.EdgeModel({}, bias=10.0, threshold=0.5)
    assert always.grow(verb, verb.i, verb.i, bounds) == (middle.start, middle.end - 1)
    never = spans.EdgeModel({}, bias=-10.0, threshold=0.5)
    assert never.grow(verb, verb.i, verb.i, bounds) == (verb.i, verb.i)
    long_doc = stage.nlp("He said " + "very " * 40 + "much.")
    said = long_doc[1]
    first, last = always.grow(said, 1, 1, (0, len(long_doc)))
    assert first == 0 and last - said.i == spans.MAX_GROWTH


def test_features_name_the_side_and_the_relation(stage) -> None:
    doc = stage.nlp("The mayor has said the plan works.")
    said = next(token for token in doc if token.lower_ == "said")
    has = said.nbor(-1)
    found = spans.features(has, said, "L", 1)
    assert found["rel=L|child|aux"] == 1.0
    assert found["w=L|has"] == 1.0
    assert "dist=L|1" in found


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        # the parse gives "called" two objects; the statement is both (the rules took the first)
        (
            "The mayor called the plan a waste of money for a town of this size.",
            "the plan a waste of money for a town of this size.",
        ),
        (
            "A recent poll shows Kowalski ahead by three points in the city.",
            "Kowalski ahead by three points in the city.",
        ),
    ],
)
def test_content_runs_on_past_the_clause_the_parse_closed(analyse, sentence, content) -> None:
    text = HEAD + sentence + "\n"
    statement = only_statement(analyse(text))
    assert statement.text == content
    assert text[statement.start : statement.end] == content


def test_content_walk_stops_before_a_quotation_mark(stage) -> None:
    from wiretrace.statements.extract import content_reach

    text = "The mayor called the plan a total “waste,” and left."
    doc = stage.nlp(text)
    called = next(token for token in doc if token.lower_ == "called")
    plan = next(token for token in doc if token.lower_ == "plan")
    content = (doc[called.i + 1].idx, plan.idx + len(plan.text))
    last, stop = content_reach(content, called, 0, (0, len(doc)), text)
    assert last == plan.i
    assert doc[stop].text == "“"
    # nothing to walk when a mark comes next; a content holding a mark, or lying before its
    # cue, is left to the marks and the rules
    total = next(token for token in doc if token.lower_ == "total")
    assert content_reach((content[0], total.idx + len(total.text)), called, 0, (0, len(doc)), text) is None
    assert content_reach((0, len(text)), called, 0, (0, len(doc)), text) is None
    assert content_reach((0, 9), called, 0, (0, len(doc)), text) is None


def test_parenthetical_cue_gives_one_statement_on_both_sides(analyse) -> None:
    text = HEAD + "The new ferry, the mayor said, will carry 400 passengers a day.\n"
    statement = only_statement(analyse(text))
    assert statement.text.startswith("The new ferry") and statement.text.endswith("400 passengers a day.")
    assert statement.speaker.mention == "the mayor"
    assert statement.cue.text == "said"


def test_relative_pronoun_is_a_mention_of_the_speaker(analyse) -> None:
    from wiretrace.people.stage import aliases_of

    text = HEAD + "The plan was backed by Ana Kowalski, who said the harbour would reopen in May.\n"
    analysis = analyse(text)
    statement = only_statement(analysis)
    assert statement.speaker.name == "Ana Kowalski"
    entity = next(e for e in analysis.entities if e.name == "Ana Kowalski")
    assert "who" in {mention.text for mention in entity.mentions}
    assert "who" not in aliases_of(entity)  # a mention, never a name of hers
