"""`scripts/train_statements.py` builds the span-edge models from PolNeAR-format data: run for
real on a slice of PolNeAR train, its output loads and grows spans."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import EVAL, ROOT, needs_shared
from wiretrace.statements import spans

TRAIN = EVAL / "polnear" / "train"
ARTICLES = 25


def _slice(folder: Path) -> Path:
    """The first articles of PolNeAR train, with their annotation files, in a folder of ours."""
    (folder / "train" / "text").mkdir(parents=True)
    (folder / "train" / "attributions").mkdir()
    for text in sorted((TRAIN / "text").glob("*.txt"))[:ARTICLES]:
        shutil.copy(text, folder / "train" / "text")
        for annotation in (TRAIN / "attributions").glob(f"{text.stem}_*.ann"):
            shutil.copy(annotation, folder / "train" / "attributions")
    return folder


@needs_shared(TRAIN)
def test_training_script_writes_models_the_stage_loads(tmp_path: Path, stage) -> None:
    output = tmp_path / "spans.json"
    done = subprocess.run(
        [
            sys.executable,
            "scripts/train_statements.py",
            "--polnear",
            str(_slice(tmp_path / "data")),
            "--output",
            str(output),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "cross-validated" in done.stderr
    payload = json.loads(output.read_text("utf-8"))
    models = spans.from_json(payload)
    assert set(models) == {"cue", "source", "content"}
    for kind, report in payload["cross_validation"].items():
        assert report["walks"] > 0, kind
        assert 0 <= report["rules"] <= 1 and 0 <= report["cross_validated"] <= 1
    # the models it wrote grow a cue over its auxiliary as the shipped ones do
    doc = stage.nlp("The council has said the ferry will run.")
    said = next(token for token in doc if token.lower_ == "said")
    first, last = models["cue"].grow(said, said.i, said.i, (0, len(doc)))
    assert doc[first : last + 1].text == "has said"
