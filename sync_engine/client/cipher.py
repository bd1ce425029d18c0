"""The replica encrypted at rest: its key, the one way to open its files, and the move of a
plain file to an encrypted one.

Every file of the data folder that holds customer data is encrypted: the replica and its
backups with SQLCipher 4 (AES-256 pages, an HMAC-SHA512 on each, so a changed page is an
error, never silently wrong data), the outbox journal (:mod:`.journal`) one line at a time
with AES-256-GCM (:func:`seal`, :func:`unseal`). Without the key a file is random bytes: plain
``sqlite3`` says "file is not a database" and ``strings`` finds no name in it.

The key: 32 random bytes made on the first start, one per data folder, kept where the tokens
are (:class:`.session.SecretVault`) under an entry named by a random id kept in the folder
(``database-key.id``), so it follows the folder to another path: the OS keyring, or where no
keyring works the private ``credentials.json`` of the data folder (with the one-line warning); with
``DINGHUO_KEYRING=memory`` (tests) in that file too, since a key must outlive the process or the
data is lost with it. It is given to SQLCipher as a raw key (``x'…'``), so no key derivation
runs when a connection opens. It is never logged (:class:`DatabaseKey` hides it from ``repr``).

Every module opens the replica's files with :func:`connect` (the store's pool too), so each
connection is keyed first and has the same cipher settings. A plain file from before encryption
(the replica, a backup, a replaced copy) is opened without the key (:func:`open_file`) and
moved to an encrypted one in place by :func:`encrypt_in_place`: ``sqlcipher_export`` into a new
file beside it, fsync, atomic rename. Killed at any moment, the file is the old plain one or the
whole encrypted one.

Cost, encrypted against the commit before (A/B alternating, min–median–max of 3, 100,000
products, 2 cores shared with a load average of 13–17): ``bench_sync.py --compare``: W2
0.108–0.140–0.207 → 0.159–0.159–0.314 s, W3 push 1.52–1.65–2.03 → 1.24–1.39–1.70 s, search p50
0.66–0.74–0.83 → 0.61–0.61–0.65 ms; W1's sync 2.79 → 3.03 s of client CPU (medians), but
W1's upkeep after the round (the first backup and the first full check, each reading and
writing every page through the cipher) 0.30 → 1.65 s of CPU. ``bench_safety.py``: the quick
check at open 0.03 → 0.24 s of CPU, a backup 0.07 → 0.45 s, the same size (52 MB).
``bench_search.py --encrypted``: as fast as plain (its pages stay in the connection's cache).
What makes it so: a raw key (no PBKDF2 at each open), the store's pool handing out the
connection used last (its cache holds decrypted pages; a cold read costs an HMAC-SHA512 and a
decryption per page, three times a plain read), SQLCipher's memory wiping off (the default).
"""

from __future__ import annotations

import base64
import logging
import os
import re
import secrets
import threading
from pathlib import Path
from typing import Any

import keyring.errors
import sqlcipher3.dbapi2 as _sqlcipher  # type: ignore[import-untyped]
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from filelock import FileLock

from . import errors
from .fsync import fsync_dir, fsync_file, replace_file
from .session import CREDENTIALS, SecretVault

__all__ = [
    "PAGE_SIZE",
    "SQLITE_HEADER",
    "Connection",
    "DatabaseError",
    "DatabaseKey",
    "Error",
    "Row",
    "connect",
    "database_key",
    "encrypt_in_place",
    "is_plain",
    "open_file",
    "seal",
    "unseal",
]

log = logging.getLogger(__name__)

Connection = _sqlcipher.Connection
Row = _sqlcipher.Row
Error = _sqlcipher.Error
DatabaseError = _sqlcipher.DatabaseError
dbapi = _sqlcipher
"""The DB-API module (SQLAlchemy's engine is made with it, so its errors are the ones raised)."""

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 16384  # bytes: a catalog's long rows and index texts in fewer pages
KEY_BYTES = 32
KEY_ID_FILE = "database-key.id"
"""The name of the folder's key entry (a random id, not a secret): the key follows the folder."""
KEY_LOCK = "database-key.lock"
_KEY_ACCOUNT = "database-key {id}"
_LEGACY_ACCOUNT = "database-key {folder}"  # the entry's name before it followed the folder
_KEY_ID = re.compile(r"[0-9a-f]{32}")
_REPLICA = "dinghuo.sqlite3"
_JOURNAL_INFO = b"dinghuo outbox journal v1"


class DatabaseKey:
    """The 32-byte key of one data folder. Its ``repr`` never shows it."""

    __slots__ = ("_journal", "_raw")

    def __init__(self, raw: bytes) -> None:
        if len(raw) != KEY_BYTES:
            raise ValueError("a database key is 32 bytes")
        self._raw = raw
        self._journal = AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                                    info=_JOURNAL_INFO).derive(raw))

    def __repr__(self) -> str:
        return "DatabaseKey(<hidden>)"

    def pragma(self) -> str:
        """The ``PRAGMA key`` statement with the raw key (no key derivation)."""
        return f"PRAGMA key = \"x'{self._raw.hex()}'\""

    def hex(self) -> str:
        """The key as it is kept in the keyring or the credentials file."""
        return self._raw.hex()


_quiet = False
_keys: dict[str, DatabaseKey] = {}  # by the folder's key id
_keys_lock = threading.Lock()


def _read_key_id(folder: Path) -> str | None:
    """The folder's key id, or None if it has none yet (or the file is not one of ours)."""
    try:
        text = (folder / KEY_ID_FILE).read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return None
    return text if _KEY_ID.fullmatch(text) else None


def _write_key_id(folder: Path, key_id: str) -> None:
    replace_file(folder / KEY_ID_FILE, key_id.encode("ascii") + b"\n")


def database_key(data_dir: Path | str) -> DatabaseKey:
    """The key of a data folder, made (and kept) on first use. Raises
    :class:`~.errors.CredentialsNotKept` if the keyring cannot be read or written: a new key
    must never replace one that is only out of reach.

    The key's entry is named by a random id kept in the folder (``database-key.id``, not a
    secret), so the key follows the folder wherever it is moved or restored. The entry of the
    releases that named it after the folder's path is moved to the id's name on first open."""
    folder = Path(data_dir).resolve()
    with _keys_lock:
        key_id = _read_key_id(folder)
        known = _keys.get(key_id) if key_id is not None else None
        if known is not None:
            return known
        with FileLock(folder / KEY_LOCK):  # two processes opening a new folder: one id
            key_id = _read_key_id(folder)
            new_id = key_id is None
            if key_id is None:
                key_id = secrets.token_hex(16)
            vault = _key_vault(folder, _KEY_ACCOUNT.format(id=key_id))
            legacy = _key_vault(folder, _LEGACY_ACCOUNT.format(folder=folder))
            text = _load_key_text(legacy if new_id else vault)
            key = DatabaseKey(bytes.fromhex(text)) if text else _new_key(folder)
            if new_id or not text:
                vault.save_text(key.hex())
            if new_id:
                _write_key_id(folder, key_id)
                if text:
                    legacy.clear()
                    log.info("the database key's entry now follows the data folder %s", folder)
        _keys[key_id] = key
        return key


def _key_vault(folder: Path, account: str) -> SecretVault:
    return SecretVault(account, folder / CREDENTIALS, outlives_process=True)


def _load_key_text(vault: SecretVault) -> str | None:
    try:
        return vault.load_text()
    except keyring.errors.KeyringError as exc:
        raise errors.CredentialsNotKept(
            f"The local database's key cannot be read from the system keyring "
            f"({type(exc).__name__}). Use --keyring file (or DINGHUO_KEYRING=file) to keep "
            "it in a private file.") from exc


def _new_key(folder: Path) -> DatabaseKey:
    """A new key for the folder. If an encrypted replica is there, its key is lost: the
    replica must be checked at open (it cannot be read) however cleanly it was closed, so it
    is moved aside and rebuilt, not opened."""
    replica = folder / _REPLICA
    if replica.exists() and replica.stat().st_size and not is_plain(replica):
        log.error("the key of the encrypted local database in %s is missing; a new one is "
                  "made and the file will be replaced", folder)
        (folder / (_REPLICA + ".clean")).unlink(missing_ok=True)
    return DatabaseKey(secrets.token_bytes(KEY_BYTES))


def forget_cached_keys() -> None:
    """Drop the keys this process has looked up (tests that change the keyring)."""
    with _keys_lock:
        _keys.clear()


def is_plain(path: Path) -> bool:
    """True if the file is an unencrypted SQLite database (it starts with SQLite's header)."""
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def connect(path: Path | str, key: DatabaseKey | None, *, uri: bool = False,
            timeout: float = 30, check_same_thread: bool = True) -> Any:
    """Open a database file, keyed first thing (``key=None``: a plain file, or ``:memory:``).

    The cipher settings are SQLCipher 4's defaults but for the page size (16 KB, as the
    replica's pages have always been); the key is raw, so no key derivation runs."""
    global _quiet
    if not _quiet:
        # SQLCipher writes its own errors (a wrong key, a failed page HMAC) to stderr; they
        # reach us as exceptions, and the user sees them in plain words.
        scratch = _sqlcipher.connect(":memory:")
        scratch.execute("PRAGMA cipher_log_level = NONE")
        scratch.close()
        _quiet = True
    conn = _sqlcipher.connect(str(path), uri=uri, timeout=timeout,
                              check_same_thread=check_same_thread)
    try:
        if key is not None:
            conn.execute(key.pragma())
            conn.execute(f"PRAGMA cipher_page_size = {PAGE_SIZE}")
    except BaseException:
        conn.close()
        raise
    return conn


def open_file(path: Path, key: DatabaseKey) -> Any:
    """Open a replica or backup file that may still be plain (from before encryption)."""
    return connect(path, None if is_plain(path) else key, timeout=30)


def encrypt_in_place(path: Path, key: DatabaseKey) -> bool:
    """Encrypt a plain database file in place; returns True if it was plain. The file must not
    be open. Its WAL is folded in first; the encrypted copy is written beside it
    (``*.encrypting``), fsync'd, and renamed over it."""
    staging = path.with_name(path.name + ".encrypting")
    staging.unlink(missing_ok=True)  # a move killed before its rename: the old file stands
    if not path.exists() or not is_plain(path):
        return False
    plain = connect(path, None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        plain.execute("ATTACH DATABASE ? AS encrypted KEY \"x'" + key.hex() + "'\"",
                      (str(staging),))
        plain.execute(f"PRAGMA encrypted.cipher_page_size = {PAGE_SIZE}")
        plain.execute("SELECT sqlcipher_export('encrypted')")
        version = int(plain.execute("PRAGMA user_version").fetchone()[0])
        plain.execute(f"PRAGMA encrypted.user_version = {version}")
        plain.execute("DETACH DATABASE encrypted")
        mode = str(plain.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        plain.close()
    if mode.lower() == "wal":
        check = connect(staging, key)
        try:
            check.execute("PRAGMA journal_mode=WAL")
        finally:
            check.close()
    fsync_file(staging)
    for suffix in ("-wal", "-shm"):
        # Empty after the checkpoint and the close; an old WAL must never meet the new file.
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    staging.replace(path)
    fsync_dir(path.parent)
    log.warning("encrypted the local database file %s", path.name)
    return True


def seal(key: DatabaseKey, line: bytes) -> bytes:
    """One journal line encrypted and authenticated (ASCII, no newline)."""
    nonce = secrets.token_bytes(12)
    return base64.b64encode(nonce + key._journal.encrypt(nonce, line, None))


def unseal(key: DatabaseKey, sealed: bytes) -> bytes | None:
    """A journal line back, or None if it is torn or was sealed with another key."""
    try:
        raw = base64.b64decode(sealed, validate=True)
        return bytes(key._journal.decrypt(raw[:12], raw[12:], None))
    except (ValueError, InvalidTag):
        return None
