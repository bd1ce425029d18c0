"""How errors reach the user, in the three kinds of the style guide.

- cancelled (:class:`SyncCancelled`): silent;
- user-facing (every other :class:`ClientError`): a message that says what to do; field-level
  issues go beside their fields where a form can show them;
- bugs (anything else): logged with the traceback, shown as "something went wrong" with the
  path of the log file.

This module decides the kind and the words; the main window shows them (a dialog or a toast).
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import platformdirs

from sync_engine.client import errors as ce

from .i18n import QT_TRANSLATE_NOOP, Formatter, domain_lang, translate

__all__ = ["Kind", "Presented", "log_path", "present", "setup_logging"]

log = logging.getLogger(__name__)

_log_file: Path | None = None


def log_path() -> Path:
    """The log file of this user (``platformdirs.user_log_dir``)."""
    return _log_file or Path(platformdirs.user_log_dir("dinghuo", appauthor=False)) / "dinghuo.log"


def setup_logging(verbose: bool = False, directory: Path | None = None) -> Path:
    """Log to a rotating file in the user's log directory (and stderr when verbose)."""
    global _log_file
    folder = directory or Path(platformdirs.user_log_dir("dinghuo", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    _log_file = folder / "dinghuo.log"
    handler = logging.handlers.RotatingFileHandler(
        _log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    if verbose:
        root.addHandler(logging.StreamHandler(sys.stderr))
    return _log_file


# The three kinds of the style guide (mypy's strict equality refuses a comparison with another).
Kind = Literal["cancelled", "user", "bug"]


@dataclass(frozen=True, slots=True)
class Presented:
    """An error ready to show, of its :data:`Kind`."""

    kind: Kind
    title: str
    text: str


def present(exc: BaseException) -> Presented:
    """Classify ``exc`` and put it in words (logging it first if it is a bug)."""
    if isinstance(exc, ce.SyncCancelled):
        return Presented("cancelled", "", "")
    if isinstance(exc, ce.ValidationFailed):
        fmt = Formatter()
        lines = [fmt.issue(issue) for issue in exc.errors] or [str(exc)]
        return Presented("user", translate("Errors", "Please check the order"), "\n".join(lines))
    if isinstance(exc, ce.ClientError):
        return Presented("user", _title(exc), _words(exc))
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return Presented(
        "bug",
        translate("Errors", "Something went wrong"),
        translate("Errors", "Something went wrong. It was written to the log file:\n{path}").format(
            path=log_path()
        ),
    )


def _title(exc: ce.ClientError) -> str:
    if isinstance(exc, ce.NotFound):
        return translate("Errors", "Not found")
    if isinstance(exc, ce.ResolutionNotPossible):
        return translate("Errors", "Cannot resolve this way")
    if isinstance(exc, ce.SignInRequired | ce.NotSignedIn):
        return translate("Errors", "Sign in required")
    if isinstance(exc, ce.UpdateRequired):
        return translate("Errors", "Update required")
    if isinstance(exc, ce.Refused):
        return translate("Errors", "The server refused this")
    return (
        translate("Errors", "Cannot sync")
        if isinstance(exc, ce.SyncError)
        else translate("Errors", "Cannot do that")
    )


# The sentence for each kind of error, in English (translated where it is shown); the first
# class that matches wins, so a subclass stands before its base (AccountLocked: Forbidden).
_SENTENCES: tuple[tuple[type[ce.ClientError] | tuple[type[ce.ClientError], ...], str], ...] = (
    (ce.InvalidCredentials, QT_TRANSLATE_NOOP(
        "Errors", "The user name or password is wrong. Check them and try again.")),
    ((ce.SignInRequired, ce.NotSignedIn), QT_TRANSLATE_NOOP(
        "Errors", "Your session has ended. Please sign in again; your unsent changes are kept.")),
    (ce.UpdateRequired, QT_TRANSLATE_NOOP(
        "Errors",
        "This app is too old for the server. Please update it; your unsent changes are kept.")),
    (ce.AccountLocked, QT_TRANSLATE_NOOP(
        "Errors", "This account is locked after too many wrong passwords. Ask your "
        "administrator to unlock it.")),
    (ce.Forbidden, QT_TRANSLATE_NOOP(
        "Errors", "The server refused this for your account or device. Ask your administrator.")),
    (ce.NetworkError, QT_TRANSLATE_NOOP(
        "Errors", "The server cannot be reached. Your work is saved on this computer and will "
        "be sent when the connection returns.")),
    (ce.ServerUnavailable, QT_TRANSLATE_NOOP(
        "Errors", "The server has a problem right now. Your work is kept; it will be sent "
        "later automatically.")),
    (ce.ProtocolError, QT_TRANSLATE_NOOP(
        "Errors", "The server sent an answer this app cannot use. Your work is kept. Please "
        "report this to your administrator.")),
    (ce.NotFound, QT_TRANSLATE_NOOP(
        "Errors", "It is not on this computer any more (it may have been removed by a sync).")),
)


def _words(exc: ce.ClientError) -> str:
    """The sentence for the user, in the UI language; branches on the class, never the text."""
    for kind, sentence in _SENTENCES:
        if isinstance(exc, kind):
            return translate("Errors", sentence)
    if isinstance(exc, ce.SignInThrottled):
        return translate("Errors", "Too many sign-in attempts. Try again in %1 s.").replace(
            "%1", str(exc.retry_after))
    if isinstance(exc, ce.ResolutionNotPossible):
        return exc.text(domain_lang()) or translate(
            "Errors", "This conflict cannot be resolved this way. Choose another option."
        )
    if isinstance(exc, ce.Refused):
        return exc.text(domain_lang())
    if isinstance(exc, ce.UnsentChangesOfAnotherUser):
        return exc.message_zh if domain_lang() == "zh" else str(exc)
    return str(exc)
