"""Making a write durable: a file's data, and a folder's entry for a file just renamed into it
(on POSIX; Windows has no handle to a folder to sync, and its renames are journaled)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["fsync_dir", "fsync_file", "replace_file"]


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


def replace_file(path: Path, data: bytes) -> None:
    """Put ``data`` in ``path`` (0600) for good: written beside it, synced, renamed over it, the
    folder synced. Killed at any moment, the file is the old one or the whole new one."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    tmp.replace(path)
    fsync_dir(path.parent)
