"""Shared fixtures: a fixed clock, a diary in tmp_path, and no personal config leaking in."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from collections.abc import Callable, Iterator  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

from cramp_diary.store import Diary  # noqa: E402
from cramp_diary.store.schema import new_device_name, utc_stamp  # noqa: E402

#: CI runs every property test on the same examples, so a red run is the code's doing, never the dice's,
#: and no example database carries one run's failure into the next. Each test's own max_examples still
#: applies: derandomised, hypothesis still explores, from a fixed seed. Locally the examples stay random.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto``: two workers a core, since a Textual test mostly waits.

    Each ``pilot.press`` sleeps in 20 ms steps until the process is idle (about 85 ms a key
    for 11 ms of work), and the subprocess tests wait on their children, so a worker per
    core left the cores idle a third of the time. PYTEST_XDIST_AUTO_NUM_WORKERS still decides.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # pytest-xdist's own hook reads it
    return 2 * len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2 * (os.cpu_count() or 1)


ZONE = ZoneInfo("Europe/Berlin")
#: A Sunday evening; the tests' "now" unless they need another.
NOW = datetime(2026, 11, 22, 21, 30, tzinfo=ZONE)


class FakeClock:
    """A wall clock that moves only when a test says so."""

    def __init__(self, start: datetime = NOW) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.current += timedelta(**delta)


#: A new diary made by ``Diary.open`` per creation time (the only thing besides its random device
#: name that tells one new diary from another), made once per test process, in a folder of its own.
_NEW_DIARIES: dict[str, Path] = {}


def new_diary(path: Path, now: Callable[[], datetime]) -> Diary:
    """What ``Diary.open(path, now)`` gives for a new file, for the tests that make many.

    Running every schema step for each test's diary cost 20-30 ms of CPU, so the first new diary
    this process makes at a given creation time is kept and later ones are copies of its file
    (about 3 ms) under a fresh device name, as ``Diary.open`` gives a new diary; making a diary
    is itself tested through ``Diary.open`` (test_store_open, test_privacy, the migrations' tests).
    """
    if path.exists() or not path.parent.is_dir():
        return Diary.open(path, now)  # not a plain new file: let Diary.open decide what that means
    created = utc_stamp(now())
    made = _NEW_DIARIES.get(created)
    if made is None:
        folder = Path(tempfile.mkdtemp(prefix="cramp-new-diaries-"))
        atexit.register(shutil.rmtree, folder, True)
        made = folder / "new.db"
        Diary.open(made, lambda: now()).close()
        assert not Path(f"{made}-wal").exists(), "a closed new diary left its WAL behind"
        _NEW_DIARIES[created] = made
    shutil.copy(made, path)  # the bytes and the owner-only mode
    diary = Diary.open(path, now)
    diary.stamps.rename_device(new_device_name())
    return diary


@pytest.fixture(autouse=True)
def _private_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's own diary and config out of every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.delenv("CRAMP_DIARY_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "diary.db"


@pytest.fixture
def diary(db_path: Path, clock: FakeClock) -> Iterator[Diary]:
    with new_diary(db_path, clock) as opened:
        yield opened


@pytest.fixture
def demo_diary(diary: Diary, clock: FakeClock) -> Diary:
    """The deterministic sample diary, as `cramp-diary demo` writes it."""
    from cramp_diary.demo import write_demo

    write_demo(diary, clock())
    return diary


@pytest.fixture
def relative_diary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> Iterator[Diary]:
    """A diary opened as plain 'diary.db', so screens that show the path are the same on every run."""
    monkeypatch.chdir(tmp_path)
    with Diary.open(Path("diary.db"), clock) as opened:
        yield opened
