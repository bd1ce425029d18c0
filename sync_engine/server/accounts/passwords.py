"""Password hashes: Argon2id (argon2-cffi) with the library's recommended parameters (RFC 9106
low-memory profile); the salt and parameters are part of each hash string."""

from __future__ import annotations

import functools
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from sync_engine.server.accounts.errors import SignInBusy

_hasher = PasswordHasher()


def dummy_hash() -> str:
    """The hash verified against when the user does not exist, so an unknown username costs as
    much time as a wrong password and response times do not reveal which usernames exist.

    Made by the hasher in force, once (the server makes it as it starts), not at import: a hash
    at today's parameters is 0.1–0.6 s that every process importing the server paid, the
    CLI's ``--help`` among them."""
    return _dummy_hash_of(_hasher)


@functools.cache
def _dummy_hash_of(hasher: PasswordHasher) -> str:
    return hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    """An Argon2id hash of ``password`` (salted; the parameters are part of the string)."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``; a corrupt hash never matches."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether ``password_hash`` was made with other parameters than today's."""
    return _hasher.check_needs_rehash(password_hash)


class HashSlots:
    """At most ``slots`` password hashes at once in this process.

    Each Argon2 hash takes 64 MiB and a core for a while: sixteen wrong sign-ins at once took a
    server from 189 MB to 822 MB. A sign-in waits up to ``wait`` seconds for a slot, then is
    refused with :class:`SignInBusy` (``503``, ``Retry-After``); nothing was checked or counted.
    """

    def __init__(self, slots: int, wait: float):
        if slots < 1:
            raise ValueError("at least one password hash must be allowed at a time")
        self._free = threading.BoundedSemaphore(slots)
        self.wait = wait

    @contextmanager
    def slot(self) -> Iterator[None]:
        if not self._free.acquire(timeout=self.wait):
            raise SignInBusy(retry_after=max(1, round(self.wait)))
        try:
            yield
        finally:
            self._free.release()
