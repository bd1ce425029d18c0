"""Signing in: tokens in the OS keyring, refresh, and the identity cached for offline starts.

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
from .transport import AccessExpired, ServerApi

__all__ = ["KEYRING_SERVICE", "TOKEN_LOCK", "Auth", "TokenVault", "Tokens"]

log = logging.getLogger(__name__)

KEYRING_SERVICE = "dinghuo"
TOKEN_LOCK = "tokens.lock"
"""The lock file's name, in the data directory beside the database."""
_EARLY = 30.0  # refresh this many seconds before the access token runs out


@dataclass(frozen=True, slots=True)
class Tokens:
    access_token: str
    refresh_token: str
    access_expires_at: float  # epoch seconds, by this machine's clock (a hint only)


class TokenVault:
    """The tokens of one device on one server, in the OS keyring."""

    def __init__(self, server_url: str, client_id: str) -> None:
        self.account = f"{server_url.rstrip('/')} {client_id}"

    def load(self) -> Tokens | None:
        """The stored tokens, or None (never signed in, signed out, or keyring unusable)."""
        try:
            text = keyring.get_password(KEYRING_SERVICE, self.account)
        except keyring.errors.KeyringError:
            log.exception("cannot read the tokens from the keyring")
            return None
        if not text:
            return None
        try:
            return Tokens(**json.loads(text))
        except (ValueError, TypeError):
            log.warning("unreadable token entry in the keyring; signing in again is needed")
            return None

    def save(self, tokens: Tokens) -> None:
        """Store the tokens (raises the keyring's error if it cannot)."""
        keyring.set_password(KEYRING_SERVICE, self.account, json.dumps(asdict(tokens)))

    def clear(self) -> None:
        """Forget the tokens."""
        try:
            keyring.delete_password(KEYRING_SERVICE, self.account)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already forgotten
        except keyring.errors.KeyringError:
            log.exception("cannot remove the tokens from the keyring")


class Auth:
    """A device's session with the server: a valid access token on demand."""

    def __init__(self, api: ServerApi, client_id: str,
                 clock: Callable[[], float] = time.time, lock_file: Path | None = None) -> None:
        self.api = api
        self.client_id = client_id
        self.vault = TokenVault(api.base_url, client_id)
        self._clock = clock
        self._lock = threading.Lock()
        # Other processes on this device; waiting for a refresh in progress takes a round trip,
        # a minute means the holder is stuck (the OS frees the lock of a dead process).
        self._file_lock = None if lock_file is None else FileLock(lock_file, timeout=60)

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
