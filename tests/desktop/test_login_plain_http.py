"""Signing in over plain http to another machine: the dialog asks before the password goes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox

from desktop.views.login import LoginDialog
from sync_engine.client import errors as ce
from sync_engine.client.values import Identity

_ME = Identity(user_id=1, username="rep1", display_name="", role="sales_rep",
               warehouse_id=None, customer_id=None)


def _run_now(fn: Callable[[], object], done: Callable[[object], None],
             failed: Callable[[BaseException], None]) -> None:
    try:
        result = fn()
    except BaseException as exc:  # handed to the dialog, as the app's task runner does
        failed(exc)
    else:
        done(result)


def _dialog(qtbot: Any, calls: list[bool]) -> LoginDialog:
    def sign_in(_url: str, _user: str, _password: str, allow_plain_http: bool) -> Identity:
        calls.append(allow_plain_http)
        if not allow_plain_http:
            raise ce.PasswordOverPlainHttp("192.168.1.20")
        return _ME

    dialog = LoginDialog(sign_in, _run_now, server_url="http://192.168.1.20:8000",
                         username="rep1")
    qtbot.addWidget(dialog)
    dialog.password.setText("secret")
    return dialog


def _button(box: QMessageBox, text: str) -> Any:
    return next(b for b in box.buttons() if b.text() == text)


def test_sending_anyway_only_after_the_user_says_so(qtbot: Any) -> None:
    calls: list[bool] = []
    dialog = _dialog(qtbot, calls)
    signed_in: list[object] = []
    dialog.signed_in.connect(signed_in.append)
    dialog.submit()
    box = dialog.plain_http_box
    assert box is not None and box.isVisible() and calls == [False]
    assert "192.168.1.20" in box.text() and "unencrypted" in box.text()
    _button(box, "Send anyway").click()
    assert calls == [False, True] and signed_in == [_ME]


def test_cancel_sends_nothing(qtbot: Any) -> None:
    calls: list[bool] = []
    dialog = _dialog(qtbot, calls)
    dialog.submit()
    box = dialog.plain_http_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert calls == [False]  # refused before anything went out, and not tried again
    assert dialog.ok.isEnabled()
