"""The printed delivery note (送货单) and monthly statement (对账单): the PDFs exist, have the
paper's size in points, run over pages with page x of y, and their text (read back with
pdftotext) has the customer and the amount in capital numerals."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from desktop.delivery_note import PAPERS, Paper, delivery_note_html, write_delivery_note
from desktop.i18n import Formatter
from desktop.printing import html_document, write_pdf
from desktop.statement import statement_html
from sync_engine import domain as d
from sync_engine.client.values import StatementView
from sync_engine.domain.numerals import capital_amount
from sync_engine.domain.statements import EntryKind, StatementEntry, build_statement
from tests.desktop.paper_fixtures import CUSTOMER, order_and_shipment, products


def pdf_pages(path: Path) -> tuple[int, tuple[float, float]]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    w, h = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info,  # type: ignore[union-attr]
                     re.M).groups()
    return pages, (float(w), float(h))


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext reads it (as copy, search and a back office that files PDFs
    get it), exactly: not normalised, so a hanzi that comes back as a radical (户 as ⼾, 水 as
    ⽔) or a full-width form as another character fails the test that looks for it."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


MM = 72 / 25.4


@pytest.mark.parametrize("paper", list(Paper))
def test_delivery_note_on_each_paper(qapp: Any, tmp_path: Path, paper: Paper) -> None:
    spec = PAPERS[paper]
    n = spec.lines * 2 + 1  # three pages
    order, shipment = order_and_shipment(n)
    fmt = Formatter()
    html_text = delivery_note_html(order, shipment, products(n), CUSTOMER, fmt, paper)
    path = tmp_path / f"note-{paper}.pdf"
    write_delivery_note(path, html_text, paper)
    pages, (w, h) = pdf_pages(path)
    assert pages == 3
    assert w == pytest.approx(spec.width_mm * MM, abs=1.5)
    assert h == pytest.approx(spec.height_mm * MM, abs=1.5)
    text = pdf_text(path)
    total = d.sum_money(ln.gross for ln in order.lines)
    assert "鸿运便利店" in text and "送货单" in text
    assert capital_amount(total) in text.replace(" ", "").replace("\n", "")
    assert "Page 3 of 3" in text and "收货人签字" in text
    assert text.count("转下页") == 2 and text.count("承上页") == 2
    # Each page starts with what the pages before it carried.
    first = d.sum_money(ln.gross for ln in order.lines[:spec.lines])
    assert fmt.money(first) in text.split("\f")[1]


def test_a_short_note_is_one_page(qapp: Any, tmp_path: Path) -> None:
    order, shipment = order_and_shipment(2)
    path = tmp_path / "note.pdf"
    write_delivery_note(path, delivery_note_html(order, shipment, products(2), CUSTOMER,
                                                 Formatter(), Paper.FORM_THIRD), Paper.FORM_THIRD)
    assert pdf_pages(path)[0] == 1
    assert "Page 1 of 1" in pdf_text(path)


def _statement() -> StatementView:
    entries = [
        StatementEntry(dt.date(2026, 10, 20), EntryKind.SHIPMENT, "DH00001000", D("500.00")),
        StatementEntry(dt.date(2026, 11, 3), EntryKind.SHIPMENT, "DH00001234", D("1234.56")),
        StatementEntry(dt.date(2026, 11, 9), EntryKind.RETURN, "DH00001234-R1", D("40.68")),
        StatementEntry(dt.date(2026, 11, 28), EntryKind.PAYMENT, "BANK-7781", D("1000.00")),
    ]
    return StatementView(CUSTOMER.id, CUSTOMER.code, CUSTOMER.name, CUSTOMER.name_en,
                         CUSTOMER.address, CUSTOMER.phone, CUSTOMER.payment_terms,
                         build_statement("2026-11", entries))


def test_statement_pdf(qapp: Any, tmp_path: Path) -> None:
    view = _statement()
    assert view.statement.closing == D("693.88")
    path = tmp_path / "statement.pdf"
    write_pdf(path, html_document(statement_html(view, Formatter(), "2026-12-01")))
    pages, (w, h) = pdf_pages(path)
    assert (pages, round(w), round(h)) == (1, 595, 842)  # A4
    text = pdf_text(path)
    flat = text.replace(" ", "").replace("\n", "")
    assert "鸿运便利店" in text and "对账单" in text and "2026-11" in text
    assert capital_amount(D("693.88")) in flat  # 陆佰玖拾叁元捌角捌分
    for ref in ("DH00001234", "DH00001234-R1", "BANK-7781"):
        assert ref in text
    assert "DH00001000" not in text  # October's: only in the opening balance


def _baselines(path: Path) -> list[float]:
    """For each line of the PDF's first page that has a date ("2026/11/3" or "11/3/26") before
    an English word of its row (the statement's "发货 Shipment"): how far that word's baseline
    is below the date's, in points. Both are set in the Latin face, so the foot of their boxes
    (pdftotext -bbox) is their baseline less the same descent."""
    boxes = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(path), "-"],
                           capture_output=True, text=True, check=True).stdout
    words = [(float(x), float(y), w) for x, y, w in re.findall(
        r'xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', boxes)]
    below = []
    for x, y, word in words:
        if re.fullmatch(r"\d+/\d+/\d+", word):
            row = [(x2, y2) for x2, y2, w in words if x2 > x and abs(y2 - y) < 6 and
                   w in ("Opening", "Shipment", "Payment", "Return")]
            below += [round(y2 - y, 2) for _x, y2 in row[:1]]
    return below


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_rows_cells_share_one_baseline(qapp: Any, tmp_path: Path, lang: str) -> None:
    """The cells of a row with Chinese in them ("发货 Shipment") stand on the baseline of those
    with Latin letters and digits only ("2026/11/3"): the Latin face has the Chinese face's
    ascent (packaging/make_font_subset.py). Before, a line with a hanzi was set 0.23 em lower:
    2.2 pt at the statement's 9.5 pt."""
    from desktop.i18n import install_language

    install_language(lang)
    try:
        path = tmp_path / "statement.pdf"
        write_pdf(path, html_document(statement_html(_statement(), Formatter(), "2026-12-01")))
    finally:
        install_language("en")
    below = _baselines(path)
    assert len(below) == 4  # the opening balance, a shipment, a return credit, a payment
    assert below == [0.0] * 4


def test_the_printer_settings_are_kept(qapp: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from desktop.settings import Settings
    from desktop.views.settings_dialog import SettingsDialog

    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert (settings.delivery_paper, settings.delivery_copies) == ("a4", 1)
    dialog = SettingsDialog(settings, "en")
    dialog.paper.setCurrentIndex(dialog.paper.findData(str(Paper.FORM_THIRD)))
    dialog.copies.setValue(3)
    dialog.apply()
    settings.sync()
    again = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert (again.delivery_paper, again.delivery_copies) == ("241x93", 3)
    again.set_value("print/delivery_copies", "lots")  # a hand-edited file
    assert again.delivery_copies == 1
    again.delivery_copies = 99
    assert again.delivery_copies == 6
