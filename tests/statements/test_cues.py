"""The cue decision's inputs, read from real parses."""

from __future__ import annotations

from wiretrace.statements import cues

TEXT = (
    "According to the harbour office, the cranes arrived late. The mayor said the town, according "
    "to its budget, is paying for them. Dredging continues and the ferries are running again."
)


def test_candidate_indexes_hold_every_candidate(stage) -> None:
    doc = stage.nlp(TEXT)
    indexes = cues.candidate_indexes(doc)
    expected = [token.i for token in doc if cues.is_candidate(token)]
    assert expected and set(expected) <= set(indexes)
    # the extra ones are only "according" without "to", which callers reject
    assert all(doc[i].lower_ == "according" for i in set(indexes) - set(expected))
    assert {doc[i].lower_ for i in indexes} >= {"according", "said", "arrived", "continues"}


def test_features_with_sentence_bounds_equal_those_found_from_the_parse(stage) -> None:
    doc = stage.nlp(TEXT)
    sentences = list(doc.sents)
    assert len(sentences) >= 3
    for sentence in sentences:
        for token in sentence:
            if cues.is_candidate(token):
                given = cues.features(token, False, (sentence.start, sentence.end))
                assert given == cues.features(token, False)
    first_of_second = sentences[1][0]
    assert "prev=<s>" in cues.features(first_of_second, False, (sentences[1].start, sentences[1].end))
