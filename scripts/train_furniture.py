"""Train the line classifier shipped in wiretrace/models/furniture.json (`make train-furniture`).

Reads ../shared/eval/textdumps (never copied into the repository): each page's
whole-page text dumps (html-text's in text/, inscriptis' in text-inscriptis/)
and its gold body. Both flatteners' dumps train one model, so it learns pages
rather than one tool's layout. How lines are labelled and how the networks
are trained: wiretrace/article/furniture_training.py.

The shipped model is trained on every page; its figure on those same pages is
printed and is not a measure of quality. The measure is cross-validated, with
folds by site, each fold's model scored through the article stage on pages it
never saw: `make bench-extraction` prints it beside the baselines, and
`--cross-validate` here prints it too (five more trainings, ~15 minutes).

    .venv/bin/python scripts/train_furniture.py [--textdumps DIR] [--cross-validate [--folds 5]] [--no-write]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from wiretrace.article import ArticleStage
from wiretrace.article.furniture_model import MODEL_FILE
from wiretrace.article.furniture_training import (
    FLATTENERS,
    cross_validate,
    extract,
    fit,
    load_gold,
    load_pages,
    site_groups,
)
from wiretrace.eval.extraction import score_page, summarise

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "wiretrace" / "models" / MODEL_FILE
ABOUT = (
    "Line classifier of wiretrace's article stage for text dumps: two small networks (each distilled from "
    "gradient-boosted trees) and a two-state smoothing chain over the line features of "
    "wiretrace/article/lines.py, trained by scripts/train_furniture.py on ../shared/eval/textdumps "
    "(html-text and inscriptis dumps of 135 pages)."
)


def figures(pages, bodies: dict[tuple[str, str], str], flattener: str) -> dict:
    summary = summarise(
        score_page(p.name, p.gold, bodies[p.flattener, p.name]) for p in pages if p.flattener == flattener
    )
    return {
        "f1": round(summary.f1, 4),
        "precision": round(summary.precision, 4),
        "recall": round(summary.recall, 4),
        "mean_page_f1": round(summary.mean_page_f1, 4),
        "pages": summary.pages,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--textdumps", type=Path, default=ROOT.parent / "shared" / "eval" / "textdumps")
    parser.add_argument("--cross-validate", action="store_true", help="also print cross-validated figures")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="do not write the model")
    args = parser.parse_args(argv)
    gold = load_gold(args.textdumps)
    pages = [
        page for flattener in FLATTENERS for page in load_pages(args.textdumps / flattener, flattener, gold)
    ]
    groups = site_groups(gold)
    print(f"{len(pages)} dumps of {len(gold)} pages, {len(set(groups.values()))} site groups")
    if args.cross_validate:
        predicted = cross_validate(pages, groups, args.folds)
        for flattener in FLATTENERS:
            found = figures(pages, predicted, flattener)
            print(f"cross-validated ({args.folds} folds by site) {flattener}: {found}")
    if args.no_write:
        return
    model = fit(pages, groups)
    stage = ArticleStage(line_model=model)
    own = {(p.flattener, p.name): extract(stage, p) for p in pages}
    for flattener in FLATTENERS:
        print(
            f"shipped model on its own training pages (not a measure): {flattener}: {figures(pages, own, flattener)}"
        )
    document = {"about": ABOUT, "model": model.to_json()}
    OUTPUT.write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({OUTPUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
