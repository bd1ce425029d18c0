"""Password hashes: Argon2id (argon2-cffi) with the library's recommended parameters (RFC 9106
low-memory profile); the salt and parameters are part of each hash string."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()

DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
"""Verified against when the user does not exist, so an unknown username costs as much time as
a wrong password and response times do not reveal which usernames exist."""


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
