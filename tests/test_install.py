"""`pip install .` in a fresh virtual environment gives a working `brief-assistant` from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from index_helpers import seeded_settings

from assistant.settings import CHECKOUT, Settings


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.mark.slow
def test_pip_install_gives_a_console_script_that_answers_from_anywhere(tmp_path: Path, built_settings: Settings) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    packages = venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    # The dependencies (and the build backend) come from this environment: installing torch & co.
    # again would take minutes. The project itself is built and installed as a regular wheel.
    here = [entry for entry in sys.path if entry.endswith("site-packages") and Path(entry).is_dir()]
    (packages / "dependencies.pth").write_text("\n".join(here) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEF_", "CHROMA_", "VIRTUAL_ENV"))}
    env.update({"HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", "COLUMNS": "200"})
    pip = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet", "--no-deps"]
    run([*pip, "--no-build-isolation", "--no-index", str(CHECKOUT)], tmp_path, env)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = str(venv / "bin" / "brief-assistant")
    assert "ask" in run([script, "--help"], elsewhere, env).stdout
    assert "ingest" in run([str(venv / "bin" / "python"), "-m", "assistant", "--help"], elsewhere, env).stdout
    probe = "import assistant, eval.gold as g, ui.slack as s; print(assistant.__file__, g.GOLD_PATH.is_file(), s.SLACK_MANIFEST.is_file())"
    where = run([str(venv / "bin" / "python"), "-c", probe], elsewhere, env)
    location, gold_shipped, manifest_shipped = where.stdout.split()
    assert Path(location).is_relative_to(packages), "the installed copy is used, not the checkout"
    assert gold_shipped == manifest_shipped == "True", "package data ships with the wheel"

    seeded_settings(tmp_path / "home", built_settings)  # corpus/ and index/ (with a warm embedding cache) in home/
    env["BRIEF_HOME"] = str(tmp_path / "home")
    run([script, "ingest"], elsewhere, env)
    answer = json.loads(run([script, "ask", "--json", "Who drafted the 28-point peace plan?"], elsewhere, env).stdout)
    assert not answer["declined"] and answer["citations"]
    assert any("Kushner" in citation["quote"] for citation in answer["citations"])
