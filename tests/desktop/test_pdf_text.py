"""Each printed document's text reads back whole from its PDF, in both languages: pdftotext (what
copying, searching and a back office that files PDFs read) finds the SKUs, quantities, amounts
and Chinese names it printed, and no character of the document is missing. Drawn in Noto Sans
CJK, a digit among Latin letters ("SKU-0001", "27 bottles") had no text in the PDF (see
``desktop.printing.PAPER_FONTS``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from desktop.confirmation import confirmation_html
from desktop.delivery_note import Paper, delivery_note_html, write_delivery_note
from desktop.i18n import Formatter, install_language
from desktop.picklist import pick_list_html
from desktop.printing import html_document, write_pdf
from desktop.statement import statement_html
from sync_engine import domain as d
from sync_engine.client.values import ShipQueueItem, StatementView
from sync_engine.domain.statements import EntryKind, StatementEntry, build_statement
from tests.desktop.paper_fixtures import CUSTOMER, order_and_shipment, products
from tests.desktop.test_paperwork import pdf_text

N = 5  # lines of goods: quantities 27, 51 … 123 bottles
PRODUCTS = products(N)
ORDER, SHIPMENT = order_and_shipment(N)
# What every document names its customer by: the code, the Chinese name, digits in Chinese.
CUSTOMER_TEXT = [CUSTOMER.code, CUSTOMER.name, CUSTOMER.address]


@pytest.fixture(params=["en", "zh_CN"])
def fmt(request: pytest.FixtureRequest, qapp: Any) -> Iterator[Formatter]:
    install_language(request.param)
    try:
        yield Formatter()
    finally:
        install_language("en")


def _goods(fmt: Formatter) -> list[str]:
    """Each line's SKU, Chinese name and amount."""
    return [text for ln in ORDER.lines for text in (
        PRODUCTS[ln.product_id].sku, PRODUCTS[ln.product_id].name_zh, fmt.money(ln.gross))]


def confirmation(fmt: Formatter, path: Path) -> tuple[str, list[str]]:
    html_text = confirmation_html(ORDER, PRODUCTS, CUSTOMER, fmt)
    write_pdf(path, html_document(html_text))
    quantities = [fmt.count(ln.quantity, "瓶") for ln in ORDER.lines]
    prices = [fmt.unit_price(ln.unit_price) for ln in ORDER.lines]
    return html_text, [ORDER.number, *CUSTOMER_TEXT, *_goods(fmt), *quantities, *prices]


def pick_list(fmt: Formatter, path: Path) -> tuple[str, list[str]]:
    # Two orders: the totals by SKU, then each order; the second's first line shipped in part.
    first = dataclasses.replace(ORDER, lines=tuple(
        dataclasses.replace(ln, shipped_qty=0) for ln in ORDER.lines))
    second = dataclasses.replace(first, id="o-2", number="DH00005678", lines=(
        dataclasses.replace(first.lines[0], shipped_qty=10), *first.lines[1:]))
    items = [ShipQueueItem(o, CUSTOMER.code, 375, 0, 375, N) for o in (first, second)]
    html_text = pick_list_html(items, PRODUCTS, {CUSTOMER.id: CUSTOMER}, fmt, "2026-12-01")
    write_pdf(path, html_document(html_text))
    lines = first.lines
    to_pick = [fmt.count(n, "瓶") for n in (
        *(2 * ln.quantity - 10 * (ln is lines[0]) for ln in lines),  # the totals by SKU
        *(ln.quantity for ln in lines), lines[0].quantity - 10)]
    skus = [PRODUCTS[ln.product_id].sku for ln in lines]
    names = [PRODUCTS[ln.product_id].name_zh for ln in lines]
    shipped = f"已发 shipped 10 / {lines[0].quantity}"
    return html_text, ["DH00001234", "DH00005678", *CUSTOMER_TEXT, *skus, *names, *to_pick,
                       shipped]


def delivery_note(fmt: Formatter, path: Path) -> tuple[str, list[str]]:
    html_text = delivery_note_html(ORDER, SHIPMENT, PRODUCTS, CUSTOMER, fmt, Paper.A4)
    write_delivery_note(path, html_text, Paper.A4)
    quantities = [f"{ln.quantity} 瓶" for ln in ORDER.lines]  # the form's own unit words
    total = fmt.money(d.sum_money(ln.gross for ln in ORDER.lines))
    return html_text, [ORDER.number, *CUSTOMER_TEXT, *_goods(fmt), *quantities, total]


def statement(fmt: Formatter, path: Path) -> tuple[str, list[str]]:
    entries = [
        StatementEntry(dt.date(2026, 11, 3), EntryKind.SHIPMENT, "DH00001234", D("1234.56")),
        StatementEntry(dt.date(2026, 11, 9), EntryKind.RETURN, "DH00001234-R1", D("40.68")),
        StatementEntry(dt.date(2026, 11, 28), EntryKind.PAYMENT, "BANK-7781", D("1000.00")),
    ]
    view = StatementView(CUSTOMER.id, CUSTOMER.code, CUSTOMER.name, CUSTOMER.name_en,
                         CUSTOMER.address, CUSTOMER.phone, CUSTOMER.payment_terms,
                         build_statement("2026-11", entries))
    html_text = statement_html(view, fmt, "2026-12-01")
    write_pdf(path, html_document(html_text))
    amounts = [fmt.money(v) for v in (
        *(e.amount for e in entries), *(ln.balance for ln in view.statement.lines))]
    return html_text, [*CUSTOMER_TEXT, *(e.ref for e in entries), *amounts]


DOCUMENTS: dict[str, Callable[[Formatter, Path], tuple[str, list[str]]]] = {
    "confirmation": confirmation, "pick_list": pick_list, "delivery_note": delivery_note,
    "statement": statement}


def _characters(text: str) -> Counter[str]:
    """The characters of ``text`` but its spaces, as pdf_text normalises them."""
    return Counter(c for c in unicodedata.normalize("NFKC", text) if not c.isspace())


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_the_pdf_reads_back_what_it_printed(fmt: Formatter, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.pdf"
    html_text, printed = DOCUMENTS[name](fmt, path)
    text = pdf_text(path)
    flat = " ".join(text.split())  # a line's words, however pdftotext spaced its columns
    lost = [words for words in printed if words not in flat]
    assert not lost, f"not in the PDF's text: {lost}\n{text}"
    # And nothing else lost: every character the document holds is in the PDF's text as often
    # (the PDF adds page numbers and repeated headers).
    missing = _characters(html_document(html_text).toPlainText()) - _characters(text)
    assert not missing, f"characters missing from the PDF's text: {dict(missing)}\n{text}"
