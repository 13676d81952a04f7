"""Furniture removal and body extraction on ../shared/eval/textdumps, beside baselines, in one run.

    make bench-extraction     # or: .venv/bin/python benchmarks/extraction.py [--folds 5] [--quick]

Text dumps (html-text's text/, inscriptis' text-inscriptis/, and, when the
`w3m` and `lynx` commands are installed, the same pages dumped by each of them,
hard-wrapped at 100 columns: flatteners the model never trains on):

- wiretrace, cross-validated: five folds by site; each fold's line model is
  trained on the other folds' html-text and inscriptis dumps and scored through
  the article stage on its own pages. This is the measure of quality.
- wiretrace, shipped model: trained on all these pages, so not a measure;
  printed to show the gap.
- wiretrace's rules alone (the article stage before the line model).
- the whole dump, kept as it is; jusText over the dump's lines (each line a
  paragraph, wrapped paragraphs joined as wiretrace joins them, the page's own
  language's stop list, English when none is given).

HTML (html/): wiretrace's HTML line model, cross-validated by the same folds
(each fold's model trained on the other folds' pages) and as shipped, beside
trafilatura's article cleaned by wiretrace's rules (the HTML path before the
model) and trafilatura's extract with its defaults. Speed: pages per
CPU-second of the text path, on one core, beside the rules alone and jusText,
over the html-text dumps; and of the HTML path beside trafilatura. Outlet memory: the
pages of each name prefix with two pages or more (some prefixes are sites,
some Readability's test-case names) as one outlet, without memory, streamed
in name order, and reprocessed. Also: the words the line model keeps of
articles with no furniture (BASIL, PolNeAR dev) beside the rules alone; and
time and peak memory on huge dumps of short lines.

Scores are the article-extraction benchmark's: 4-word shingle precision and
recall averaged over pages, F1 of the two (wiretrace.eval.extraction).
"""

from __future__ import annotations

import argparse
import html as html_escape
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DUMPS = ROOT.parent / "shared" / "eval" / "textdumps"
TEXT_TARGET, HTML_TARGET, SPEED_TARGET = 0.92, 0.96, 200.0
WRAP_COLUMNS = 100
TOOLS = {
    "w3m": ["w3m", "-dump", "-T", "text/html", "-cols", str(WRAP_COLUMNS), "-I", "UTF-8", "-O", "UTF-8"],
    "lynx": [
        "lynx",
        "-dump",
        "-nolist",
        f"-width={WRAP_COLUMNS}",
        "-assume_charset=utf-8",
        "-display_charset=utf-8",
    ],
}
JUSTEXT_LANGUAGES = {
    "en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese",
    "cs": "Czech", "ar": "Arabic", "lv": "Latvian", "it": "Italian", "ru": "Russian",
}  # fmt: skip


def one_core() -> None:
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def languages(dumps: Path) -> dict[str, str]:
    found = {}
    for line in (dumps / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        found[row["id"]] = JUSTEXT_LANGUAGES.get((row.get("lang") or "en").split("-")[0].lower(), "English")
    return found


def dump_with(tool: str, html_dir: Path, names: list[str], out: Path) -> Path:
    """Flatten every page with a terminal browser (a flattener the model never saw)."""
    folder = out / tool
    folder.mkdir()
    for name in names:
        page = html_dir / f"{name}.html"
        result = subprocess.run([*TOOLS[tool], str(page)], capture_output=True, timeout=60, check=False)
        (folder / f"{name}.txt").write_bytes(result.stdout)
    return folder


def justext_body(content: str, language: str) -> str:
    import justext

    from wiretrace.article.text import split_lines

    # the lines wiretrace reads (a hard-wrapped paragraph joined into one), each a paragraph
    markup = "".join(f"<p>{html_escape.escape(line.text)}</p>" for line in split_lines(content))
    paragraphs = justext.justext(
        f"<html><body>{markup}</body></html>".encode(), justext.get_stoplist(language)
    )
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def stage_body(
    stage,
    name: str,
    content: str,
    media_type: str = "text/plain",
    known: frozenset[int] = frozenset(),
    hints: dict | None = None,
) -> str:
    from wiretrace.errors import ItemError
    from wiretrace.records import RawItem

    try:
        return stage(RawItem(name, name, media_type, content, hints=hints or {}), known_furniture=known).body
    except ItemError:
        return ""


def score(gold: dict[str, str], bodies: Callable[[str], str]) -> dict:
    from wiretrace.eval.extraction import evaluate, summarise

    return summarise(evaluate(gold, bodies)).figures()


def cpu_rate(extract: Callable[[str, str], str], pages: dict[str, str], rounds: int = 3) -> float:
    """Pages per CPU-second, the best of a few rounds (other work on the machine only slows a round)."""
    best = 0.0
    for _ in range(rounds):
        started = time.process_time()
        for name, content in pages.items():
            extract(name, content)
        best = max(best, len(pages) / max(time.process_time() - started, 1e-9))
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--textdumps", type=Path, default=DEFAULT_DUMPS)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--quick", action="store_true", help="skip the cross-validation (minutes instead of ~40)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    one_core()

    import trafilatura

    from wiretrace.article import ArticleStage
    from wiretrace.article.furniture_training import (
        FLATTENERS,
        HTML_PAGES,
        cross_validate,
        load_html_pages,
        load_pages,
        site_groups,
    )
    from wiretrace.eval.extraction import load_gold

    gold = load_gold(args.textdumps / "ground-truth.json")
    names = sorted(gold)
    language = languages(args.textdumps)
    shipped, rules = ArticleStage(), ArticleStage(line_model=None)
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folders = {f: args.textdumps / f for f in FLATTENERS}
        for tool in TOOLS:
            if shutil.which(tool):
                folders[tool] = dump_with(tool, args.textdumps / "html", names, Path(scratch))
            else:
                print(
                    f"({tool} not installed: apt-get install {tool} adds it as an unseen flattener)",
                    file=sys.stderr,
                )
        dumps = {f: {n: (folder / f"{n}.txt").read_text(encoding="utf-8", errors="replace") for n in names}
                 for f, folder in folders.items()}  # fmt: skip
        predicted = None
        if not args.quick:
            pages = [page for f, folder in folders.items() for page in load_pages(folder, f, gold)]
            pages += load_html_pages(args.textdumps / HTML_PAGES, gold)
            predicted = cross_validate(pages, site_groups(gold), args.folds)
        for flattener, texts in dumps.items():
            row = {}
            if not args.quick:
                row["wiretrace (cross-validated)"] = score(gold, lambda n, f=flattener: predicted[f, n])
            row["wiretrace (shipped model, trained on these pages)"] = score(
                gold, lambda n, t=texts: stage_body(shipped, n, t[n])
            )
            row["wiretrace rules alone"] = score(gold, lambda n, t=texts: stage_body(rules, n, t[n]))
            row["whole dump"] = score(gold, lambda n, t=texts: t[n])
            row["jusText over lines"] = score(gold, lambda n, t=texts: justext_body(t[n], language[n]))
            results[flattener] = row
    html_pages = {n: (args.textdumps / HTML_PAGES / f"{n}.html").read_text(encoding="utf-8", errors="replace")
                  for n in names}  # fmt: skip
    results["html"] = html_figures(html_pages, gold, shipped, predicted)
    for flattener in FLATTENERS:
        results[f"outlet memory ({flattener}, pages of prefixes with two or more)"] = memory_figures(
            gold, dumps[flattener], {"shipped model": shipped, "rules alone": rules}
        )
    texts = dumps["text"]
    results["speed (pages per CPU-second, html-text dumps)"] = {
        "wiretrace": round(cpu_rate(lambda n, c: stage_body(shipped, n, c), texts), 1),
        "wiretrace rules alone": round(cpu_rate(lambda n, c: stage_body(rules, n, c), texts), 1),
        "jusText over lines": round(cpu_rate(lambda n, c: justext_body(c, language[n]), texts), 1),
    }
    results["speed (pages per CPU-second, HTML pages)"] = {
        "wiretrace": round(cpu_rate(lambda n, c: stage_body(shipped, n, c, "text/html"), html_pages, 1), 1),
        "trafilatura (defaults)": round(
            cpu_rate(lambda n, c: trafilatura.extract(c) or "", html_pages, 1), 1
        ),
    }
    results["clean articles: words kept (model / rules alone / input)"] = clean_articles(shipped, rules)
    results["huge dumps of one-to-four-word lines (shipped model, one process each)"] = huge_dumps()
    if args.json:
        print(json.dumps(results))
        return
    print_results(results)


def clean_articles(model_stage, rules_stage) -> dict:
    """What the line model does to articles with no furniture: BASIL and PolNeAR dev as given."""
    from wiretrace.records import RawItem

    shared = ROOT.parent / "shared" / "eval"
    sets = {
        "BASIL": [
            json.loads(line)
            for line in (shared / "basil" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        ],
        "PolNeAR dev": [
            {"text": path.read_text(encoding="utf-8")}
            for path in sorted((shared / "polnear" / "dev" / "text").iterdir())
        ],
    }
    found = {}
    for label, rows in sets.items():
        kept = {"model": 0, "rules": 0}
        shrunk = 0
        for n, row in enumerate(rows):
            item = RawItem(
                str(n),
                str(n),
                "text/plain",
                row["text"],
                hints={"title": row["title"]} if row.get("title") else {},
            )
            words = {}
            for name, stage in (("model", model_stage), ("rules", rules_stage)):
                words[name] = len(stage_body(stage, item.id, item.content, hints=item.hints).split())
                kept[name] += words[name]
            shrunk += words["model"] < 0.9 * words["rules"]
        total = sum(len(row["text"].split()) for row in rows)
        found[f"{label} ({len(rows)} articles)"] = (
            f"{kept['model']:,} / {kept['rules']:,} / {total:,}; {shrunk} articles lose over a tenth"
        )
    return found


HUGE_CHILD = r"""
import random, resource, sys, time
from wiretrace.article import ArticleStage
from wiretrace.errors import ItemError
from wiretrace.records import RawItem
stage = ArticleStage()
random.seed(0)
words = "home news sport weather share menu more login about contact the a of to in".split()
lines, size = [], 0
while size < float(sys.argv[1]) * 1e6:
    line = " ".join(random.choice(words) for _ in range(random.randint(1, 4)))
    lines.append(line)
    size += len(line) + 1
started = time.process_time()
try:
    stage(RawItem("huge", "huge.txt", "text/plain", "\n".join(lines)))
except ItemError:
    pass
seconds = time.process_time() - started
print(f"{len(lines):,} lines: {seconds:.1f} CPU s, peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024:,} MB")
"""


def huge_dumps(megabytes: tuple[float, ...] = (2, 8)) -> dict:
    """Time and peak memory of the article stage on dumps of random short lines, a fresh process each."""
    return {
        f"{mb:g} MB": subprocess.run(
            [sys.executable, "-c", HUGE_CHILD, str(mb)], capture_output=True, text=True, check=True
        ).stdout.strip()
        for mb in megabytes
    }


def memory_figures(gold: dict[str, str], texts: dict[str, str], stages: dict) -> dict:
    """Each page name's prefix as one outlet, its pages streamed in name order through outlet memory.

    "streamed": each page learns from the prefix's earlier pages, as an
    ingest does; "reprocessed": from all the others, as `wiretrace reprocess`.
    """
    from wiretrace.article.furniture_training import site_of
    from wiretrace.article.memory import InMemory, known_furniture, remember
    from wiretrace.records import RawItem

    outlets: dict[str, list[str]] = {}
    for name in sorted(gold):
        outlets.setdefault(site_of(name), []).append(name)
    shared = {outlet: names for outlet, names in outlets.items() if len(names) > 1}
    figures = {}
    for label, stage in stages.items():
        for mode in ("no memory", "streamed", "reprocessed"):
            bodies = {}
            for outlet, names in shared.items():
                items = [RawItem(n, n, "text/plain", texts[n], hints={"outlet": outlet}) for n in names]
                memory = InMemory()
                if mode == "reprocessed":
                    remember(memory, items)
                for item in items:
                    known = known_furniture(memory, [item]).get(item.id, frozenset())
                    bodies[item.id] = stage_body(stage, item.id, item.content, known=known)
                    if mode == "streamed":
                        remember(memory, [item])
            figures[f"{label}, {mode}"] = score({n: gold[n] for n in bodies}, bodies.__getitem__)
    return figures


def html_figures(pages: dict[str, str], gold: dict[str, str], shipped, predicted: dict | None) -> dict:
    import trafilatura

    from wiretrace.article import ArticleStage

    before = ArticleStage(html_model=None)
    found = {}
    if predicted is not None:
        found["wiretrace (cross-validated)"] = score(gold, lambda n: predicted["html", n])
    found["wiretrace (shipped models, trained on these pages)"] = score(
        gold, lambda n: stage_body(shipped, n, pages[n], "text/html")
    )
    found["trafilatura's article with wiretrace's rules (before the HTML model)"] = score(
        gold, lambda n: stage_body(before, n, pages[n], "text/html")
    )
    found["trafilatura (defaults)"] = score(gold, lambda n: trafilatura.extract(pages[n]) or "")
    return found


def print_results(results: dict[str, dict]) -> None:
    for section, rows in results.items():
        print(f"\n{section}")
        for name, value in rows.items():
            if isinstance(value, dict):
                print(
                    f"  {name:<52} F1 {value['f1']:.4f}  P {value['precision']:.4f}  R {value['recall']:.4f}"
                )
            else:
                print(f"  {name:<52} {value}")
    print(f"\ntargets: text dumps F1 >= {TEXT_TARGET} (cross-validated), HTML >= {HTML_TARGET}, "
          f"text path >= {SPEED_TARGET:.0f} pages/s on one core")  # fmt: skip


if __name__ == "__main__":
    main()
