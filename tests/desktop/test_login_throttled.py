"""The sign-in dialog says how long to wait after too many attempts, and that a locked account
needs an administrator — in both languages, under the password field."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from desktop import i18n
from desktop.views.login import LoginDialog
from sync_engine.client import errors as ce
from tests.desktop.test_login_plain_http import _run_now


@pytest.fixture
def lang() -> Iterator[None]:
    yield
    i18n.install_language("en")


def _refused_with(qtbot: Any, exc: ce.ClientError) -> LoginDialog:
    def sign_in(_url: str, _user: str, _password: str, _allow_plain_http: bool) -> None:
        raise exc

    dialog = LoginDialog(sign_in, _run_now, server_url="https://dinghuo.example.com",
                         username="rep1")
    qtbot.addWidget(dialog)
    dialog.password.setText("wrong-password")
    dialog.submit()
    return dialog


@pytest.mark.usefixtures("lang")
@pytest.mark.parametrize(("language", "wait", "locked"), [
    ("en", "Try again in 30 s.", "Ask your administrator to unlock it."),
    ("zh_CN", "请在 30 秒后再试", "请联系管理员解锁"),
])
def test_the_wait_and_the_lockout_are_shown_at_the_password(
        qtbot: Any, language: str, wait: str, locked: str) -> None:
    i18n.install_language(language)
    dialog = _refused_with(qtbot, ce.SignInThrottled(30, "signin_throttled"))
    assert wait in dialog.password_box.error_text
    assert dialog.ok.isEnabled()  # they may try again when the time has passed
    dialog = _refused_with(qtbot, ce.AccountLocked())
    assert locked in dialog.password_box.error_text
