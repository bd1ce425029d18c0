"""Making a write durable: a file's data, and a folder's entry for a file just renamed into it
(on POSIX; Windows has no handle to a folder to sync, and its renames are journaled)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["fsync_dir", "fsync_file"]


def fsync_file(path: Path) -> None:
    """Flush ``path``'s data to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Flush the folder ``path`` (a rename into it survives a power cut); nothing off POSIX."""
    if os.name == "posix":
        fsync_file(path)
