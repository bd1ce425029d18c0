"""What signing in and creating users refuse with (the tree: :mod:`sync_engine.server.accounts`)."""

from __future__ import annotations

from typing import ClassVar


class AuthError(Exception):
    """Base of the sign-in and token errors; ``code`` is stable, the messages are for people."""

    code: ClassVar[str] = "auth_error"
    default_message: ClassVar[str] = "authentication failed"
    default_message_zh: ClassVar[str] = "身份验证失败"

    def __init__(self, message: str | None = None, message_zh: str | None = None) -> None:
        self.message = message or self.default_message
        self.message_zh = message_zh or self.default_message_zh
        super().__init__(self.message)


class InvalidCredentials(AuthError):
    code = "invalid_credentials"
    default_message = "invalid username or password"
    default_message_zh = "用户名或密码错误"


class UserInactive(AuthError):
    code = "user_inactive"
    default_message = "this account is disabled; ask your administrator"
    default_message_zh = "该账号已停用，请联系管理员"


class TokenInvalid(AuthError):
    code = "token_invalid"
    default_message = "invalid token; please sign in again"
    default_message_zh = "登录凭证无效，请重新登录"


class TokenExpired(AuthError):
    code = "token_expired"
    default_message = "the token has expired"
    default_message_zh = "登录凭证已过期"


class TokenRevoked(AuthError):
    code = "token_revoked"
    default_message = "this session was ended; please sign in again"
    default_message_zh = "登录已失效，请重新登录"


class DeviceConflict(AuthError):
    code = "device_conflict"
    default_message = "this device is registered to another user"
    default_message_zh = "该设备已登记给其他用户"


class DeviceRevoked(AuthError):
    """The back office cut this device off (lost, stolen); ``wipe``: delete its local data."""

    code = "device_revoked"
    default_message = "this device was signed out by the back office"
    default_message_zh = "此设备已被后台注销"

    def __init__(self, wipe: bool) -> None:
        super().__init__()
        self.wipe = wipe


class SignInThrottled(AuthError):
    """Too many failed sign-ins for this account or from this address: wait ``retry_after``
    seconds (nothing was checked)."""

    code = "signin_throttled"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"too many failed sign-ins; try again in {retry_after} s",
            f"登录失败次数过多，请在 {retry_after} 秒后再试")
        self.retry_after = retry_after


class AccountLocked(AuthError):
    """Locked after too many failed sign-ins in a row; only an admin lifts it."""

    code = "account_locked"
    default_message = ("this account is locked after too many failed sign-ins; ask your "
                       "administrator to unlock it")
    default_message_zh = "登录失败次数过多，该账号已锁定，请联系管理员解锁"


class SignInBusy(AuthError):
    """Too many sign-ins being checked at once on this server: try again in ``retry_after``
    seconds (nothing was checked, nothing counted)."""

    code = "signin_busy"

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
