"""The fuzz scripts run (briefly) in the suite, so they cannot rot between fuzz runs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

atheris = pytest.importorskip("atheris", reason="atheris installs on Linux x86_64 only")


@pytest.mark.parametrize("script", ["fuzz_readers.py", "fuzz_text.py"])
def test_fuzz_script_runs_clean(script, tmp_path):
    process = subprocess.run(
        [
            sys.executable,
            str(ROOT / "fuzz" / script),
            "-runs=1500",
            "-max_len=1024",
            f"-artifact_prefix={tmp_path}/",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert process.returncode == 0, process.stderr[-3000:]
    assert "Done 1500 runs" in process.stderr
