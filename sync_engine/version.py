"""The installed Dinghuo version, for every program's ``--version`` and the app's About box.

Read from the package metadata (``pyproject.toml``'s ``version``, installed with the package;
the standalone build carries the metadata too), so there is one place to change it.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

__all__ = ["DISTRIBUTION", "installed_version", "version_line"]

DISTRIBUTION = "dinghuo"


def installed_version() -> str:
    """The version of the installed ``dinghuo`` distribution ("unknown" when run from a
    checkout that was never installed)."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "unknown"


def version_line(program: str) -> str:
    """What ``PROGRAM --version`` prints, e.g. ``dinghuo-server 0.1.0``."""
    return f"{program} {installed_version()}"
