"""The replica's upkeep stays off the sync path, and the open check is skipped only for a file
exactly as the last clean close left it (damage is never used silently: DESIGN.md promise 10)."""

from __future__ import annotations

import ctypes
import os
from pathlib import Path
from unittest import mock

import pytest

from sync_engine.client import backups, cipher, cli, integrity, store
from sync_engine.client.engine import Engine
from sync_engine.client.store import DB_FILENAME
from tests.client.conftest import Env


def _filled(folder: Path) -> None:
    with Engine(folder) as engine, engine.store.write() as db:
        for i in range(200):
            engine.store.set_meta(db, f"probe{i}", "x" * 500)


def _opened_checks(folder: Path) -> tuple[int, object]:
    """How many quick checks opening ``folder`` ran, and the repair it reported."""
    with mock.patch.object(integrity, "damage", wraps=integrity.damage) as damage:
        engine = Engine(folder)
        repair = engine.repair
        engine.close()
    return damage.call_count, repair


def test_clean_close_lets_the_next_open_skip_the_quick_check(tmp_path: Path) -> None:
    _filled(tmp_path)
    assert (tmp_path / integrity.CLEAN_MARKER).exists()
    assert (tmp_path / integrity.CLEAN_MARKER).stat().st_mode & 0o777 == 0o600
    assert _opened_checks(tmp_path) == (0, None)
    assert _opened_checks(tmp_path) == (0, None)  # and again: each clean close writes one


def test_unclean_close_or_missing_marker_means_a_check(tmp_path: Path) -> None:
    _filled(tmp_path)
    crashed = Engine(tmp_path)  # opened, never closed: the marker is used up
    assert not (tmp_path / integrity.CLEAN_MARKER).exists()
    crashed.store.close()  # the process "dies" without Engine.close
    assert _opened_checks(tmp_path) == (1, None)
    (tmp_path / integrity.CLEAN_MARKER).unlink()
    assert _opened_checks(tmp_path) == (1, None)
    (tmp_path / integrity.CLEAN_MARKER).write_text("not json")
    assert _opened_checks(tmp_path) == (1, None)


def test_damage_with_its_mtime_set_back_is_still_detected(tmp_path: Path) -> None:
    """Same size, same mtime (``os.utime``): the ctime in the marker still moves."""
    _filled(tmp_path)
    path = tmp_path / DB_FILENAME
    before = path.stat()
    with path.open("r+b") as f:
        f.seek(before.st_size // 2)
        f.write(os.urandom(16384))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    checks, repair = _opened_checks(tmp_path)
    assert checks == 1
    assert repair is not None and repair.moved_to is not None


def test_a_replica_with_damage_found_is_not_marked_clean(tmp_path: Path) -> None:
    _filled(tmp_path)
    with Engine(tmp_path) as engine, engine.store.write() as db:
        engine.store.set_meta(db, "integrity", "page 7: btree damaged")  # a full check's find
    assert not (tmp_path / integrity.CLEAN_MARKER).exists()


def test_sync_round_leaves_the_upkeep_for_after(env: Env) -> None:
    device = env.device("rep1")  # signed in, filled by a full initial sync
    health = device.health()
    # The fill counts as checked; the first backup is not part of the round.
    assert health.integrity == "ok" and health.integrity_checked_at is not None
    assert health.backups == 0
    with mock.patch.object(integrity, "full_check") as full:
        device.sync_once()
        assert device.health().backups == 0
        device.maintain()
        full.assert_not_called()  # checked by the fill, not due for a day
    assert [b.kind for b in backups.list_backups(device.store.data_dir)] == ["recent"]


@pytest.mark.live  # the CLI reaches the server over a socket
def test_cli_sync_runs_the_upkeep_after_its_result(live_env: Env, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    device = live_env.device("rep1", name="lap")
    device.close()
    live_env.engines.remove(device)
    folder = tmp_path / "lap"
    assert not (folder / backups.BACKUP_DIR).exists()
    assert cli.main(["--data-dir", str(folder), "sync"]) == 0
    assert capsys.readouterr().out.startswith("pushed 0")
    assert [b.kind for b in backups.list_backups(folder)] == ["recent"]


def test_a_database_error_in_use_means_a_check_at_the_next_open(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _filled(tmp_path)
    with Engine(tmp_path) as engine, pytest.raises(cipher.DatabaseError), \
            engine.store.read() as db:
        db.execute("SELECT * FROM no_such_table")
    assert not (tmp_path / integrity.CLEAN_MARKER).exists()
    # The CLI's "damaged in use" (exit 6) says to run it again to repair: that run checks.
    _filled(tmp_path)
    damaged = mock.Mock(side_effect=cipher.DatabaseError("database disk image is malformed"))
    with mock.patch.dict(cli.COMMANDS, {"status": damaged}):
        assert cli.main(["--data-dir", str(tmp_path), "status"]) == cli.EXIT_DAMAGED
    assert not (tmp_path / integrity.CLEAN_MARKER).exists()
    assert _opened_checks(tmp_path)[0] == 1


def _resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


class _FreedHeap:
    """40 MB of glibc heap in 2 KB blocks, resident, and one more block above them (as live
    data above a sync's freed rows keeps them): :meth:`free` frees the 40 MB, which stays
    resident until given back."""

    def __init__(self) -> None:
        self.libc = libc = ctypes.CDLL(None)
        libc.malloc.restype = ctypes.c_void_p
        libc.free.argtypes = [ctypes.c_void_p]
        libc.memset.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]
        self.blocks = [libc.malloc(2000) for _ in range(20_000)]
        for block in self.blocks:
            libc.memset(block, 1, 2000)
        self.kept = libc.malloc(2000)

    def free(self) -> float:
        """Free the 40 MB; the resident memory after it, in MB."""
        for block in self.blocks:
            self.libc.free(block)
        self.blocks = []
        return _resident_mb()

    def close(self) -> None:
        self.libc.free(self.kept)


def test_the_upkeep_gives_back_the_memory_freed_before_it(tmp_path: Path) -> None:
    heap = _FreedHeap()
    try:
        with Engine(tmp_path) as engine:
            freed = heap.free()
            engine.maintain()
            assert _resident_mb() < freed - 20
    finally:
        heap.close()


def test_a_small_cache_gives_the_freed_memory_back(tmp_path: Path) -> None:
    db = cipher.connect(tmp_path / "plain.sqlite3", None)
    heap = _FreedHeap()
    try:
        freed = heap.free()
        with store.small_cache(db):
            assert _resident_mb() < freed - 20
    finally:
        heap.close()
        db.close()


def test_a_backup_copies_with_a_small_cache_and_restores_the_replica_cache(
        tmp_path: Path) -> None:
    _filled(tmp_path)
    during: list[int] = []
    copy = backups._copy_from

    def watched(source: cipher.Connection, *args: object) -> backups.Backup:
        during.append(int(source.execute("PRAGMA cache_size").fetchone()[0]))
        return copy(source, *args)  # type: ignore[arg-type]

    with Engine(tmp_path) as engine:
        with engine.store.read() as db:
            usual = int(db.execute("PRAGMA cache_size").fetchone()[0])
        with mock.patch.object(backups, "_copy_from", watched):
            made = backups.make_backup(engine.store, "manual")
        # The replica's connection (the pool's last used, the same) has its cache back.
        with engine.store.read() as db:
            assert int(db.execute("PRAGMA cache_size").fetchone()[0]) == usual
        with engine.store.write() as db:
            engine.store.set_meta(db, "probe0", "after the backup")
    assert usual == -32768 and during == [-store.SMALL_CACHE_KIB]
    # Still an encrypted copy, sound, that restores the replica as it was.
    assert not cipher.is_plain(made.path) and integrity.damage(made.path, cipher.database_key(
        tmp_path)) is None
    backups.restore(tmp_path, made.path, cipher.database_key(tmp_path))
    with Engine(tmp_path) as engine, engine.store.read() as db:
        assert engine.store.get_meta(db, "probe0") == "x" * 500
        assert engine.store.get_meta(db, "probe199") == "x" * 500


def test_a_small_cache_is_put_back_after_an_error(tmp_path: Path) -> None:
    db = cipher.connect(tmp_path / "plain.sqlite3", None)
    try:
        db.execute("PRAGMA cache_size=-32768")
        with pytest.raises(ZeroDivisionError), store.small_cache(db):
            assert int(db.execute("PRAGMA cache_size").fetchone()[0]) == -store.SMALL_CACHE_KIB
            _ = 1 / 0
        assert int(db.execute("PRAGMA cache_size").fetchone()[0]) == -32768
    finally:
        db.close()
