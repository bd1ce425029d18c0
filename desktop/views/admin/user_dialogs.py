"""The users page's forms: a new user, a user's role and assignment, a new password.

Each stays open while the server is asked; :meth:`show_refusal` puts the server's answer under
the field it blames (a name already taken, a password too short), and the page closes the
form only when the change was made.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sync_engine.client import errors as ce
from sync_engine.client.admin import ROLES
from sync_engine.client.values import CustomerView, UserAccount, WarehouseView

from ...i18n import domain_lang
from ...models.tables import customer_name
from ...widgets.field import FieldBox
from ...widgets.parts import form_rows, ok_cancel, wrapped_label
from .labels import role_name

__all__ = ["PasswordDialog", "UserDialog"]


class _Form(QDialog):
    """A form whose OK asks the server first (``submitted``), then closes (:meth:`done_ok`)."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None, ok_text: str) -> None:
        super().__init__(parent)
        self.general = wrapped_label("", "fieldError")
        self.general.hide()
        self.buttons, self.ok_button = ok_cancel(self, ok_text, self._submit)
        self.ok_button.setDefault(True)
        self.boxes: dict[str, FieldBox] = {}

    def _submit(self) -> None:
        for box in self.boxes.values():
            box.set_error("")
        self.general.hide()
        if self.check():
            self.ok_button.setEnabled(False)
            self.submitted.emit()

    def check(self) -> bool:
        """Local checks before asking the server (False: an error is shown)."""
        return True

    def show_refusal(self, exc: BaseException) -> bool:
        """Show a :class:`~sync_engine.client.errors.Refused` at its field; False if ``exc``
        is another error (the page shows it)."""
        self.ok_button.setEnabled(True)
        if not isinstance(exc, ce.Refused):
            return False
        box = self.boxes.get(exc.field)
        if box is not None:
            box.set_error(exc.text(domain_lang()))
        else:
            self.general.setText(exc.text(domain_lang()))
            self.general.show()
        return True

    def done_ok(self) -> None:
        self.ok_button.setEnabled(True)
        self.accept()


class UserDialog(_Form):
    """A new user (``user`` None), or a user's role, warehouse and customer."""

    def __init__(self, user: UserAccount | None, warehouses: list[WarehouseView],
                 customers: list[CustomerView], parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("Create user") if user is None else self.tr("Save"))
        self.setObjectName("userDialog")
        self.user = user
        self.setWindowTitle(self.tr("New user") if user is None else
                            self.tr("Role of %1").replace("%1", user.username))
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setPlaceholderText(self.tr("e.g. rep3 (lower-case letters, digits)"))
        self.display_name = QLineEdit()
        self.display_name.setObjectName("displayName")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in ROLES:
            self.role.addItem(role_name(role), role)
        self.warehouse = QComboBox()
        self.warehouse.setObjectName("warehouse")
        for w in warehouses:
            self.warehouse.addItem(f"{w.code} {w.name}", w.id)
        self.customer = QComboBox()
        self.customer.setObjectName("customer")
        self.customer.setEditable(True)  # thousands of customers: type to find one
        self.customer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for c in customers:
            self.customer.addItem(f"{c.code} {customer_name(c)}", c.id)
        fields: list[tuple[str, str, QWidget]] = [
            ("username", self.tr("User name"), self.username),
            ("display_name", self.tr("Full name"), self.display_name),
            ("password", self.tr("Password"), self.password),
        ] if user is None else []  # a new user's name and password; then what they do
        fields += [("role", self.tr("Role"), self.role),
                   ("warehouse", self.tr("Warehouse"), self.warehouse),
                   ("customer", self.tr("Customer (store)"), self.customer)]
        for field, label, editor in fields:
            self.boxes[field] = FieldBox(editor)
            form.addRow(label, self.boxes[field])
        self.role.currentIndexChanged.connect(self._role_changed)
        if user is not None:
            self.role.setCurrentIndex(max(0, self.role.findData(user.role)))
            if user.warehouse_id is not None:
                self.warehouse.setCurrentIndex(max(0, self.warehouse.findData(user.warehouse_id)))
            if user.customer_id is not None:
                self.customer.setCurrentIndex(max(0, self.customer.findData(user.customer_id)))
        hint = wrapped_label(self.tr(
            "A warehouse clerk works in one warehouse; a store owner orders "
            "for one customer. The user's devices resync with what the new "
            "role may see."), "hint")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self._role_changed()
        self.setMinimumWidth(520)

    def _role_changed(self) -> None:
        role = self.chosen_role()
        self.warehouse.setEnabled(role == "warehouse_clerk")
        self.customer.setEnabled(role == "store_owner")

    def chosen_role(self) -> str:
        return str(self.role.currentData())

    def warehouse_id(self) -> int | None:
        if self.chosen_role() != "warehouse_clerk":
            return None
        value = self.warehouse.currentData()
        return int(value) if value is not None else None

    def customer_id(self) -> int | None:
        if self.chosen_role() != "store_owner":
            return None
        index = self.customer.findText(self.customer.currentText())
        value = self.customer.itemData(index) if index >= 0 else None
        return int(value) if value is not None else None

    def check(self) -> bool:
        ok = True
        if self.user is None and not self.username.text().strip():
            self.boxes["username"].set_error(self.tr("Give the user a name to sign in with."))
            ok = False
        if self.user is None and not self.password.text():
            self.boxes["password"].set_error(self.tr("Give the user a first password."))
            ok = False
        if self.chosen_role() == "warehouse_clerk" and self.warehouse_id() is None:
            self.boxes["warehouse"].set_error(self.tr("Choose the clerk's warehouse."))
            ok = False
        if self.chosen_role() == "store_owner" and self.customer_id() is None:
            self.boxes["customer"].set_error(self.tr("Choose the store's customer account."))
            ok = False
        return ok


class PasswordDialog(_Form):
    """A new password for a user (typed twice)."""

    def __init__(self, user: UserAccount, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("Set password"))
        self.setObjectName("passwordDialog")
        self.user = user
        self.setWindowTitle(self.tr("New password for %1").replace("%1", user.username))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("passwordAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.boxes["password"] = FieldBox(self.password)
        self.boxes["again"] = FieldBox(self.again)
        form = form_rows((self.tr("New password"), self.boxes["password"]),
                         (self.tr("Again"), self.boxes["again"]))
        hint = wrapped_label(self.tr("%1 is signed out on every device and signs in with the new "
                                     "password.").replace("%1", user.username), "hint")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def check(self) -> bool:
        if not self.password.text():
            self.boxes["password"].set_error(self.tr("Type the new password."))
            return False
        if self.password.text() != self.again.text():
            self.boxes["again"].set_error(self.tr("The two passwords differ."))
            return False
        return True
