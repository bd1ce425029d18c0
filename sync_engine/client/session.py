"""Signing in: tokens in the OS keyring (or a private file where there is none), refresh,
and the identity cached for offline starts.

Tokens live in the keyring (service ``"dinghuo"``, one entry per server and device) as one
small JSON value; nothing secret is written to the database. The user's identity is cached in
the database, so the app starts and works offline with an expired session: only syncing needs
a valid token. When the refresh token is gone or refused, :class:`~.errors.SignInRequired` is
raised and the tokens are forgotten; the outbox is untouched.

A refresh token is good for one use: the server retires it and treats a second use as theft,
ending the session. Two processes on one device (the app and ``dinghuo-cli``, say) share the
keyring entry, so reading the tokens, refreshing and storing the new pair happen under a lock
file beside the database: the second process waits, then finds the fresh pair and uses it.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path

import keyring
import keyring.errors
from filelock import FileLock

from sync_engine.protocol import TokenResponse, UserInfo

from . import errors
from .fsync import replace_file
from .transport import AccessExpired, ServerApi

__all__ = [
    "CREDENTIALS",
    "KEYRING_MODES",
    "KEYRING_SERVICE",
    "TOKEN_LOCK",
    "Auth",
    "SecretVault",
    "TokenVault",
    "Tokens",
    "keyring_mode",
    "keyring_usable",
]

log = logging.getLogger(__name__)

KEYRING_SERVICE = "dinghuo"
TOKEN_LOCK = "tokens.lock"
"""The lock file's name, in the data directory beside the database."""
CREDENTIALS = "credentials.json"
"""The tokens' file where no keyring works (in the data directory, 0600)."""
KEYRING_MODES = ("auto", "system", "file", "memory")
_EARLY = 30.0  # refresh this many seconds before the access token runs out


@dataclass(frozen=True, slots=True)
class Tokens:
    access_token: str
    refresh_token: str
    access_expires_at: float  # epoch seconds, by this machine's clock (a hint only)


def keyring_usable() -> bool:
    """True if the keyring library has a backend that keeps secrets (not the ``fail`` one
    used when there is none, nor ``null``, which keeps nothing and says nothing)."""
    import keyring.backends.fail
    import keyring.backends.null

    backend = keyring.get_keyring()
    return not isinstance(backend, (keyring.backends.fail.Keyring, keyring.backends.null.Keyring))


def keyring_mode() -> str:
    """Where secrets are kept, from ``$DINGHUO_KEYRING`` (the CLI's ``--keyring`` sets it):
    ``auto`` (the OS keyring, else the file), ``system``, ``file``, or ``memory`` (tests)."""
    mode = os.environ.get("DINGHUO_KEYRING", "auto").strip().lower() or "auto"
    return mode if mode in KEYRING_MODES else "auto"


_warned: set[str] = set()


def _warn_file_once(path: Path, why: str) -> None:
    if str(path) not in _warned:
        _warned.add(str(path))
        log.warning("%s; credentials are kept in %s (readable by you only)", why, path)


class SecretVault:
    """One secret (a text) of this device, in the OS keyring (service ``"dinghuo"``), or in a
    file readable by the user alone (``credentials.json`` beside the database, 0600 in the 0700
    data folder) where no keyring works or ``DINGHUO_KEYRING=file`` asks for it, as ``gh`` and
    ``docker`` do. The file is chosen with a one-line warning saying where and why.

    ``outlives_process``: a secret that must outlive the process (the database key) goes to the
    file in ``memory`` mode too, where the tokens stay in memory."""

    not_kept = "The local database's key cannot be kept"

    def __init__(self, account: str, file: Path | None, *,
                 outlives_process: bool = False) -> None:
        self.account = account
        self.file = file
        mode = keyring_mode()
        if file is not None and mode == "memory" and outlives_process:
            self._use_file: bool = True  # tests and automation: no warning
        elif file is not None and mode == "file":
            self._use_file = True
            _warn_file_once(file, "DINGHUO_KEYRING=file")
        elif file is not None and mode == "auto" and not keyring_usable():
            self._use_file = True
            _warn_file_once(file, "no working system keyring")
        else:
            self._use_file = False

    def load_text(self) -> str | None:
        """The stored text, or None. Raises ``KeyringError`` if the keyring fails."""
        if self._use_file:
            return self._file_entries().get(self.account)
        return keyring.get_password(KEYRING_SERVICE, self.account)

    def save_text(self, text: str) -> None:
        """Store the text; raises :class:`~.errors.CredentialsNotKept` if it cannot be (a
        keyring that fails, in ``system`` mode) or would not be (``null``)."""
        if not self._use_file:
            try:
                keyring.set_password(KEYRING_SERVICE, self.account, text)
                if keyring.get_password(KEYRING_SERVICE, self.account) == text:
                    return
                failure = "the keyring did not keep them"
            except keyring.errors.KeyringError as exc:
                log.info("the keyring refused the secret: %s", type(exc).__name__)
                failure = f"the keyring refused them ({type(exc).__name__})"
            if self.file is None or keyring_mode() != "auto":
                raise errors.CredentialsNotKept(
                    f"{self.not_kept}: {failure}. Use "
                    "--keyring file (or DINGHUO_KEYRING=file) to keep it in a private file.")
            self._use_file = True
            _warn_file_once(self.file, f"the system keyring does not work ({failure})")
        entries = self._file_entries()
        entries[self.account] = text
        self._write_entries(entries)

    def clear(self) -> None:
        """Forget the text."""
        if self._use_file:
            entries = self._file_entries()
            if entries.pop(self.account, None) is not None:
                self._write_entries(entries)
            return
        try:
            keyring.delete_password(KEYRING_SERVICE, self.account)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already forgotten
        except keyring.errors.KeyringError:
            log.exception("cannot remove a secret from the keyring")

    def _file_entries(self) -> dict[str, str]:
        assert self.file is not None
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except ValueError:
            log.warning("unreadable credentials file %s; signing in again is needed", self.file)
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write_entries(self, entries: dict[str, str]) -> None:
        assert self.file is not None
        replace_file(self.file, json.dumps(entries).encode())


class TokenVault(SecretVault):
    """The tokens of one device on one server (one small JSON value)."""

    not_kept = "Signed in, but the sign-in cannot be kept"

    def __init__(self, server_url: str, client_id: str, file: Path | None = None) -> None:
        super().__init__(f"{server_url.rstrip('/')} {client_id}", file)

    def load(self) -> Tokens | None:
        """The stored tokens, or None (never signed in, signed out, or keyring unusable)."""
        try:
            text = self.load_text()
        except keyring.errors.KeyringError:
            log.exception("cannot read the tokens from the keyring")
            return None
        if not text:
            return None
        try:
            return Tokens(**json.loads(text))
        except (ValueError, TypeError):
            log.warning("unreadable token entry; signing in again is needed")
            return None

    def save(self, tokens: Tokens) -> None:
        """Store the tokens (see :meth:`SecretVault.save_text`)."""
        self.save_text(json.dumps(asdict(tokens)))


class Auth:
    """A device's session with the server: a valid access token on demand."""

    def __init__(self, api: ServerApi, client_id: str,
                 clock: Callable[[], float] = time.time, lock_file: Path | None = None) -> None:
        self.api = api
        self.client_id = client_id
        self.vault = TokenVault(api.base_url, client_id,
                                None if lock_file is None else lock_file.with_name(CREDENTIALS))
        self._clock = clock
        self._lock = threading.Lock()
        # Other processes on this device; waiting for a refresh in progress takes a round trip,
        # a minute means the holder is stuck (the OS frees the lock of a dead process).
        self._file_lock = None if lock_file is None else FileLock(lock_file, timeout=60, mode=0o600)

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """This thread alone, and this process alone among those sharing the lock file."""
        with self._lock, (self._file_lock if self._file_lock is not None else nullcontext()):
            yield

    def _store(self, answer: TokenResponse) -> Tokens:
        tokens = Tokens(
            access_token=answer.access_token,
            refresh_token=answer.refresh_token,
            access_expires_at=self._clock() + float(answer.expires_in),
        )
        self.vault.save(tokens)
        return tokens

    def login(self, username: str, password: str, device_name: str) -> UserInfo:
        """Sign in; stores the tokens and returns the user."""
        answer = self.api.login(username, password, self.client_id, device_name)
        with self._exclusive():
            self._store(answer)
        return answer.user

    def has_tokens(self) -> bool:
        """True if a session is stored (it may still turn out to be expired or revoked)."""
        return self.vault.load() is not None

    def token(self) -> str:
        """A usable access token, refreshing first if it has (nearly) run out."""
        with self._exclusive():
            tokens = self.vault.load()
            if tokens is None:
                raise errors.SignInRequired("Please sign in to sync.", "not_authenticated")
            if self._clock() < tokens.access_expires_at - _EARLY:
                return tokens.access_token
            return self._refresh(tokens).access_token

    def refreshed_token(self, stale: str) -> str:
        """After the server said ``token_expired`` for ``stale``: a fresh access token."""
        with self._exclusive():
            tokens = self.vault.load()
            if tokens is None:
                raise errors.SignInRequired("Please sign in to sync.", "not_authenticated")
            if tokens.access_token != stale:
                return tokens.access_token  # another thread or process refreshed meanwhile
            return self._refresh(tokens).access_token

    def _refresh(self, tokens: Tokens) -> Tokens:
        try:
            answer = self.api.refresh(tokens.refresh_token, self.client_id)
        except (errors.SignInRequired, AccessExpired) as exc:
            # Refresh token expired, retired or revoked: the session is over. Local work and
            # the outbox stay; the user signs in again.
            log.info("session ended by the server (%s)", exc.code)
            self.vault.clear()
            raise errors.SignInRequired(
                "Your session has ended. Please sign in again; your unsent changes are kept.",
                exc.code) from exc
        return self._store(answer)

    def logout(self) -> None:
        """End the session on the server (best effort) and forget the tokens."""
        tokens = self.vault.load()
        if tokens is not None:
            try:
                self.api.logout(tokens.access_token)
            except errors.SyncError as exc:
                log.info("server sign-out failed (%s); forgetting the tokens anyway", exc.code)
        self.vault.clear()
