"""cramp-diary: a terminal diary and coach for leg cramps."""

from __future__ import annotations

#: Shown when the package is run from a source tree that was never installed,
#: so there is no metadata to read the version from.
UNKNOWN_VERSION = "0+unknown"


def _installed_version() -> str:
    """The version written once, in pyproject.toml, as installed package metadata."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cramp-diary")
    except PackageNotFoundError:
        return UNKNOWN_VERSION


def __getattr__(name: str) -> str:
    # Read lazily: importlib.metadata costs tens of milliseconds, and
    # `cramp-diary log` must start fast (benchmarks/cli_log.py).
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
