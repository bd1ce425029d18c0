"""The monthly statement (对账单) of a customer's account: bilingual, A4, to print or save as PDF
from the back office (any customer) and by a store owner (their own account).

The server computes it (``GET /v1/statements/{customer_id}?month=``): this module lays it out
(opening balance, each shipment, return credit and payment with the running balance, the
month's totals, the closing balance in figures and in capital numerals) and the dialog asks
for it on the app's network lane.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from sync_engine.client.values import CustomerView, StatementView
from sync_engine.domain.numerals import capital_amount
from sync_engine.domain.statements import EntryKind, month_bounds

from .delivery_note import CSS as FORM_CSS
from .i18n import Formatter
from .models.tables import customer_name
from .printing import html_document, print_html, save_html_as_pdf

__all__ = ["StatementDialog", "statement_html"]

_KIND = {EntryKind.SHIPMENT: ("发货", "Shipment"), EntryKind.RETURN: ("退货冲减", "Return credit"),
         EntryKind.PAYMENT: ("收款", "Payment")}


def _e(text: object) -> str:
    return html.escape(str(text))


def statement_html(view: StatementView, fmt: Formatter, printed_at: str = "") -> str:
    s = view.statement
    css = FORM_CSS % {"font": 9.5, "title": 16}
    rows = [f"<tr class='carry'><td>{_e(fmt.date(month_bounds(s.month)[0]))}</td>"
            f"<td colspan='2'>期初余额 Opening balance</td><td></td><td></td>"
            f"<td class='num'>{_e(fmt.money(s.opening))}</td></tr>"]
    for ln in s.lines:
        zh, en = _KIND[ln.entry.kind]
        owed = ln.entry.kind is EntryKind.SHIPMENT
        rows.append(
            f"<tr><td>{_e(fmt.date(ln.entry.date))}</td><td>{_e(zh)} {_e(en)}</td>"
            f"<td class='num' align='left'>{_e(ln.entry.ref)}</td>"
            f"<td class='num'>{_e(fmt.money(ln.entry.amount)) if owed else ''}</td>"
            f"<td class='num'>{'' if owed else _e(fmt.money(ln.entry.amount))}</td>"
            f"<td class='num'>{_e(fmt.money(ln.balance))}</td></tr>")
    rows.append(f"<tr class='total'><td colspan='3'>期末余额 Closing balance</td>"
                f"<td class='num'>{_e(fmt.money(s.shipped))}</td>"
                f"<td class='num'>{_e(fmt.money(s.returned + s.paid))}</td>"
                f"<td class='num'>{_e(fmt.money(s.closing))}</td></tr>")
    summary = "".join(
        f"<td>{zh}<br><span class='sub'>{en}</span><br><b>{_e(fmt.money(v))}</b></td>"
        for zh, en, v in (("期初余额", "Opening", s.opening), ("本月发货", "Shipped", s.shipped),
                          ("退货冲减", "Returns credited", s.returned),
                          ("本月收款", "Payments", s.paid), ("期末余额", "Closing", s.closing)))
    return (
        f"<html><head><title>Statement 对账单 {_e(view.code)} {_e(s.month)}</title>"
        f"<style>{css}</style></head><body>"
        f"<table class='head' width='100%'><tr><td width='75%'><span class='title'>对账单 "
        f"Statement of Account</span></td><td align='right'>{_e(s.month)}<br><span class='sub'>"
        f"{_e(printed_at)}</span></td></tr>"
        f"<tr><td colspan='2'>客户 Customer: <b>{_e(view.code)} {_e(view.name)} · "
        f"{_e(view.name_en)}</b></td></tr>"
        f"<tr><td colspan='2'>地址 Address: {_e(view.address)} · ☎ {_e(view.phone)} · "
        f"账期 Terms: {_e(view.payment_terms or '—')}</td></tr></table>"
        f"<table class='sign' width='100%' style='margin: 6px 0'><tr>{summary}</tr></table>"
        "<table class='lines' width='100%'><thead><tr><th>日期 Date</th><th>摘要 Item</th>"
        "<th>单号 Ref.</th><th class='num'>应收 Debit</th><th class='num'>冲减 Credit</th>"
        f"<th class='num'>余额 Balance</th></tr></thead>{''.join(rows)}</table>"
        f"<p>期末余额大写 Closing balance in words: <b>{_e(capital_amount(s.closing))}</b></p>"
        "<p class='sub'>期初余额 + 本月发货 − 退货冲减 − 本月收款 = 期末余额 · "
        "Opening + shipped − returns − payments = closing. 如有异议请于收到后七日内联系我们。"
        " Please tell us within 7 days of any difference.</p>"
        "<table class='sign' width='100%' style='margin-top: 10px'><tr>"
        "<td width='50%'>供货方 Supplier<br>&nbsp;<br>&nbsp;</td>"
        "<td width='50%'>客户确认（签字盖章） Customer confirmation (signature, stamp)<br>"
        "&nbsp;<br>&nbsp;</td></tr></table></body></html>")


def last_month(today: dt.date | None = None) -> str:
    first = (today or dt.date.today()).replace(day=1)
    return (first - dt.timedelta(days=1)).strftime("%Y-%m")


class StatementDialog(QDialog):
    """Pick a customer (the back office; an owner has only their own) and a month, fetch the
    statement, preview it; Print… and Save as PDF…. ``fetch`` runs on the network lane and
    calls back with the statement or an error message."""

    def __init__(self, customers: Sequence[CustomerView],
                 fetch: Callable[[int, str, Callable[[StatementView], None],
                                  Callable[[str], None]], None],
                 fmt: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statementDialog")
        self.setWindowTitle(self.tr("Monthly statement"))
        self.fmt = fmt
        self.fetch = fetch
        self.html = ""
        self.view: StatementView | None = None
        form = QFormLayout()
        self.customer = QComboBox()
        for c in customers:
            self.customer.addItem(f"{c.code} {customer_name(c)}", c.id)
        self.customer.setEnabled(len(customers) > 1)
        form.addRow(self.tr("Customer"), self.customer)
        self.month = QLineEdit(last_month())
        self.month.setPlaceholderText("YYYY-MM")
        self.month.setInputMask("9999-99")
        form.addRow(self.tr("Month"), self.month)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.show_button = QPushButton(self.tr("Show statement"))
        self.show_button.clicked.connect(self.load)
        form.addRow("", self.show_button)
        form.addRow("", self.error)
        self.preview = QTextBrowser()
        self.print_button = QPushButton(self.tr("Print…"))
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.print_button.clicked.connect(lambda: print_html(self.html, self))
        self.pdf_button.clicked.connect(self.save_pdf)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.print_button)
        actions.addWidget(self.pdf_button)
        layout.addLayout(actions)
        self._set_ready(False)
        self.resize(900, 760)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.pdf_button.setEnabled(ready)

    def load(self) -> None:
        month = self.month.text()
        try:
            month_bounds(month)
        except ValueError:
            self.error.setText(self.tr("Enter a month as YYYY-MM, e.g. 2026-11."))
            return
        self.error.setText("")
        self.show_button.setEnabled(False)
        self.fetch(int(self.customer.currentData()), month, self.loaded, self.failed)

    def loaded(self, view: StatementView) -> None:
        self.view = view
        self.html = statement_html(view, self.fmt, dt.date.today().isoformat())
        self.preview.setHtml(self.html)
        self.show_button.setEnabled(True)
        self._set_ready(True)

    def failed(self, message: str) -> None:
        self.error.setText(message)
        self.show_button.setEnabled(True)
        self._set_ready(False)

    def document(self) -> QTextDocument:
        return html_document(self.html)

    def save_pdf(self) -> None:
        name = f"statement-{self.view.code if self.view else ''}-{self.month.text()}.pdf"
        save_html_as_pdf(self.html, self, self.tr("Save as PDF"), name,
                         self.tr("PDF files (*.pdf)"))
