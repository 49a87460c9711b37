"""One table of plain words for file errors: the CLI, the app and the store say the same thing."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from cramp_diary.cli.group import os_reason
from cramp_diary.safe_write import OS_REASONS, describe_os_error


@pytest.mark.parametrize("code", sorted(OS_REASONS))
def test_cli_and_store_word_each_known_error_alike(code: int, tmp_path: Path) -> None:
    error = OSError(code, os.strerror(code))
    assert os_reason(error, tmp_path / "x") == describe_os_error(error) == OS_REASONS[code]


def test_full_disk_and_quota_and_read_only_in_plain_words() -> None:
    assert describe_os_error(OSError(errno.ENOSPC, "No space left on device")) == "the disk is full; free some space, then try again"
    assert describe_os_error(OSError(errno.EROFS, "Read-only file system")) == "the disk is read-only"
    assert describe_os_error(OSError(errno.EDQUOT, "Disk quota exceeded")) == "over your disk quota"


def test_an_unknown_error_uses_the_system_words_on_one_line() -> None:
    assert describe_os_error(OSError(errno.EIO, "Input/output\n error")) == "input/output error"
    assert describe_os_error(OSError()) == "an error of the operating system"


def test_a_missing_folder_is_named_by_the_cli(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "x.csv"
    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file"), missing) == f"the folder {missing.parent} does not exist"
