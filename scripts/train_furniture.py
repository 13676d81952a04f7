"""Train the line classifier shipped in wiretrace/models/furniture.json (`make train-furniture`).

Reads ../shared/eval/textdumps (never copied into the repository): each page's
whole-page text dumps (html-text's in text/, inscriptis' in text-inscriptis/),
its HTML (html/) and its gold body. Both flatteners' dumps train the text
model, so it learns pages rather than one tool's layout; the HTML pages train
the HTML model, which reads the page's visible text line by line with
trafilatura's article and the page's markup as features. How lines are
labelled and how the networks are trained: wiretrace/article/furniture_training.py.

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
from wiretrace.article.furniture_model import HTML, MODEL_FILE, TEXT
from wiretrace.article.furniture_training import (
    FLATTENERS,
    HTML_PAGES,
    cross_validate,
    extract,
    fit,
    load_html_pages,
    load_pages,
    site_groups,
)
from wiretrace.eval.extraction import load_gold, score_page, summarise

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "wiretrace" / "models" / MODEL_FILE
ABOUT = (
    "Line classifiers of wiretrace's article stage: for text dumps ('model') and for HTML pages "
    "('html_model'), each two small networks (distilled from gradient-boosted trees) and a two-state "
    "smoothing chain over the line features of wiretrace/article/lines.py (and, for HTML, "
    "wiretrace/article/html.py's HTML_FEATURE_NAMES), trained by scripts/train_furniture.py on "
    "../shared/eval/textdumps (html-text and inscriptis dumps of 135 pages; the same pages' HTML)."
)


def figures(pages, bodies: dict[tuple[str, str], str], flattener: str) -> dict:
    return summarise(
        score_page(p.name, p.gold, bodies[p.flattener, p.name]) for p in pages if p.flattener == flattener
    ).figures()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--textdumps", type=Path, default=ROOT.parent / "shared" / "eval" / "textdumps")
    parser.add_argument("--cross-validate", action="store_true", help="also print cross-validated figures")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="do not write the model")
    args = parser.parse_args(argv)
    gold = load_gold(args.textdumps / "ground-truth.json")
    dumps = [
        page for flattener in FLATTENERS for page in load_pages(args.textdumps / flattener, flattener, gold)
    ]
    html_pages = load_html_pages(args.textdumps / HTML_PAGES, gold)
    pages = dumps + html_pages
    groups = site_groups(gold)
    print(
        f"{len(dumps)} dumps and {len(html_pages)} HTML pages of {len(gold)} pages, "
        f"{len(set(groups.values()))} site groups"
    )
    kinds = (*FLATTENERS, HTML_PAGES)
    if args.cross_validate:
        predicted = cross_validate(pages, groups, args.folds)
        for kind in kinds:
            print(f"cross-validated ({args.folds} folds by site) {kind}: {figures(pages, predicted, kind)}")
    if args.no_write:
        return
    model, html_model = fit(dumps, groups), fit(html_pages, groups)
    stage = ArticleStage(line_model=model, html_model=html_model)
    own = {(p.flattener, p.name): extract(stage, p) for p in pages}
    for kind in kinds:
        print(
            f"shipped models on their own training pages (not a measure): {kind}: {figures(pages, own, kind)}"
        )
    document = {"about": ABOUT, TEXT: model.to_json(), HTML: html_model.to_json()}
    OUTPUT.write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({OUTPUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
