"""What we release is complete: the wheel runs the app, the sdist runs its own tests.

The sdist and wheel are built once per session from a copy of the project
(so a stale build/ folder in the checkout cannot leak into the wheel), with
``python -m build --no-isolation``: no network, the tools come from the test
extra. Without those tools the build tests are skipped on a developer machine,
but fail under CI, where the test extra always installs them.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from fnmatch import fnmatch
from pathlib import Path

import pytest
from click.testing import CliRunner

import cramp_diary
from cramp_diary.cli import cli

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]
#: Local leftovers of working in a checkout, never part of a release.
LEFTOVERS = (".git", ".venv*", "build", "dist", "__pycache__", "*.py[cod]", ".hypothesis", ".pytest_cache",
             "*.raw", "snapshot_report.html", "*.db", "*.db-wal", "*.db-shm")


def _missing_build_tooling() -> str | None:
    """Why the no-isolation build cannot run here, or None when it can."""
    if importlib.util.find_spec("build") is None:
        return "the 'build' package is not installed"
    try:
        setuptools_major = int(importlib.metadata.version("setuptools").split(".")[0])
    except importlib.metadata.PackageNotFoundError:
        return "setuptools is not installed"
    if setuptools_major < 77:
        return f"setuptools {importlib.metadata.version('setuptools')} is older than 77"
    return None


def _is_leftover(relative: str) -> bool:
    """Whether a path inside the project (posix, relative) is a local leftover."""
    return any(fnmatch(part, pattern) for part in relative.split("/") for pattern in LEFTOVERS)


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Build the sdist and the wheel once; return their paths."""
    missing = _missing_build_tooling()
    if missing:
        message = f"cannot build the sdist and wheel: {missing} (pip install -e '.[test]')"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    source = tmp_path_factory.mktemp("source") / "cramp-diary"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*LEFTOVERS, "*.egg-info"))
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (sdist,) = out.glob("cramp_diary-*.tar.gz")
    (wheel,) = out.glob("cramp_diary-*.whl")
    return sdist, wheel


def _sdist_names(sdist: Path) -> set[str]:
    """Paths inside the sdist, without its top folder."""
    with tarfile.open(sdist) as archive:
        return {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}


def test_the_built_files_carry_the_one_version(dists: tuple[Path, Path]) -> None:
    sdist, wheel = dists
    assert sdist.name == f"cramp_diary-{VERSION}.tar.gz"
    assert wheel.name == f"cramp_diary-{VERSION}-py3-none-any.whl"


def test_the_wheel_carries_the_styles_the_routines_and_the_license(dists: tuple[Path, Path]) -> None:
    _, wheel = dists
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"cramp_diary-{VERSION}.dist-info/METADATA").decode()
    styles = {path.relative_to(ROOT).as_posix() for path in (ROOT / "cramp_diary" / "tui").rglob("*.tcss")}
    assert styles, "no .tcss files found in the source tree"
    assert styles <= names, f"missing from the wheel: {sorted(styles - names)}"
    assert "cramp_diary/routines.toml" in names
    assert "cramp_diary/store/datasette.json" in names  # `cramp-diary datasette-metadata` prints its path
    assert f"cramp_diary-{VERSION}.dist-info/licenses/LICENSE" in names
    assert "License-Expression: MIT" in metadata
    assert not any(name.startswith("tests/") for name in names)


def test_the_sdist_carries_its_tests_snapshots_and_readme_pictures(dists: tuple[Path, Path]) -> None:
    sdist, _ = dists
    names = _sdist_names(sdist)
    tests = {path.relative_to(ROOT).as_posix() for path in (ROOT / "tests").rglob("*")
             if path.is_file() and not _is_leftover(path.relative_to(ROOT).as_posix())}
    assert any(name.startswith("tests/__snapshots__/") for name in tests)
    assert {"tests/conftest.py", "tests/fake_monotonic.py", "tests/timer_process.py"} <= tests
    assert tests <= names, f"missing from the sdist: {sorted(tests - names)}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pictures = set(re.findall(r"\]\((screenshots/[^)\s]+)\)", readme))
    assert pictures, "the README shows no pictures from screenshots/"
    assert pictures <= names, f"README pictures missing from the sdist: {sorted(pictures - names)}"
    assert {"LICENSE", "CHANGELOG.md", "README.md", "pyproject.toml"} <= names
    assert not [name for name in names if _is_leftover(name)]


def test_the_unpacked_sdist_collects_its_tests_without_errors(
    dists: tuple[Path, Path], tmp_path: Path
) -> None:
    sdist, _ = dists
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    (unpacked,) = tmp_path.iterdir()
    result = subprocess.run(
        # one process: with the project's ``-n auto`` every worker collected it again (4x the CPU, ~10 s)
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-n", "0"],
        cwd=unpacked, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTEST_ADDOPTS": ""},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert re.search(r"^\d+ tests collected in ", output, re.MULTILINE), output[-3000:]


def test_version_prints_the_installed_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.output == f"cramp-diary, version {importlib.metadata.version('cramp-diary')}\n"
    assert cramp_diary.__version__ == importlib.metadata.version("cramp-diary") == VERSION


def test_version_from_a_source_tree_that_was_never_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    assert cramp_diary.__version__ == cramp_diary.UNKNOWN_VERSION
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.output == f"cramp-diary, version {cramp_diary.UNKNOWN_VERSION}\n"
