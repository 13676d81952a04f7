"""The `wiretrace` command as a user runs it: a real process, a real store file."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import run_cli


def test_ingest_seeds_then_list_them_as_jsonl(seeds_dir, db_path, gold):
    result = run_cli("ingest", str(seeds_dir), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert "5 ingested, 0 duplicates skipped, 0 failed" in result.stderr
    listed = run_cli("articles", "--db", str(db_path), "--format", "jsonl")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == 5
    required = {
        "id",
        "source_path",
        "url",
        "title",
        "published",
        "outlet",
        "original_publisher",
        "body",
        "body_offsets",
        "removed",
    }
    assert all(required <= set(row) for row in rows)
    by_file = {row["source_path"].rsplit("/", 1)[-1]: row for row in rows}
    for doc in gold["documents"]:
        assert by_file[doc["file"]]["original_publisher"] == doc["original_publisher"]


def test_second_ingest_skips_everything(seeds_dir, db_path):
    run_cli("ingest", str(seeds_dir), "--db", str(db_path))
    again = run_cli("ingest", str(seeds_dir), "--db", str(db_path))
    assert again.returncode == 0
    assert "0 ingested, 5 duplicates skipped, 0 failed" in again.stderr


def test_bad_items_are_named_recorded_and_do_not_stop_the_batch(seeds_dir, db_path, tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    result = run_cli("ingest", str(bad), str(tmp_path / "missing.txt"), str(seeds_dir), "--db", str(db_path))
    assert result.returncode == 2
    assert f"failed: {bad}: read: binary content: looks like a PNG image" in result.stderr
    assert "missing.txt: read: no such file or directory" in result.stderr
    assert "5 ingested, 0 duplicates skipped, 2 failed" in result.stderr
    failures = run_cli("failures", "--db", str(db_path), "--format", "jsonl")
    assert len(failures.stdout.splitlines()) == 2


def test_stdin(db_path):
    text = "Ferry strike ends\n\nFerry crews returned to work on Sunday after a deal on pay was reached, the union said.\n"
    result = run_cli("ingest", "-", "--db", str(db_path), input=text.encode())
    assert result.returncode == 0, result.stderr
    shown = run_cli("articles", "--db", str(db_path), "-f", "jsonl")
    assert json.loads(shown.stdout)["title"] == "Ferry strike ends"


def test_show_prints_metadata_body_and_cut_furniture(seeds_dir, db_path):
    run_cli("ingest", str(seeds_dir), "--db", str(db_path))
    rows = [
        json.loads(line)
        for line in run_cli("articles", "--db", str(db_path), "-f", "jsonl").stdout.splitlines()
    ]
    elrisala = next(r for r in rows if r["outlet"] == "Elrisala")
    shown = run_cli("show", elrisala["id"][:8], "--db", str(db_path))
    assert shown.returncode == 0
    assert "The Economic Times" in shown.stdout and "Cut from the page:" in shown.stdout
    missing = run_cli("show", "ffffffffffff", "--db", str(db_path))
    assert missing.returncode == 1 and "no article with id" in missing.stderr


def test_report_fits_100_columns(seeds_dir, db_path):
    run_cli("ingest", str(seeds_dir), "--db", str(db_path))
    report = run_cli("report", "--db", str(db_path))
    assert report.returncode == 0
    assert "Articles" in report.stdout
    assert all(name in report.stdout for name in ("Mediterranean", "Elrisala", "EIRNS", "The Economic"))
    assert max(len(line) for line in report.stdout.splitlines()) <= 100


def test_db_from_environment(seeds_dir, tmp_path):
    env = {"WIRETRACE_DB": str(tmp_path / "env.db")}
    assert run_cli("ingest", str(seeds_dir), env=env).returncode == 0
    assert (tmp_path / "env.db").exists()


def test_terminal_escapes_in_articles_are_not_printed(db_path, tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text(
        "Evil \x1b[2J title\n\nThe council met on Monday \x1b]0;pwned\x07 to discuss the budget, officials said.\n"
    )
    run_cli("ingest", str(path), "--db", str(db_path))
    for command in (
        ["articles"],
        ["report"],
        ["show", run_cli("articles", "--db", str(db_path), "-f", "jsonl").stdout[8:16]],
    ):
        shown = run_cli(*command, "--db", str(db_path))
        assert shown.returncode == 0, shown.stderr
        assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout


def test_a_usage_error_is_one_message_and_exit_code_2(db_path):
    for args in (["--db", str(db_path), "stories"], ["stories", "--level", "chapter"], ["no-such-command"]):
        result = run_cli(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr and "│" not in result.stderr  # no rich traceback
        assert "No such" in result.stderr or "Invalid value" in result.stderr


def test_reprocess_and_missing_store(seeds_dir, db_path, tmp_path):
    run_cli("ingest", str(seeds_dir), "--db", str(db_path))
    result = run_cli("reprocess", "--db", str(db_path))
    assert result.returncode == 0 and "5 reprocessed" in result.stderr
    missing = run_cli("articles", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 1 and "no store at" in missing.stderr


def test_the_command_line_loads_no_model_library_until_a_command_needs_one():
    # `wiretrace --help` and the read commands must answer at once: spaCy, scikit-learn,
    # MinHash and trafilatura load only in the commands that analyse; pydantic (the API's
    # schema), the read layer, the report, the exports and click only in the
    # commands that use them (click: unless typer itself runs on it)
    heavy = ("spacy", "sklearn", "datasketch", "trafilatura", "wiretrace.pipeline")
    lazy = ("pydantic", "wiretrace.read", "wiretrace.report", "wiretrace.export", "click")
    code = (
        "import sys\nimport typer\nbefore = set(sys.modules)\nfrom wiretrace.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print('loaded:', *(name for name in {heavy + lazy!r} if name in set(sys.modules) - before))"
    )
    help_run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Usage:" in help_run.stdout and "ingest" in help_run.stdout
    assert help_run.stdout.splitlines()[-1] == "loaded:"
    help_run = run_cli("--help")
    assert help_run.returncode == 0 and "ingest" in help_run.stdout


def test_a_read_command_loads_no_pydantic(seeds_dir, db_path):
    # the read layer's records are dataclasses: listing articles needs neither pydantic
    # (about 0.1 s of start) nor a model library; only the API builds pydantic's schema
    run_cli("ingest", str(seeds_dir), "--db", str(db_path), "-q")
    code = (
        "import sys\nfrom wiretrace.cli import main\n"
        f"try:\n    main(['articles', '--db', {str(db_path)!r}, '--format', 'jsonl'])\nexcept SystemExit:\n    pass\n"
        "print('loaded:', *(name for name in ('pydantic', 'spacy', 'sklearn') if name in sys.modules))"
    )
    listed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    rows = listed.stdout.splitlines()
    assert len(rows) == 6 and all(json.loads(row)["heading"] for row in rows[:5])
    assert rows[-1] == "loaded:"


def test_text_that_looks_like_markup_prints_as_written(tmp_path):
    """An outlet called "Bad [/x] outlet" made `wiretrace articles` and the report raise
    rich's MarkupError; ":smile:" became an emoji. Article text is data."""
    row = {
        "text": "The council approved the budget on Monday. “Roads [bold]and[/bold] schools come first,” the mayor said.",
        "title": "Budget [/x] passes :smile:",
        "outlet": "Bad [/x] outlet",
        "url": "https://bad.example/1",
    }
    source = tmp_path / "markup.jsonl"
    source.write_text(json.dumps(row) + "\n")
    db = str(tmp_path / "markup.db")
    assert run_cli("ingest", str(source), "--db", db, "-q").returncode == 0
    for command, written in (("articles", "[/x]"), ("report", "[/x]"), ("quotes", "[bold]and[/bold]")):
        shown = run_cli(command, "--db", db)
        assert shown.returncode == 0, shown.stderr
        assert written in shown.stdout and "😄" not in shown.stdout
