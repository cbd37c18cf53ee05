"""bin/setup-python, as a newcomer sees it: one line per step, and a clear error when pip fails."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_failed_install_says_what_pip_said_and_where_the_log_is(tmp_path):
    shutil.copytree(ROOT / "bin", tmp_path / "bin")
    # not a requirement pip can read: it fails before asking any package index
    (tmp_path / "requirements.txt").write_text("./no-such-folder\n")
    result = subprocess.run([str(tmp_path / "bin" / "setup-python"), "requirements.txt"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    steps = result.stdout.splitlines()
    assert len(steps) == 2 and steps[0].startswith("Creating .venv with Python 3.")
    assert steps[1] == "Installing Python packages from requirements.txt (first run, or the file changed)... failed."
    err = result.stderr.splitlines()
    assert err[0] == "error: pip could not install requirements.txt. What pip said:"
    assert any("no-such-folder" in line for line in err[1:-1])
    assert ".venv/pip-install.log" in err[-1] and (tmp_path / ".venv" / "pip-install.log").exists()
    assert not (tmp_path / ".venv" / ".installed-requirements.txt").exists()  # the next run tries again
