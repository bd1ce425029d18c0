"""What signing in and creating users refuse with (the tree: :mod:`sync_engine.server.accounts`)."""

from __future__ import annotations

from typing import Any, ClassVar

# What each refusal says, by its code: (English, Chinese). One table, as in
# :mod:`sync_engine.domain.messages`, so the two languages are checked side by side.
_MESSAGES: dict[str, tuple[str, str]] = {
    "auth_error": ("authentication failed", "身份验证失败"),
    "invalid_credentials": ("invalid username or password", "用户名或密码错误"),
    "user_inactive": ("this account is disabled; ask your administrator",
                      "该账号已停用，请联系管理员"),
    "token_invalid": ("invalid token; please sign in again", "登录凭证无效，请重新登录"),
    "token_expired": ("the token has expired", "登录凭证已过期"),
    "token_revoked": ("this session was ended; please sign in again", "登录已失效，请重新登录"),
    "device_conflict": ("this device is registered to another user", "该设备已登记给其他用户"),
    "device_revoked": ("this device was signed out by the back office", "此设备已被后台注销"),
    "account_locked": ("this account is locked after too many failed sign-ins; ask your "
                       "administrator to unlock it",
                       "登录失败次数过多，该账号已锁定，请联系管理员解锁"),
}


class AuthError(Exception):
    """Base of the sign-in and token errors; ``code`` is stable, the messages are for people
    (by default the code's line of ``_MESSAGES``)."""

    code: ClassVar[str] = "auth_error"
    retry_after: int | None = None
    """Seconds to wait before trying again (set where waiting helps: the throttles)."""

    def __init__(self, message: str | None = None, message_zh: str | None = None) -> None:
        default, default_zh = _MESSAGES.get(self.code, _MESSAGES[AuthError.code])
        self.message = message or default
        self.message_zh = message_zh or default_zh
        super().__init__(self.message)

    def __init_subclass__(cls, *, code: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.code = code


class InvalidCredentials(AuthError, code="invalid_credentials"):
    """Unknown user or wrong password: one answer for both, so names cannot be probed."""


class UserInactive(AuthError, code="user_inactive"):
    """The account is disabled."""


class TokenInvalid(AuthError, code="token_invalid"):
    """Unknown, malformed, or the wrong kind of token."""


class TokenExpired(AuthError, code="token_expired"):
    """Past its expiry: refresh the access token, or sign in again."""


class TokenRevoked(AuthError, code="token_revoked"):
    """Signed out, or revoked because a used refresh token came back (theft)."""


class DeviceConflict(AuthError, code="device_conflict"):
    """The device id is registered to another user."""


class DeviceRevoked(AuthError, code="device_revoked"):
    """The back office cut this device off (lost, stolen); ``wipe``: delete its local data."""


    def __init__(self, wipe: bool) -> None:
        super().__init__()
        self.wipe = wipe


class SignInThrottled(AuthError, code="signin_throttled"):
    """Too many failed sign-ins for this account or from this address: wait ``retry_after``
    seconds (nothing was checked)."""


    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"too many failed sign-ins; try again in {retry_after} s",
            f"登录失败次数过多，请在 {retry_after} 秒后再试")
        self.retry_after = retry_after


class AccountLocked(AuthError, code="account_locked"):
    """Locked after too many failed sign-ins in a row; only an admin lifts it."""


class SignInBusy(AuthError, code="signin_busy"):
    """Too many sign-ins being checked at once on this server: try again in ``retry_after``
    seconds (nothing was checked, nothing counted)."""


    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"the server is checking many sign-ins at once; try again in {retry_after} s",
            f"服务器正在处理大量登录请求，请在 {retry_after} 秒后再试")
        self.retry_after = retry_after


class UserValidationError(ValueError):
    """Bad input to :func:`~.users.create_user`: which ``field``, a stable ``code``, and why."""

    def __init__(self, field: str, code: str, message: str) -> None:
        self.field = field
        self.code = code
        self.message = message
        super().__init__(f"{field}: {message}")
