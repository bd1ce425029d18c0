"""First run (and after signing out): the server's URL and signing in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from sync_engine.client import errors as ce
from sync_engine.client.values import Identity

from ..errors import present
from ..resources import icon
from ..widgets.field import FieldBox
from ..widgets.parts import wrapped_label

__all__ = ["LoginDialog"]

SignIn = Callable[[str, str, str, bool], Identity]
"""(server URL, user name, password, send over plain http anyway) → identity; runs on a worker
thread."""


class LoginDialog(QDialog):
    """Asks for the server and the credentials; signs in in the background.

    ``run(fn, done, failed)`` is the app's background runner; ``sign_in`` does the work.
    ``signed_in`` carries the identity when it worked.
    """

    signed_in = Signal(object)

    def __init__(self, sign_in: SignIn,
                 run: Callable[[Callable[[], object], Callable[[object], None],
                                Callable[[BaseException], None]], None],
                 *, server_url: str = "", username: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Sign in — Dinghuo 订货"))
        self.setWindowIcon(icon("app"))
        self._sign_in = sign_in
        self._run = run
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Welcome to Dinghuo"))
        title.setObjectName("dialogTitle")
        layout.addWidget(title)
        intro = wrapped_label(self.tr(
            "Sign in once while online. Afterwards the app opens straight "
            "away, even without a connection."))
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.server = QLineEdit(server_url)
        self.server.setPlaceholderText("https://dinghuo.example.com")
        self.user = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_box = FieldBox(self.server)
        self.user_box = FieldBox(self.user)
        self.password_box = FieldBox(self.password)
        form.addRow(self.tr("Server"), self.server_box)
        form.addRow(self.tr("User name"), self.user_box)
        form.addRow(self.tr("Password"), self.password_box)
        layout.addLayout(form)
        self.general = wrapped_label("", "fieldError")
        self.general.hide()
        layout.addWidget(self.general)
        self.plain_http_box: QMessageBox | None = None  # "send the password unencrypted?"
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(self.tr("Sign in"),
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        (self.password if server_url and username else
         self.user if server_url else self.server).setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear(self) -> None:
        for box in (self.server_box, self.user_box, self.password_box):
            box.set_error("")
        self.general.hide()

    def submit(self) -> None:
        """Check the fields, then sign in in the background."""
        self._clear()
        url = self.server.text().strip().rstrip("/")
        user = self.user.text().strip()
        password = self.password.text()
        ok = True
        if not url.startswith(("http://", "https://")):
            self.server_box.set_error(self.tr("Enter the server's address, starting with "
                                              "https:// (ask your administrator)."))
            ok = False
        if not user:
            self.user_box.set_error(self.tr("Enter your user name."))
            ok = False
        if not password:
            self.password_box.set_error(self.tr("Enter your password."))
            ok = False
        if not ok:
            return
        self._start(url, user, password, allow_plain_http=False)

    def _start(self, url: str, user: str, password: str, *, allow_plain_http: bool) -> None:
        self._busy(True)
        self._run(lambda: self._sign_in(url, user, password, allow_plain_http), self._done,
                  lambda exc: self._failed(exc, (url, user, password)))

    def _busy(self, busy: bool) -> None:
        self.ok.setEnabled(not busy)
        self.ok.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))

    def _done(self, identity: object) -> None:
        self._busy(False)
        self.signed_in.emit(identity)
        self.accept()

    def _failed(self, exc: BaseException, attempt: tuple[str, str, str] | None = None) -> None:
        self._busy(False)
        if isinstance(exc, ce.PasswordOverPlainHttp) and attempt is not None:
            self._ask_plain_http(exc.host, *attempt)
        elif isinstance(exc, ce.InvalidCredentials):
            self.password_box.set_error(self.tr("The user name or password is wrong."))
            self.password.selectAll()
            self.password.setFocus()
        elif isinstance(exc, ce.SignInThrottled):
            self.password_box.set_error(self.tr(
                "Too many sign-in attempts. Try again in %1 s.").replace(
                    "%1", str(exc.retry_after)))
        elif isinstance(exc, ce.AccountLocked):
            self.password_box.set_error(self.tr(
                "This account is locked after too many wrong passwords. Ask your administrator "
                "to unlock it."))
        elif isinstance(exc, ce.NetworkError):
            self.server_box.set_error(self.tr("This server cannot be reached. Check the address "
                                              "and your connection."))
        else:
            shown = present(exc)
            self.general.setText(shown.text)
            self.general.setVisible(bool(shown.text))
        self.adjustSize()  # room for a message of two lines (a wrapped label does not ask)

    def _ask_plain_http(self, host: str, url: str, user: str, password: str) -> None:
        """Nothing was sent yet: the password goes unencrypted only if the user says so."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unencrypted connection"), self.tr(
            "The address starts with http://, so your password would travel to %1 "
            "unencrypted, readable by anyone on the network.\n\nUse the server's https:// "
            "address if it has one (ask your administrator). Send the password anyway only "
            "on a network you trust.").replace("%1", host),
            QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("plainHttpWarning")
        send = box.addButton(self.tr("Send anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda button: self._start(
            url, user, password, allow_plain_http=True) if button is send else None)
        box.open()
        self.plain_http_box = box
