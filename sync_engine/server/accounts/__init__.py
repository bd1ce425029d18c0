"""Users, passwords and tokens.

Passwords are hashed with Argon2id (:mod:`.passwords`). Tokens are opaque random strings; the
database keeps only their SHA-256, so a leaked database backup does not let anyone sign in
(:mod:`.tokens`). Users are created with every field checked (:mod:`.users`).

Functions that write commit their own transaction (they are complete operations), except
:func:`create_user` with ``commit=False``, which lets a caller add users inside a larger one.

Exceptions (:mod:`.errors`; ``code`` is stable and safe to send to clients)::

    AuthError                      base; .code, .message, .message_zh
    ├── InvalidCredentials         "invalid_credentials": unknown user or wrong password
    ├── UserInactive               "user_inactive": the account is disabled
    ├── TokenInvalid               "token_invalid": unknown, malformed or wrong kind of token
    ├── TokenExpired               "token_expired": past its expiry; refresh or sign in again
    ├── TokenRevoked               "token_revoked": logged out, or revoked after reuse (theft)
    ├── SignInThrottled            "signin_throttled": too many failures; .retry_after seconds
    ├── AccountLocked              "account_locked": locked after failures until an admin unlocks
    ├── SignInBusy                 "signin_busy": too many hashes at once; .retry_after seconds
    ├── DeviceConflict             "device_conflict": device id registered to another user
    └── DeviceRevoked              "device_revoked": the back office cut this device off; .wipe
    UserValidationError (ValueError)  bad input to create_user; .field, .code, .message
"""

from sync_engine.server.accounts.devices import (
    DeviceRow,
    UnknownDevice,
    device_rows,
    revoke_device,
    save_report,
    sign_out_user,
)
from sync_engine.server.accounts.errors import (
    AccountLocked,
    AuthError,
    DeviceConflict,
    DeviceRevoked,
    InvalidCredentials,
    SignInBusy,
    SignInThrottled,
    TokenExpired,
    TokenInvalid,
    TokenRevoked,
    UserInactive,
    UserValidationError,
)
from sync_engine.server.accounts.passwords import (
    HashSlots,
    dummy_hash,
    hash_password,
    verify_password,
)
from sync_engine.server.accounts.tokens import (
    ACCESS_TTL,
    REFRESH_TTL,
    TokenPair,
    authenticate,
    authenticate_each,
    issue_tokens,
    login,
    logout,
    refresh_tokens,
    revoke_family,
    revoke_user_tokens,
)
from sync_engine.server.accounts.users import (
    DEMO_PASSWORD,
    MIN_PASSWORD_LENGTH,
    check_new_password,
    create_user,
    normalise_username,
)

__all__ = [
    "ACCESS_TTL",
    "DEMO_PASSWORD",
    "MIN_PASSWORD_LENGTH",
    "REFRESH_TTL",
    "AccountLocked",
    "AuthError",
    "DeviceConflict",
    "DeviceRevoked",
    "DeviceRow",
    "HashSlots",
    "InvalidCredentials",
    "SignInBusy",
    "SignInThrottled",
    "TokenExpired",
    "TokenInvalid",
    "TokenPair",
    "TokenRevoked",
    "UnknownDevice",
    "UserInactive",
    "UserValidationError",
    "authenticate",
    "authenticate_each",
    "check_new_password",
    "create_user",
    "device_rows",
    "dummy_hash",
    "hash_password",
    "issue_tokens",
    "login",
    "logout",
    "normalise_username",
    "refresh_tokens",
    "revoke_device",
    "revoke_family",
    "revoke_user_tokens",
    "save_report",
    "sign_out_user",
    "verify_password",
]
