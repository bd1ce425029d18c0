"""The replica, its journal and its backups encrypted at rest (SQLCipher, AES-GCM lines); the
key in the keyring, or in the private file where there is none; plain files from before
encrypted in place without losing an unsent order."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

from sync_engine.client import backups, cipher, integrity
from sync_engine.client.cli import main as cli_main
from sync_engine.client.engine import Engine
from sync_engine.client.journal import JOURNAL_FILENAME, OutboxJournal
from sync_engine.client.memory_keyring import MemoryKeyring
from sync_engine.client.session import CREDENTIALS, KEYRING_SERVICE
from sync_engine.client.store import DB_FILENAME
from tests.client.offline import CUSTOMER_A, apply, change, offline_engine

NAME = "Zhangjiang Secret Trading Co"
NAME_ZH = "张江机密贸易公司"
NOTE = "deliver to the back door, ask for Mr Wu"


def _customer_with_secrets(engine: Engine) -> str:
    apply(engine, change("customer", str(CUSTOMER_A), {
        "id": CUSTOMER_A, "code": "CUST-A", "name": NAME_ZH, "name_en": NAME,
        "address": "", "phone": "13800138000", "rep_id": 7, "warehouse_id": 1,
        "credit_limit": "1000.00", "payment_terms": "", "active": True}, version=2))
    draft = engine.create_draft(CUSTOMER_A, {1: 2}, notes=NOTE)
    engine.submit(draft.id)
    return draft.id


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".lock")]


def test_nothing_in_the_data_folder_is_readable_without_the_key(tmp_path: Path) -> None:
    folder = tmp_path / "lap"
    engine = offline_engine(folder)
    _customer_with_secrets(engine)
    backups.make_backup(engine.store, "manual")
    assert engine.health().encrypted is True
    assert "encryption: on" in engine.health().text("en")
    assert "加密：已开启" in engine.health().text("zh")
    engine.close()
    files = _files(folder)
    assert {p.name for p in files} >= {DB_FILENAME, JOURNAL_FILENAME}
    assert any(p.parent.name == backups.BACKUP_DIR for p in files)
    for path in files:  # `strings` on every file: no name, phone or note
        data = path.read_bytes()
        for secret in (NAME, NAME_ZH, "13800138000", NOTE, "CUST-A"):
            assert secret.encode() not in data, (path.name, secret)
    for path in (folder / DB_FILENAME, backups.list_backups(folder)[0].path):
        plain = sqlite3.connect(path)
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            plain.execute("SELECT name FROM customers").fetchall()
        plain.close()
    with Engine(folder) as again:  # with the key, all of it reads back
        assert again.customers()[0].name_en == NAME
        assert again.orders()[0].notes == NOTE


def _key_account(folder: Path) -> str:
    return f"database-key {(folder / cipher.KEY_ID_FILE).read_text().strip()}"


def test_the_key_stays_in_the_keyring_when_there_is_one(tmp_path: Path,
                                                        memory_keyring: MemoryKeyring) -> None:
    folder = tmp_path / "lap"
    Engine(folder).close()
    key = memory_keyring.get_password(KEYRING_SERVICE, _key_account(folder))
    assert key is not None and len(bytes.fromhex(key)) == 32
    assert not (folder / CREDENTIALS).exists()
    for path in _files(folder):
        data = path.read_bytes()
        assert key.encode() not in data and bytes.fromhex(key) not in data, path.name
    assert "hidden" in repr(cipher.database_key(folder)) and key not in repr(
        cipher.database_key(folder))


def test_without_a_keyring_the_key_is_in_the_private_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DINGHUO_KEYRING", "file")
    folder = tmp_path / "lap"
    Engine(folder).close()
    kept = json.loads((folder / CREDENTIALS).read_text())
    assert len(bytes.fromhex(kept[_key_account(folder)])) == 32
    assert stat.S_IMODE((folder / CREDENTIALS).stat().st_mode) == 0o600


def _unsent(folder: Path) -> tuple[str, list[str]]:
    """An order with unsent changes in a data folder; returns its id and the outbox keys."""
    with offline_engine(folder) as engine:
        order_id = _customer_with_secrets(engine)
        with engine.store.read() as db:
            keys = [r[0] for r in db.execute(
                "SELECT key FROM outbox WHERE state = 'pending' ORDER BY seq")]
    assert keys
    return order_id, keys


def _cli(folder: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    cipher.forget_cached_keys()  # as a new process would
    code = cli_main(["--data-dir", str(folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("keeper", ["keyring", "file"])
def test_a_moved_data_folder_opens_with_its_unsent_orders(
        tmp_path: Path, keeper: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A new laptop user name, a folder restored elsewhere: the key's entry follows the folder
    (named by the id kept in it), so the app and the CLI open it where it now is."""
    if keeper == "file":
        monkeypatch.setenv("DINGHUO_KEYRING", "file")
    old = tmp_path / "home" / "wang" / "dinghuo"
    order_id, keys = _unsent(old)
    new = tmp_path / "home" / "wang.li" / "dinghuo"
    new.parent.mkdir(parents=True)
    old.rename(new)
    cipher.forget_cached_keys()
    with Engine(new) as moved:
        assert moved.repair is None and moved.replayed == 0
        assert moved.order(order_id).notes == NOTE
        with moved.store.read() as db:
            assert [r[0] for r in db.execute(
                "SELECT key FROM outbox WHERE state = 'pending' ORDER BY seq")] == keys
    code, out, err = _cli(new, "status", "--json", capsys=capsys)
    assert (code, err) == (0, "")
    assert json.loads(out)["pending"] == len(keys)
    code, out, err = _cli(new, "orders", "show", order_id, "--json", capsys=capsys)
    assert (code, err) == (0, "")
    assert json.loads(out)["notes"] == NOTE


def test_a_key_named_after_the_folder_path_is_moved_to_the_folder_id(
        tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    """A data folder from the releases that named the key's entry after the folder's path:
    the first open moves the entry to the folder's id (and drops the old one)."""
    folder = tmp_path / "lap"
    order_id, keys = _unsent(folder)
    key = memory_keyring.get_password(KEYRING_SERVICE, _key_account(folder))
    assert key is not None
    legacy = f"database-key {folder.resolve()}"
    memory_keyring.set_password(KEYRING_SERVICE, legacy, key)
    memory_keyring.delete_password(KEYRING_SERVICE, _key_account(folder))
    (folder / cipher.KEY_ID_FILE).unlink()
    cipher.forget_cached_keys()
    with Engine(folder) as opened:
        assert opened.repair is None and opened.order(order_id).notes == NOTE
    assert memory_keyring.get_password(KEYRING_SERVICE, _key_account(folder)) == key
    assert memory_keyring.get_password(KEYRING_SERVICE, legacy) is None
    assert [e.key for e in OutboxJournal(folder, cipher.database_key(folder)).unsent()] == keys


def test_a_folder_whose_key_is_gone_is_rebuilt_not_a_traceback(
        tmp_path: Path, memory_keyring: MemoryKeyring,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The documented way out when the key is truly lost (keyring wiped, the folder taken to
    another machine): the unreadable replica is moved aside and rebuilt by the next sync, in
    the one repair sentence; the unsent changes cannot be read (they were under that key)."""
    folder = tmp_path / "lap"
    _unsent(folder)
    backups_made = list_backups_of(folder)
    memory_keyring.delete_password(KEYRING_SERVICE, _key_account(folder))
    code, out, err = _cli(folder, "status", capsys=capsys)
    assert code == 0, err
    assert err.count("\n") == 1 and err.startswith("dinghuo-cli: repaired: ")
    assert "rebuilt from the server at the next sync; 0 unsent changes" in err
    assert "Traceback" not in err + out
    assert "pending changes: 0" in out
    assert list((folder).glob(f"{DB_FILENAME}.damaged-*"))
    assert list_backups_of(folder) == backups_made  # none restored: they were under that key
    cipher.forget_cached_keys()
    with Engine(folder) as again:  # the new key is kept: the next start is an ordinary one
        assert again.repair is None and again.orders() == []


def list_backups_of(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / backups.BACKUP_DIR).glob("*"))


def test_a_replica_under_another_key_is_damage_not_data(tmp_path: Path) -> None:
    folder = tmp_path / "lap"
    Engine(folder).close()
    other = cipher.DatabaseKey(b"\x01" * 32)
    assert integrity.damage(folder / DB_FILENAME, cipher.database_key(folder)) is None
    assert "cannot be decrypted" in (integrity.damage(folder / DB_FILENAME, other) or "")


def _decrypt(path: Path, key: cipher.DatabaseKey) -> None:
    """Turn an encrypted database file into a plain one, as the releases before encryption
    left it."""
    plain = path.with_name(path.name + ".plain")
    conn = cipher.connect(path, key)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    plain.replace(path)
    assert cipher.is_plain(path)


def test_a_plain_data_folder_is_encrypted_in_place_and_keeps_every_unsent_order(
        tmp_path: Path) -> None:
    folder = tmp_path / "lap"
    engine = offline_engine(folder)
    order_id = _customer_with_secrets(engine)
    backup = backups.make_backup(engine.store, "manual").path
    with engine.store.read() as db:
        unsent = [r[0] for r in db.execute("SELECT key FROM outbox WHERE state = 'pending'")]
    key = engine.store.key
    engine.close()
    # As the release before encryption left the folder: plain replica, backup and journal.
    _decrypt(folder / DB_FILENAME, key)
    _decrypt(backup, key)
    journal = OutboxJournal(folder, key)
    lines = [{"device": {}}] + [e.line() for e in journal.unsent()]
    (folder / JOURNAL_FILENAME).write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    assert NOTE.encode() in (folder / DB_FILENAME).read_bytes()
    # A move to the encrypted file killed before its rename left this behind:
    (folder / (DB_FILENAME + ".encrypting")).write_bytes(b"half an encrypted file")

    with Engine(folder) as opened:
        assert opened.repair is None and opened.replayed == 0
        with opened.store.read() as db:
            assert [r[0] for r in db.execute(
                "SELECT key FROM outbox WHERE state = 'pending'")] == unsent
        assert opened.order(order_id).notes == NOTE
        assert opened.health().encrypted is True
    assert not (folder / (DB_FILENAME + ".encrypting")).exists()
    for path in _files(folder):
        assert NOTE.encode() not in path.read_bytes(), path.name
    assert not cipher.is_plain(folder / DB_FILENAME) and not cipher.is_plain(backup)
    assert [e.key for e in OutboxJournal(folder, key).unsent()] == unsent
    assert integrity.damage(backup, key) is None


def test_a_lost_replica_comes_back_from_the_encrypted_journal(tmp_path: Path) -> None:
    folder = tmp_path / "lap"
    engine = offline_engine(folder)
    _customer_with_secrets(engine)
    with engine.store.read() as db:
        unsent = [r[0] for r in db.execute("SELECT key FROM outbox WHERE state = 'pending'")]
    engine.close()
    for suffix in ("", "-wal", "-shm"):
        (folder / (DB_FILENAME + suffix)).unlink(missing_ok=True)
    with Engine(folder) as again:
        assert again.replayed == len(unsent) > 0
        with again.store.read() as db:
            assert [r[0] for r in db.execute(
                "SELECT key FROM outbox WHERE state = 'pending' ORDER BY seq")] == unsent
