"""Scoring statements against brat attribution files, on hand-made cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wiretrace.errors import UsageError
from wiretrace.eval.quotes import (
    Evaluation,
    GoldAttribution,
    Predicted,
    greedy_pairs,
    load_polnear,
    matches,
    parse_ann,
    speaker_right,
    trim,
)

TEXT = "“We will build it,” Mayor Ana Kowalski said. Jonas Berg said the plan was too costly."
ANN = """T1\tContent 0 19\t“We will build it,”
T2\tSource 20 38\tMayor Ana Kowalski
T3\tCue 39 43\tsaid
T4\tAttribution 39 43\tsaid
E1\tAttribution:T4 Content:T1 Source:T2 Cue:T3
T5\tSource 45 55\tJonas Berg
T6\tCue 56 60\tsaid
T7\tContent 61 84\tthe plan was too costly
T8\tAttribution 56 60\tsaid
E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7
T9\tContent 0 5;10 19\tbroken
E3\tAttribution:T4 Content:T9
"""


def test_parse_ann_reads_events_and_discontinuous_spans() -> None:
    gold = parse_ann(ANN)
    assert len(gold) == 3
    assert gold[0].content == ((0, 19),) and gold[0].source == ((20, 38),) and gold[0].cue == ((39, 43),)
    assert gold[0].is_direct and not gold[1].is_direct
    assert gold[2].content == ((0, 5), (10, 19)) and gold[2].source is None


@pytest.mark.parametrize(
    ("gold_span", "predicted", "lenient", "strict"),
    [
        ((0, 100), (0, 100), True, True),
        ((0, 100), (0, 85), True, True),  # 85% of the gold
        ((0, 100), (0, 60), True, False),  # 60% of the gold
        ((0, 100), (85, 125), False, False),  # 15% of the gold, 37% of the prediction
        ((0, 100), (95, 105), True, False),  # half of the prediction lies in the gold
        ((0, 100), (200, 300), False, False),
    ],
)
def test_match_rules(gold_span, predicted, lenient, strict) -> None:
    gold = GoldAttribution(content=(gold_span,), content_text="x")
    guess = Predicted(*predicted, text="x")
    assert matches(gold, guess, "lenient") is lenient
    assert matches(gold, guess, "strict") is strict


def test_greedy_matching_is_one_to_one_best_first() -> None:
    gold = [GoldAttribution(((0, 100),), "a"), GoldAttribution(((100, 200),), "b")]
    predicted = [Predicted(0, 150, "p"), Predicted(0, 100, "q")]
    assert sorted(greedy_pairs(gold, predicted, "lenient")) == [(0, 1), (1, 0)]


def test_speaker_right_by_span_or_by_entity() -> None:
    gold = GoldAttribution(((0, 10),), "x", source=((20, 30),))
    assert speaker_right(gold, Predicted(0, 10, "x", speaker=(25, 28)))
    assert not speaker_right(gold, Predicted(0, 10, "x", speaker=(40, 42)))
    assert speaker_right(gold, Predicted(0, 10, "x", speaker=(40, 42), speaker_mentions=((21, 29),)))
    no_source = GoldAttribution(((0, 10),), "x")
    assert speaker_right(no_source, Predicted(0, 10, "x"))
    assert not speaker_right(no_source, Predicted(0, 10, "x", speaker=(1, 2)))


def test_scores_for_all_and_direct() -> None:
    gold = parse_ann(ANN)[:2]
    evaluation = Evaluation()
    evaluation.add_document(
        gold,
        [
            Predicted(0, 19, TEXT[0:19], speaker=(26, 38)),  # right span, right speaker
            Predicted(61, 84, TEXT[61:84], speaker=(0, 5)),  # right span, wrong speaker
            Predicted(85, 86, "x"),  # nothing
        ],
    )
    scores = evaluation.as_dict()
    lenient = scores["all"]["lenient"]
    assert (lenient["gold"], lenient["predicted"], lenient["matched"]) == (2, 3, 2)
    assert lenient["precision"] == round(2 / 3, 4) and lenient["recall"] == 1.0
    assert lenient["speaker_accuracy"] == 0.5
    assert lenient["pair_f1"] == round(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2), 4)
    direct = scores["direct"]["lenient"]
    assert (direct["gold"], direct["predicted"], direct["matched"], direct["f1"]) == (1, 1, 1, 1.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will build it,”", "We will build it"),
        (" that the plan was too costly.", "the plan was too costly"),
        ("whether it rains", "it rains"),
        ("to leave the talks", "leave the talks"),
        ("thatcher said", "thatcher said"),  # a word that starts with "that" is kept
        ("...", None),
    ],
)
def test_exact_trim(text, expected) -> None:
    span = trim(text, 0, len(text))
    assert (text[span[0] : span[1]] if span else None) == expected


def test_exact_spans_per_element() -> None:
    gold = parse_ann(ANN)
    evaluation = Evaluation()
    evaluation.add_document(
        gold,
        [
            # the first statement with its marks and comma (trimmed away), a speaker without
            # the title the gold holds, the gold cue
            Predicted(0, 19, TEXT[0:19], speaker=(26, 38), cue=(39, 43)),
            # "that the plan ..." trims to the gold content; speaker and cue exact
            Predicted(56 + 5, 84, TEXT[61:84], speaker=(45, 55), cue=(56, 60)),
        ],
        text=TEXT,
    )
    exact = evaluation.as_dict()["exact"]
    # the third gold attribution is discontinuous: its hull (0, 19) equals the first content
    assert (exact["content"]["gold"], exact["content"]["predicted"], exact["content"]["matched"]) == (3, 2, 2)
    assert (exact["source"]["gold"], exact["source"]["matched"]) == (2, 1)
    assert exact["source"]["precision"] == 0.5
    assert (exact["cue"]["gold"], exact["cue"]["predicted"], exact["cue"]["matched"]) == (2, 2, 2)
    assert exact["cue"]["f1"] == 1.0


def test_exact_spans_count_one_to_one() -> None:
    gold = [GoldAttribution(((0, 10),), "x", cue=((20, 24),))]
    twice = [Predicted(0, 10, "x", cue=(20, 24)), Predicted(0, 10, "x", cue=(20, 24))]
    evaluation = Evaluation()
    evaluation.add_document(gold, twice, text="a" * 10 + " " * 10 + "said")
    exact = evaluation.as_dict()["exact"]
    assert exact["content"]["matched"] == 1 and exact["content"]["predicted"] == 2
    assert exact["cue"]["precision"] == 0.5


def test_exact_spans_need_the_text() -> None:
    evaluation = Evaluation()
    evaluation.add_document(parse_ann(ANN), [Predicted(0, 19, TEXT[0:19])])
    assert evaluation.as_dict()["exact"]["content"]["gold"] == 0


def _polnear_folder(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    body = "Harbour vote\n\n" + TEXT + "\n"
    (root / "text" / "harbour.txt").write_text(body, "utf-8")
    shifted = []
    for line in [line for line in ANN.splitlines() if line.startswith("T")][:8]:
        name, middle, *rest = line.split("\t")
        label, spans = middle.split(" ", 1)
        moved = ";".join(" ".join(str(int(n) + 14) for n in part.split()) for part in spans.split(";"))
        shifted.append("\t".join([name, f"{label} {moved}", *rest]))
    shifted += [line for line in ANN.splitlines() if line.startswith("E")][:2]
    (root / "attributions" / "harbour_ab12.ann").write_text("\n".join(shifted) + "\n", "utf-8")
    return root


def test_load_polnear_reads_one_annotator_per_article(tmp_path: Path) -> None:
    [document] = load_polnear(_polnear_folder(tmp_path / "polnear"))
    assert document.name == "harbour" and len(document.attributions) == 2
    content = document.attributions[1].content[0]
    assert document.text[content[0] : content[1]] == "the plan was too costly"


def test_load_polnear_refuses_a_folder_without_annotations(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="text/ and attributions/"):
        load_polnear(tmp_path)


def test_eval_quotes_cli_scores_the_folder(tmp_path: Path, cli) -> None:
    folder = _polnear_folder(tmp_path / "polnear")
    process = cli("eval", "quotes", "--polnear", str(folder), "--json")
    assert process.returncode == 0, process.stderr
    scores = json.loads(process.stdout)
    assert scores["documents"] == 1
    assert scores["all"]["lenient"]["gold"] == 2
    assert scores["all"]["lenient"]["matched"] == 2
    assert scores["all"]["lenient"]["speaker_accuracy"] == 1.0
    table = cli("eval", "quotes", "--polnear", str(folder))
    assert table.returncode == 0 and "lenient" in table.stdout and "pair F1" in table.stdout
