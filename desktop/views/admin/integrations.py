"""Integration tokens: credentials for a system (the ERP, the WMS), not a person. Make one with
what it may write (catalog, prices, stock, customers) and copy its secret, shown this once; see
when each was last used; revoke one."""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sync_engine.client import errors as ce
from sync_engine.client.admin import INTEGRATION_SCOPES
from sync_engine.client.values import IntegrationTokenView, NewIntegrationToken

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP, domain_lang, translate
from ...models.base import Column, ListTableModel
from ...widgets.field import FieldBox
from ...widgets.parts import action_button, form_rows, text_field, wrapped_label
from ...widgets.tables import fit_columns, make_table, reselect, table_pane
from ..page import NavEntry
from .ask import key, on_server
from .labels import item_separator, scope_name
from .server_list import ServerListPage

__all__ = ["IntegrationsPage", "SecretDialog", "TokenDialog"]



def _scopes(t: IntegrationTokenView) -> str:
    return item_separator().join(scope_name(s) for s in t.scopes)


class TokenDialog(QDialog):
    """The system's name and what its token may write."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tokenDialog")
        self.setWindowTitle(self.tr("New integration token"))
        self.name = text_field("tokenName", self.tr("the system, e.g. erp or wms"),
                               max_length=100)
        self.name_box = FieldBox(self.name)
        self.scopes: dict[str, QCheckBox] = {}
        row = QHBoxLayout()
        for scope in INTEGRATION_SCOPES:
            box = QCheckBox(scope_name(scope))
            box.setObjectName(f"scope_{scope}")
            self.scopes[scope] = box
            row.addWidget(box)
        row.addStretch(1)
        scopes = QWidget()
        scopes.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.scopes_box = FieldBox(scopes)
        form = form_rows((self.tr("System"), self.name_box),
                         (self.tr("May write"), self.scopes_box))
        hint = wrapped_label(self.tr("The token belongs to a system, not a person: no password is "
                                     "involved. Give it only what it needs to write."), "hint")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(self.tr("Create token"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def chosen_scopes(self) -> list[str]:
        return [s for s, box in self.scopes.items() if box.isChecked()]

    def _submit(self) -> None:
        self.name_box.set_error("")
        self.scopes_box.set_error("")
        ok = True
        if not self.name.text().strip():
            self.name_box.set_error(self.tr("Name the system the token is for."))
            ok = False
        if not self.chosen_scopes():
            self.scopes_box.set_error(self.tr("Choose at least one thing it may write."))
            ok = False
        if ok:
            self.ok_button.setEnabled(False)
            self.accept()

    def show_refusal(self, exc: BaseException) -> bool:
        """The server's refusal under the name (a name already used); False for other errors."""
        self.ok_button.setEnabled(True)
        if not isinstance(exc, ce.Refused):
            return False
        self.name_box.set_error(exc.text(domain_lang()))
        return True


class SecretDialog(QDialog):
    """The new token's secret, once, with a button that copies it."""

    def __init__(self, made: NewIntegrationToken, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("secretDialog")
        self.setWindowTitle(self.tr("Token for %1").replace("%1", made.token.name))
        text = wrapped_label(self.tr(
            "Copy this token now and put it in %1's settings. It is shown only this once: "
            "the server keeps only a fingerprint of it. If it is lost, revoke it and make a "
            "new one.").replace("%1", made.token.name))
        self.secret = QLineEdit(made.secret)
        self.secret.setObjectName("tokenSecret")
        self.secret.setReadOnly(True)
        self.secret.setFont(QFont("monospace"))
        self.secret.setMinimumWidth(  # the whole secret in view
            self.secret.fontMetrics().horizontalAdvance(made.secret) + 40)
        self.secret.setSelection(len(made.secret), -len(made.secret))  # selected, from its start
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName("copySecret")
        self.copy_button.clicked.connect(self.copy)
        row = QHBoxLayout()
        row.addWidget(self.secret, 1)
        row.addWidget(self.copy_button)
        scopes = QLabel(self.tr("May write: %1").replace(
            "%1", _scopes(made.token)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addWidget(scopes)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.secret.text())
        self.copy_button.setText(self.tr("Copied"))


class IntegrationsPage(ServerListPage[IntegrationTokenView]):
    nav = NavEntry("integrations", QT_TRANSLATE_NOOP("Navigation", "Integrations"), "key")

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "integrationsPage", IntegrationTokenView,
                         in_use=lambda t: not t.revoked_at)
        self.dialog: TokenDialog | None = None
        self.secret_dialog: SecretDialog | None = None
        fmt = ctx.fmt

        self.model: ListTableModel[IntegrationTokenView] = ListTableModel(
            [
                Column(lambda: translate("Admin", "System"), lambda t: t.name,
                       tooltip=lambda t: t.name, foreground=self.muted),
                Column(lambda: translate("Admin", "May write"), _scopes, tooltip=_scopes,
                       foreground=self.muted),
                Column(lambda: translate("Admin", "Created"),
                       lambda t: fmt.timestamp(t.created_at), foreground=self.muted),
                Column(lambda: translate("Admin", "Last used"),
                       lambda t: fmt.timestamp(t.last_used_at) if t.last_used_at
                       else translate("Admin", "never"),
                       sort=lambda t: t.last_used_at or "", foreground=self.muted),
                Column(lambda: translate("Admin", "State"),
                       lambda t: (translate("Admin", "revoked %1").replace(
                           "%1", fmt.timestamp(t.revoked_at)) if t.revoked_at
                           else translate("Admin", "active")),
                       foreground=self.muted),
            ]
        )
        self.table = make_table(stretch=1, model=self.model, name="tokenList",
                                on_current=self._enable)
        self.empty = wrapped_label(self.tr(
            "No integration token yet. Make one for each system that "
            "sends catalog, prices, stock or customers to Dinghuo."), "hint")
        self.new_button = action_button("add", self.tr("New token…"), self.ask_create,
                                        name="newToken")
        self.revoke_button = action_button("cancel", self.tr("Revoke…"), self.ask_revoke,
                                           name="revokeToken")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.revoke_button)
        buttons.addWidget(self.refresh_button)
        hint = wrapped_label(self.tr(
            "Systems write through the integration API with these tokens "
            "(see “Integrating with your ERP or WMS” in the documentation)."), "hint")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(table_pane(self.table, self.empty, empty=True), 1)
        layout.addWidget(hint)
        key(self.table, QKeySequence.StandardKey.Delete, self.ask_revoke)
        key(self, "Ctrl+N", self.ask_create)
        self._enable()

    def _enable(self) -> None:
        token = self.selected()
        self.revoke_button.setEnabled(token is not None and not token.revoked_at)

    def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        on_server(self.ctx, lambda office: office.integration_tokens(), self._loaded,
                  self._failed)

    def _loaded(self, tokens: object) -> None:
        assert isinstance(tokens, list)
        self.refresh_button.setEnabled(True)
        current = self.selected()
        self.model.set_rows(tokens)
        fit_columns(self.table)
        self.loaded = True
        self.state.setText("")
        reselect(self.table, tokens, lambda t: current is not None and t.name == current.name)
        self._enable()

    def ask_create(self) -> None:
        dialog = TokenDialog(self)
        dialog.accepted.connect(lambda: self.create_token(dialog))
        self.dialog = dialog
        dialog.open()

    def create_token(self, dialog: TokenDialog) -> None:
        name, scopes = dialog.name.text().strip(), dialog.chosen_scopes()

        def made(answer: object) -> None:
            assert isinstance(answer, NewIntegrationToken)
            self.secret_dialog = SecretDialog(answer, self)
            self.secret_dialog.open()
            self.refresh()

        def refused(exc: BaseException) -> None:
            if dialog.show_refusal(exc):
                dialog.open()  # again, with the server's reason under the name
            else:
                self.ctx.error.emit(exc)

        on_server(self.ctx, lambda office: office.create_integration_token(name, scopes), made,
                  refused)

    def ask_revoke(self) -> None:
        token = self.selected()
        if token is None or token.revoked_at:
            return
        self.ask_first(self.tr("Revoke the token of %1?"),
                       self.tr("%1's next request with this token is refused, at once. The system "
                               "needs a new token to write again. This cannot be undone."),
                       self.tr("Revoke"), token.name, lambda: self.revoke(token.name))

    def revoke(self, name: str) -> None:
        def done(_r: object) -> None:
            self.ctx.message.emit(self.tr("The token of %1 is revoked.").replace("%1", name))
            self.refresh()

        on_server(self.ctx, lambda office: office.revoke_integration_token(name), done)
