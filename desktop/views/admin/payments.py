"""Payments received (收款): the back office records money a customer paid — customer, amount,
date, reference — and sees the customer's open and overdue amounts and the latest payments.

Each field is checked here with the server's own rule (``domain.credit.check_payment``) before
anything is sent; the server checks again and says which field it refuses. A payment keeps its
idempotency key until the server has answered, so sending it again after a lost answer records
it once (the server answers the first answer)."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sync_engine.client import errors as ce
from sync_engine.client.values import CustomerView, PaymentAccount, PaymentList, PaymentView
from sync_engine.domain import credit as rules

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP, domain_lang, translate
from ...models.base import Column, ListTableModel
from ...resources import icon
from ...widgets.field import FieldBox
from ...widgets.parts import action_button, form_rows, text_field
from ...widgets.tables import fit_columns, make_table, table_pane
from ..page import NavEntry, Page
from ..shared.customer_field import CustomerField
from .ask import key, list_failed, on_server

__all__ = ["PaymentsPage"]


class PaymentsPage(Page):
    """The Payments page of the back office."""

    nav = NavEntry("payments", QT_TRANSLATE_NOOP("Navigation", "Payments"), "payment")

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "paymentsPage")
        self.loaded = False
        self.customer: CustomerView | None = None
        self._key: str | None = None  # the payment being sent, until the server answers
        self.account_shown: PaymentAccount | None = None
        fmt = ctx.fmt
        lang = domain_lang
        self.model: ListTableModel[PaymentView] = ListTableModel([
            Column(lambda: translate("Payments", "Date"), lambda p: fmt.date(p.date),
                   sort=lambda p: p.date.isoformat()),
            Column(lambda: translate("Payments", "Customer"),
                   lambda p: f"{p.customer_code} {p.customer_name_in(lang())}",
                   tooltip=lambda p: p.customer_name_in(lang())),
            Column(lambda: translate("Payments", "Reference"), lambda p: p.ref,
                   tooltip=lambda p: p.note or p.ref),
            Column(lambda: translate("Payments", "Amount"), lambda p: fmt.money(p.amount),
                   align_right=True, sort=lambda p: p.amount),
            Column(lambda: translate("Payments", "Kept as credit"),
                   lambda p: fmt.money(p.unapplied) if p.unapplied else "",
                   align_right=True, sort=lambda p: p.unapplied),
            Column(lambda: translate("Payments", "Recorded"),
                   lambda p: f"{fmt.timestamp(p.recorded_at)} {p.recorded_by}"),
        ])

        self.customer_field = CustomerField(ctx)
        self.customer_field.setObjectName("paymentCustomer")
        self.customer_field.chosen.connect(self._chosen)
        self.customer_box = FieldBox(self.customer_field)
        self.customer_field.not_chosen.connect(self.customer_box.set_error)
        self.amount = text_field("paymentAmount", self.tr("e.g. 1,200.50"), max_length=32)
        self.amount_box = FieldBox(self.amount)
        self.date = QDateEdit()
        self.date.setObjectName("paymentDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        today = QDate.currentDate()
        self.date.setDate(today)
        self.date.setMaximumDate(today)
        self.date_box = FieldBox(self.date)
        self.ref = text_field("paymentRef", self.tr("bank slip or receipt number"),
                              max_length=64)
        self.ref_box = FieldBox(self.ref)
        self.note = text_field("paymentNote", max_length=2000)
        self.note_box = FieldBox(self.note)
        self.record_button = action_button("add", self.tr("Record payment"), self.record,
                                           name="recordPayment")
        form = form_rows(
            (self.tr("Customer"), self.customer_box), (self.tr("Amount received"), self.amount_box),
            (self.tr("Date received"), self.date_box), (self.tr("Reference"), self.ref_box),
            (self.tr("Note"), self.note_box), ("", self.record_button))
        self.account = QLabel(self.tr("Choose a customer to see what it owes."))
        self.account.setObjectName("paymentAccount")
        self.account.setWordWrap(True)
        hint = QLabel(self.tr("A payment is set off against the customer's oldest open "
                              "invoices; what is left is kept as a credit. The customer's "
                              "reps see the new amounts after their next sync."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        box = QGroupBox(self.tr("Record a payment received"))
        fields = QWidget()
        fields.setLayout(form)
        fields.setMaximumWidth(560)
        side = QVBoxLayout()
        side.addWidget(self.account)
        side.addWidget(hint)
        side.addStretch(1)
        inner = QHBoxLayout(box)
        inner.addWidget(fields, 3)
        inner.addSpacing(16)
        inner.addLayout(side, 2)

        self.table = make_table(stretch=1)
        self.table.setObjectName("paymentList")
        self.table.setModel(self.model)
        self.empty = QLabel(self.tr("No payment recorded yet."))
        self.empty.setObjectName("hint")
        self.state = QLabel()
        self.state.setObjectName("hint")
        self.state.setWordWrap(True)
        self.refresh_button = QPushButton(icon("sync"), self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.list_title = QLabel()
        self.list_title.setObjectName("sideTitle")
        head = QHBoxLayout()
        head.addWidget(self.list_title)
        head.addWidget(self.state, 1)
        head.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addLayout(head)
        layout.addWidget(table_pane(self.table, self.empty, empty=True), 1)
        key(self, "Ctrl+Return", self.record)
        key(self, QKeySequence.StandardKey.Refresh, self.refresh)
        self._title()

    def focus_main_field(self) -> None:
        self.customer_field.focus_for_choice()

    def _title(self) -> None:
        c = self.customer
        self.list_title.setText(
            self.tr("Latest payments") if c is None else
            self.tr("Latest payments of %1").replace("%1", c.code))

    def choose_customer(self, customer: CustomerView) -> None:
        """Show ``customer`` in the field, its account and its payments."""
        self.customer_field.set_customer(customer)
        self._chosen(customer)

    def _chosen(self, customer: object) -> None:
        assert isinstance(customer, CustomerView)
        self.customer = customer
        self.account_shown = None
        self.customer_box.set_error("")
        self._title()
        self.refresh()
        self.amount.setFocus()

    # ------------------------------------------------------------------ the list

    def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        customer_id = None if self.customer is None else self.customer.id
        on_server(self.ctx, lambda office: office.payments(customer_id), self._loaded,
                  self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        list_failed(self.ctx, self.state, exc)

    def _loaded(self, page: object) -> None:
        assert isinstance(page, PaymentList)
        self.refresh_button.setEnabled(True)
        self.loaded = True
        self.state.setText("")
        self.model.set_rows(page.payments)
        fit_columns(self.table)
        self._show_account(page.account)

    def _show_account(self, account: PaymentAccount | None) -> None:
        if account is None or self.customer is None or account.customer_id != self.customer.id:
            return
        fmt = self.ctx.fmt
        text = self.tr("%1 owes %2, of which %3 overdue.").replace(
            "%1", self.customer.code).replace("%2", fmt.money(account.open_amount)).replace(
            "%3", fmt.money(account.overdue_amount))
        if account.oldest_overdue is not None:
            text += " " + self.tr("Oldest overdue since %1.").replace(
                "%1", fmt.date(account.oldest_overdue))
        self.account.setText(text)
        self.account_shown = account
        self.account.setProperty("state", "warning" if account.overdue_amount > 0 else "")
        self.account.style().unpolish(self.account)
        self.account.style().polish(self.account)

    # ------------------------------------------------------------------ recording

    def _boxes(self) -> dict[str, FieldBox]:
        return {"customer": self.customer_box, "amount": self.amount_box,
                "ref": self.ref_box, "note": self.note_box, "date": self.date_box}

    def record(self) -> None:
        """Check the fields (each error under its field), then send the payment."""
        if not self.record_button.isEnabled():
            return
        boxes = self._boxes()
        for box in boxes.values():
            box.set_error("")
        picked = self.date.date()
        day = dt.date(picked.year(), picked.month(), picked.day())
        payment, issues = rules.check_payment(self.amount.text(), self.ref.text(),
                                              self.note.text(), day, dt.date.today())
        if self.customer is None:
            self.customer_box.set_error(self.tr("Choose the customer who paid."))
        for issue in issues:
            at = boxes.get(issue.field)
            if at is not None and not at.error_text:
                at.set_error(self.ctx.fmt.issue(issue))
        if payment is None or self.customer is None:
            first = next((b for b in boxes.values() if b.error_text), None)
            if first is not None:
                first.editor.setFocus()
            return
        if self._key is None:
            self._key = uuid.uuid4().hex
        key_, customer_id = self._key, self.customer.id
        self.record_button.setEnabled(False)
        self.state.setText(self.tr("Sending…"))
        on_server(self.ctx, lambda office: office.record_payment(
            key_, customer_id, str(payment.amount), payment.ref, date=payment.date,
            note=payment.note), self._recorded, self._refused)

    def _recorded(self, page: object) -> None:
        assert isinstance(page, PaymentList)
        self._key = None
        self.record_button.setEnabled(True)
        paid = page.payments[0]
        self.ctx.message.emit(self.tr("Payment %1 of %2 recorded for %3.").replace(
            "%1", paid.ref).replace("%2", self.ctx.fmt.money(paid.amount)).replace(
            "%3", paid.customer_code))
        for field in (self.amount, self.ref, self.note):
            field.clear()
        self._show_account(page.account)
        self.refresh()
        self.amount.setFocus()

    def _refused(self, exc: BaseException) -> None:
        self.record_button.setEnabled(True)
        self.state.setText("")
        if isinstance(exc, ce.Refused):
            self._key = None  # nothing was recorded: the next try is a new request
            box = self._boxes().get(exc.field, self.amount_box)
            box.set_error(exc.text(domain_lang()))
            box.editor.setFocus()
            return
        # Not answered (offline, a lost answer): the same key goes with the next try.
        list_failed(self.ctx, self.state, exc)

