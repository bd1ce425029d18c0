"""The client engine's exceptions.

Everything the engine raises on purpose derives from :class:`ClientError`; the desktop app
branches on the class (never on the text). Three kinds, as the style guide asks: cancelled
(silent), user-facing (``str(exc)`` is a sentence that says what to do) and bugs (anything
else, logged with its traceback)::

    ClientError
    ├── SyncCancelled              the caller's cancel flag was set; nothing is lost (silent)
    ├── ValidationFailed           local input refused; ``issues`` are domain Issues per field
    │   └── NotAllowed             the order's status or the user's role forbids the operation
    ├── NotFound                   no such order / customer / product / conflict locally
    ├── ResolutionNotPossible      this conflict cannot be resolved the way that was asked
    ├── NotSignedIn                no identity on this device yet: sign in (online) first
    ├── PasswordOverPlainHttp      signing in would send the password unencrypted: ask first
    ├── UnsentChangesOfAnotherUser another user's changes are still waiting on this device
    ├── CredentialsNotKept         signed in, but the tokens cannot be stored (no keyring)
    ├── Refused                    the server refused a back-office request's input (400, 404)
    └── SyncError                  syncing stopped; local work and the outbox are untouched
        ├── SignInRequired         the session is over (refresh token gone, revoked, …)
        │   ├── InvalidCredentials wrong user name or password at sign-in
    │   └── DeviceRevoked      the back office cut this device off (``wipe``: data deleted)
        ├── UpdateRequired         the server speaks a newer protocol (HTTP 426)
        ├── Forbidden              the server refused (403), e.g. device registered elsewhere
        │   └── AccountLocked      too many wrong passwords: an administrator must unlock it
        ├── ResyncRequired         the server went back in time (409): pull before pushing
        ├── Retryable              try again later, with backoff
        │   ├── SignInThrottled    sign-in refused for now: wait ``retry_after`` seconds
        │   ├── NetworkError       no connection, timeout, dropped response
        │   └── ServerUnavailable  HTTP 5xx
        └── ProtocolError          the server answered something this client cannot use (a bug)

:class:`SyncError` subclasses carry ``code`` (the server's stable error code when there was
one) so the status line can be kept in words without matching text.
"""

from __future__ import annotations

from collections.abc import Iterable

from sync_engine.domain import Issue

__all__ = [
    "AccountLocked",
    "ClientError",
    "CredentialsNotKept",
    "DeviceRevoked",
    "Forbidden",
    "InvalidCredentials",
    "NetworkError",
    "NotAllowed",
    "NotFound",
    "NotSignedIn",
    "PasswordOverPlainHttp",
    "ProtocolError",
    "Refused",
    "ResolutionNotPossible",
    "ResyncRequired",
    "Retryable",
    "ServerUnavailable",
    "SignInRequired",
    "SignInThrottled",
    "SyncCancelled",
    "SyncError",
    "UnsentChangesOfAnotherUser",
    "UpdateRequired",
    "ValidationFailed",
]


class ClientError(Exception):
    """Base of every error the client engine raises on purpose."""


class SyncCancelled(ClientError):
    """The sync was cancelled by its caller; what was committed so far stays committed."""


class ValidationFailed(ClientError):
    """Input refused by the ordering rules; nothing was changed.

    ``issues`` are the domain's field-level :class:`~sync_engine.domain.Issue` objects (errors
    and the warnings found alongside them); ``errors`` only those that block.
    """

    def __init__(self, issues: Iterable[Issue]) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        super().__init__("; ".join(f"{i.field}: {i.message('en')}" for i in self.errors))

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The issues that block the operation."""
        return tuple(i for i in self.issues if i.is_error)


class NotAllowed(ValidationFailed):
    """The operation does not apply to this order now (its status) or to this user (role)."""


class NotFound(ClientError):
    """The named thing does not exist in the local database."""


class ResolutionNotPossible(ClientError):
    """A conflict cannot be resolved as asked (e.g. "keep mine" after goods were shipped).

    ``code`` says which case it is (``already_resolved``, ``not_keepable``,
    ``prices_not_accepted``, ``not_an_order``); ``message_zh`` is the sentence in Chinese.
    """

    def __init__(self, message: str, code: str = "", message_zh: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message_zh = message_zh or message

    def text(self, lang: str) -> str:
        """The sentence in ``lang`` ("zh" or "en")."""
        return self.message_zh if lang == "zh" else str(self)


class NotSignedIn(ClientError):
    """No user has signed in on this device yet, so there is no identity to work as."""


class PasswordOverPlainHttp(ClientError):
    """The server's address is ``http://`` to another machine: the password would cross the
    network unencrypted. Nothing was sent. Ask the user; sign in again with
    ``allow_plain_http=True`` only if they say so. ``host`` is the server's host name."""

    def __init__(self, host: str) -> None:
        super().__init__(
            f"The server address starts with http://, so your password would travel to {host} "
            "unencrypted. Use its https:// address, or sign in anyway only on a network you "
            "trust.")
        self.host = host
        self.message_zh = (f"服务器地址以 http:// 开头，您的密码将以明文发送到 {host}。"
                           "请使用 https:// 地址；仅在可信网络中才继续登录。")


class UnsentChangesOfAnotherUser(ClientError):
    """Someone else signed in here while the previous user's changes still wait to be sent.

    They are never sent under another user's name and never dropped: the previous user signs
    in and syncs first. ``username`` is theirs; ``message_zh`` is the sentence in Chinese.
    """

    def __init__(self, username: str, pending: int) -> None:
        super().__init__(
            f"{pending} change(s) by {username} are still waiting to be sent from this device. "
            f"Sign in as {username} and sync first; they are kept until then.")
        self.username = username
        self.pending = pending
        self.message_zh = (f"本设备上仍有 {username} 的 {pending} 项更改尚未发送。"
                           f"请先以 {username} 登录并同步；在此之前这些更改会保留。")


class CredentialsNotKept(ClientError):
    """The server signed the user in, but the tokens cannot be kept on this device (the
    keyring fails or keeps nothing, and the file was not allowed). Shown once; retrying the
    same sign-in would fail the same way."""


class Refused(ClientError):
    """The server refused what a back-office request asked (HTTP 400 or 404): a name already
    taken, a password too short, a device or user that does not exist. ``code`` is the
    server's code, ``field`` and ``field_code`` the field it blames (if any), ``message_zh``
    the sentence in Chinese. Nothing was changed."""

    def __init__(self, message: str, code: str = "", message_zh: str = "", *,
                 field: str = "", field_code: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message_zh = message_zh or message
        self.field = field
        self.field_code = field_code

    def text(self, lang: str) -> str:
        """The sentence in ``lang`` ("zh" or "en")."""
        return self.message_zh if lang == "zh" else str(self)


class SyncError(ClientError):
    """Syncing could not go on. ``code`` is the server's error code, if it sent one."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


class SignInRequired(SyncError):
    """The session cannot be renewed: ask the user to sign in again. The outbox is kept."""


class InvalidCredentials(SignInRequired):
    """Sign-in refused: wrong user name or password, or the account is disabled."""


class DeviceRevoked(SignInRequired):
    """The back office revoked this device (lost or stolen): it sends nothing more. With
    ``wipe`` the engine has deleted the local database and the stored sign-in."""

    def __init__(self, wipe: bool) -> None:
        if wipe:
            text = ("This device was signed out by your administrator and its local data was "
                    "deleted. Ask your administrator for help.")
            text_zh = "此设备已被管理员注销，本地数据已删除。请联系管理员。"
        else:
            text = ("This device was signed out by your administrator and may not sync any "
                    "more. Ask your administrator for help.")
            text_zh = "此设备已被管理员注销，不能再同步。请联系管理员。"
        super().__init__(text, "device_revoked")
        self.wipe = wipe
        self.message_zh = text_zh

    def text(self, lang: str) -> str:
        """The sentence in ``lang`` ("zh" or "en")."""
        return self.message_zh if lang == "zh" else str(self)


class UpdateRequired(SyncError):
    """The server needs a newer app (HTTP 426). Syncing stops; the outbox is kept."""


class Forbidden(SyncError):
    """The server refused the request for this user or device (HTTP 403)."""


class AccountLocked(Forbidden):
    """Sign-in refused: the account is locked after too many wrong passwords, until an
    administrator unlocks it (``dinghuo-server users unlock``). The right password does not
    help."""

    def __init__(self) -> None:
        super().__init__("This account is locked after too many wrong passwords. Ask your "
                         "administrator to unlock it.", "account_locked")
        self.message_zh = "密码错误次数过多，该账号已锁定。请联系管理员解锁。"

    def text(self, lang: str) -> str:
        """The sentence in ``lang`` ("zh" or "en")."""
        return self.message_zh if lang == "zh" else str(self)


class ResyncRequired(SyncError):
    """The server refused a push because it went back to an earlier state (restored from a
    backup, failed over): nothing was applied. The sync pulls (a full resync), sends again
    what the server forgot, then the push. Internal to a sync."""


class Retryable(SyncError):
    """A passing failure: try again later with backoff. Nothing is dropped."""


class SignInThrottled(Retryable):
    """Sign-in refused for now, nothing checked: too many failed sign-ins for this account or
    from this address (``signin_throttled``), or too many sign-ins at once on the server
    (``signin_busy``). Try again in ``retry_after`` seconds (the server's ``Retry-After``)."""

    def __init__(self, retry_after: int, code: str) -> None:
        super().__init__(f"Too many sign-in attempts. Try again in {retry_after} s.", code)
        self.retry_after = retry_after
        self.message_zh = f"登录尝试次数过多，请在 {retry_after} 秒后再试。"

    def text(self, lang: str) -> str:
        """The sentence in ``lang`` ("zh" or "en")."""
        return self.message_zh if lang == "zh" else str(self)


class NetworkError(Retryable):
    """The server could not be reached, or the answer was lost on the way."""


class ServerUnavailable(Retryable):
    """The server failed (HTTP 5xx)."""


class ProtocolError(SyncError):
    """The server's answer does not fit the protocol this client speaks (a bug somewhere)."""
