"""The shipped data is found from a built wheel installed in a fresh virtual environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="building the wheel needs hatchling (the test extra)")
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(work / "dist"),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next((work / "dist").glob("npt_gloss-*.whl"))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    target = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # Install the wheel's files with this environment's pip, into the fresh venv only.
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, str(wheel)],
        check=True,
        capture_output=True,
    )
    return venv


def python_in(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # The dependencies come from this test environment; npt_gloss itself only from the wheel
    # (PYTHONPATH entries do not run .pth files, so the editable checkout is not seen).
    deps = sysconfig.get_paths()["purelib"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NPT_GLOSS_")}
    env.update(PYTHONPATH=deps, NPT_GLOSS_CACHE=str(cwd / "cache"), PYTHONSAFEPATH="1")
    return subprocess.run(
        [str(venv / "bin" / "python"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
    )


def run_in(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return python_in(venv, "-m", "npt_gloss", *args, cwd=cwd)


def test_wheel_finds_its_own_data(wheel_venv: Path, tmp_path: Path) -> None:
    where = run_in(wheel_venv, "--version", cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    shown = run_in(wheel_venv, "show", "--json", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert len(json.loads(shown.stdout)["paragraphs"]) == 23
    found = run_in(wheel_venv, "lookup", "NPT", "--json", cwd=tmp_path)
    assert json.loads(found.stdout)["results"][0]["zh"] == "不扩散核武器条约"
    code = "import npt_gloss.paths as p; print(p.shipped('glossary.toml'))"
    origin = python_in(wheel_venv, "-c", code, cwd=tmp_path).stdout.strip()
    assert "/data/glossary.toml" in origin and str(REPO) not in origin
    # The segmenter-edges table ships too (without it a Chinese draft would need rjieba).
    code = (
        "from npt_gloss import mentions as m; print(m.EDGES_FILE, len(m.segmenter_edges().names))"
    )
    table, names = python_in(wheel_venv, "-c", code, cwd=tmp_path).stdout.split()
    assert str(REPO) not in table and int(names) > 300
