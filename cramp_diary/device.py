"""A device identity that cannot collide: a random id kept in the diary, renewed when the diary is copied.

Names collide: a diary copied or restored onto a second machine carries the same
name, two machines can be given the same ``--name``, and ``Laptop``/``laptop`` are
one file on a case-insensitive disk. So each diary also keeps a random id, part of
its device file's name (``laptop-3f9a2c1b.json``) and of its clock stamps, and the
place it was made for (a fingerprint of the machine and the diary's path). A diary
opened somewhere else is a copy: it takes a new id, and syncs as a new device.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

#: The random part: 8 lowercase hex digits (4 billion ids; the name is part of the file name too).
ID = r"[0-9a-f]{8}"
#: A device file written by this version: ``<name>-<id>.json``.
FILE = r"(?P<name>[A-Za-z0-9][A-Za-z0-9_-]*)-(?P<id>[0-9a-f]{8})\.json"
#: Where Linux keeps a per-installation id; elsewhere the host name alone names the machine.
MACHINE_ID_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


def new_id() -> str:
    """What ``secrets.token_hex(4)`` gives, without loading ``secrets`` (random, hmac, base64) on every ``log``."""
    return os.urandom(4).hex()


def _host() -> str:
    """``platform.node()``: on POSIX it is ``os.uname()``'s node name, and ``platform`` costs ``log`` a few ms."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import platform

    return platform.node()


def _machine() -> str:
    for path in MACHINE_ID_FILES:
        try:
            return path.read_text(encoding="ascii").strip() + "\0" + _host()
        except (OSError, UnicodeDecodeError):
            continue
    return _host()


def _sha256(data: bytes) -> str:
    """``hashlib.sha256(data).hexdigest()`` from CPython's own SHA-256 where it has one.

    ``hashlib`` loads OpenSSL's library first: about 2.5 ms of every ``log``, which needs
    this fingerprint to stamp its episode (issue 26). The digest is the same either way.
    """
    try:
        from _sha2 import sha256  # CPython 3.12 and later
    except ImportError:
        try:
            from _sha256 import sha256  # CPython 3.11
        except ImportError:  # a build without them
            from hashlib import sha256
    return sha256(data).hexdigest()


def home(diary: Path) -> str:
    """A fingerprint of this machine and the diary's place on it: different for a copy anywhere else."""
    where = f"{_machine()}\0{Path(diary).expanduser().resolve()}"
    return _sha256(where.encode("utf-8", "surrogateescape"))[:16]


def file_name(name: str, device_id: str) -> str:
    """This device's file in the sync folder."""
    return f"{name}-{device_id}.json"


def id_of_file(file_name: str) -> str | None:
    """The device id in a device file's name, None for an older file named after the device alone."""
    found = re.fullmatch(FILE, file_name)
    return found["id"] if found else None


def stamp_device(name: str, device_id: str) -> str:
    """Who made a change, as clock stamps carry it: the name (cut to fit) and the id, so no two devices share it."""
    return f"{name[:54]}-{device_id}"
