"""Printed tables break between rows, never inside one: each line of a long order confirmation
or pick list (its SKU, Chinese and English names) is read back from the PDF on one page, every
page with rows starts with the table's header, and in the layout that is printed no row begins
on one page and ends on the next.

Before, Qt moved only the lines that crossed a page's foot: a row's SKU and Chinese name ended
page 2 and its English name began page 3."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop.confirmation import confirmation_document
from desktop.i18n import Formatter, install_language
from desktop.page_breaks import cut_rows, keep_rows_whole
from desktop.picklist import pick_list_document
from desktop.printing import PAPER_CSS, html_document, paged_copy, write_pdf
from sync_engine.client.values import ProductView, ShipQueueItem
from tests.desktop.paper_fixtures import CUSTOMER, order_and_shipment, products
from tests.desktop.test_paperwork import pdf_text

LINES = 60  # five A4 pages of confirmation: four page breaks to land inside rows


@pytest.fixture(params=["en", "zh_CN"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    install_language(request.param)
    try:
        yield request.param
    finally:
        install_language("en")


def _tag(i: int) -> str:
    """Letters naming product ``i`` (digits drawn in the CJK font do not come back from
    pdftotext: see desktop.delivery_note's CSS)."""
    return f"Z{chr(65 + i // 26)}{chr(65 + i % 26)}"


def _products() -> dict[int, ProductView]:
    return {i: dataclasses.replace(p, sku=f"SKU-{_tag(i)}", name_zh=f"矿泉水{_tag(i)}号",
                                   name_en=f"Water {_tag(i)}")
            for i, p in products(LINES).items()}


def _confirmation() -> QTextDocument:
    order, _ = order_and_shipment(LINES)
    return confirmation_document(order, _products(), CUSTOMER, Formatter())


def _pick_list() -> QTextDocument:
    order, _ = order_and_shipment(LINES)
    # Two orders, a third of each line shipped: the totals table, then each order's lines
    # with "shipped x / y" under the quantity (rows of three and four lines).
    first = dataclasses.replace(order, lines=tuple(
        dataclasses.replace(ln, shipped_qty=ln.quantity // 3) for ln in order.lines))
    second = dataclasses.replace(first, id="o-2", number="DH00001235")
    items = [ShipQueueItem(o, CUSTOMER.code, 0, 0, 0, LINES) for o in (first, second)]
    return pick_list_document(items, _products(), {CUSTOMER.id: CUSTOMER}, Formatter())


DOCUMENTS: dict[str, tuple[Callable[[], QTextDocument], str]] = {
    # the document, and a header cell's text that each of its pages repeats
    "confirmation": (_confirmation, "Unit price"),
    "pick list": (_pick_list, "Barcode"),
}


def _pages(path: Path) -> list[str]:
    return pdf_text(path).split("\f")[:-1]  # pdftotext ends each page with a form feed


def _row(i: int) -> list[re.Pattern[str]]:
    """What a row of product ``i`` shows, in every document: its SKU and both names, one
    line each."""
    tag = _tag(i)
    return [re.compile(rf"SKU-{tag}\b"), re.compile(rf"矿泉水{tag}号"),
            re.compile(rf"Water {tag}\b")]


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_no_row_is_cut_by_a_page_break(qapp: Any, tmp_path: Path, lang: str,
                                       name: str) -> None:
    make, header = DOCUMENTS[name]
    path = tmp_path / f"{name}.pdf"
    write_pdf(path, make())
    pages = _pages(path)
    assert len(pages) >= 4, len(pages)
    for i in range(1, LINES + 1):
        parts = _row(i)
        whole = [n for n, page in enumerate(pages, 1) if all(p.search(page) for p in parts)]
        seen = [n for n, page in enumerate(pages, 1) if any(p.search(page) for p in parts)]
        # The pick list lists each product three times (totals, then each order): each of
        # them whole, on whichever page.
        assert whole and set(seen) == set(whole), (i, seen, whole)
    for n, page in enumerate(pages, 1):
        if re.search(r"SKU-Z", page):
            assert header in page, f"page {n} has rows but no header"


def _a4(tmp_path: Path) -> QPdfWriter:
    writer = QPdfWriter(str(tmp_path / "laid.pdf"))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    return writer


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_the_printed_layout_cuts_no_row(qapp: Any, tmp_path: Path, name: str) -> None:
    """The layout that is printed, row by row: each begins and ends on one page (the pick
    list's "shipped x / y" under a quantity went to the next page alone, which its text
    above cannot show: pdftotext loses the digits)."""
    doc = DOCUMENTS[name][0]()
    writer = _a4(tmp_path)
    before = doc.toHtml()
    laid = paged_copy(doc, writer)
    assert laid.pageCount() >= 4
    assert not [(c.table_no, c.row) for c in cut_rows(laid)]
    assert doc.toHtml() == before  # the preview's document is not the one changed


def test_a_short_document_is_not_touched(qapp: Any) -> None:
    doc = html_document("<table><thead><tr><th>a</th></tr></thead>"
                        "<tr><td>1<br>2</td></tr></table>")
    doc.setPageSize(QSizeF(400, 600))
    before = doc.toHtml()
    keep_rows_whole(doc)
    assert doc.toHtml() == before


def test_a_header_never_ends_a_page_alone(qapp: Any) -> None:
    """When the first row under a table's header would be cut, the whole table (header and
    row) starts the next page. The text before the table grows a line at a time until a
    layout cuts that row."""
    row = "<tr><td>one<br>two<br>three<br>four</td><td>x</td></tr>"
    for lines in range(10, 60):
        doc = html_document("<p>" + "<br>".join(["text"] * lines) + "</p><table><thead>"
                            "<tr><th>Head</th><th>H2</th></tr></thead>" + row * 3 + "</table>")
        doc.setPageSize(QSizeF(400, 300))
        cut = list(cut_rows(doc))
        if cut and cut[0].row == 1:
            break
    else:
        pytest.fail("no layout cut the first row")
    keep_rows_whole(doc)
    assert not list(cut_rows(doc))
    table = cut[0].table
    layout, height = doc.documentLayout(), doc.pageSize().height()
    tops = [layout.blockBoundingRect(table.cellAt(r, 0).firstCursorPosition().block()).top()
            for r in (0, 1)]
    assert tops[0] // height == tops[1] // height == cut[0].span.top // height + 1


def test_a_long_table_is_made_whole_in_one_change(qapp: Any, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The page breaks after the first cut row of a table are foreseen from the rows' heights
    and moved with it: one layout more for the table, not one for each of its pages (a 350-
    line order is 26 pages)."""
    import desktop.page_breaks as page_breaks

    rounds: list[tuple[int, int]] = []
    scan = page_breaks.cut_rows

    def counted(doc: QTextDocument, start: tuple[int, int] = (0, 0)) -> Iterator[Any]:
        rounds.append(start)
        return scan(doc, start)

    monkeypatch.setattr(page_breaks, "cut_rows", counted)
    doc, writer = _confirmation(), _a4(tmp_path)
    laid = paged_copy(doc, writer)
    assert laid.pageCount() >= 4
    assert len(rounds) == 2  # the first cut row and those foreseen; then none left
    assert not list(scan(laid))


# A paragraph that runs onto the next page (an order's long notes, many lines of text) is
# printed a line on a page: Qt drew the last line of page N again at the top of page N + 1,
# and the line that begins page N + 1 at the foot of page N, both clipped out of sight, and
# pdftotext read both lines twice (see desktop.page_breaks.split_paragraphs_at_page_breaks
# and desktop.printing._page_context).

NOTES = 70  # sentences of notes: more than a page of them


def _note(i: int) -> str:
    return f"N{_tag(i)} 请从后门卸货，卸货前电话联系店长王先生 unload at the back door, call first."


def _long_notes() -> str:
    return " ".join(_note(i) for i in range(NOTES))


def _confirmation_with_notes() -> QTextDocument:
    order, _ = order_and_shipment(12)
    order = dataclasses.replace(order, notes=_long_notes())
    return confirmation_document(order, _products(), CUSTOMER, Formatter())


def _pick_list_with_notes() -> QTextDocument:
    order, _ = order_and_shipment(12)
    order = dataclasses.replace(order, notes=_long_notes())
    items = [ShipQueueItem(order, CUSTOMER.code, 0, 0, 0, 12)]
    return pick_list_document(items, _products(), {CUSTOMER.id: CUSTOMER}, Formatter())


def _page(body: str) -> QTextDocument:
    return html_document(f"<html><head><style>{PAPER_CSS}</style></head><body>{body}</body>"
                         "</html>")


def _lines_of_text() -> QTextDocument:
    """One paragraph of short lines (``<br>``), three pages of them."""
    return _page("<p>" + "<br>".join(_note(i)[:30] for i in range(NOTES * 2)) + "</p>")


def _list_items() -> QTextDocument:
    """A list of long items (promotions, say), each more than a page: the part of an item on
    the next page keeps the item's indent and has no bullet."""
    return _page("<ul>" + f"<li>{_long_notes()}</li>" * 2 + "</ul>")


NOTED: dict[str, tuple[Callable[[], QTextDocument], int]] = {
    # the document, and how many times it says each note
    "confirmation": (_confirmation_with_notes, 1),
    "pick list": (_pick_list_with_notes, 1),
    "lines": (_lines_of_text, 1),
    "list": (_list_items, 2),
}


def _words_out_of_sight(path: Path) -> list[tuple[int, float, str]]:
    """The words pdftotext reads outside the text area of an A4 page of :func:`write_pdf`
    (15 mm margins; in the 8 mm strip at its foot, only the page's number "n / N"): words
    written there are clipped away, unseen on paper but read by any PDF reader."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                           text=True, check=True).stdout
    mm, out = 72 / 25.4, []
    for n, page in enumerate(boxes.split("<page ")[1:], 1):
        height = float(re.search(r'height="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
        top, foot = 15 * mm, height - 15 * mm - 8 * mm
        for y_min, y_max, word in re.findall(
                r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', page):
            number = re.fullmatch(r"\d+|/", word) and float(y_min) > foot
            if not number and (float(y_min) < top - 0.5 or float(y_max) > foot + 0.5):
                out.append((n, float(y_min), word))
    return out


@pytest.mark.parametrize("name", list(NOTED))
def test_a_paragraph_line_is_printed_on_one_page(qapp: Any, tmp_path: Path, lang: str,
                                                 name: str) -> None:
    make, times = NOTED[name]
    path = tmp_path / f"{name}.pdf"
    write_pdf(path, make())
    pages = _pages(path)
    tags = [f"N{_tag(i)}" for i in range(NOTES * (2 if name == "lines" else 1))]
    on = {tag: [n for n, page in enumerate(pages, 1)
                for _ in re.finditer(rf"\b{tag}\b", page)] for tag in tags}
    assert {tag: seen for tag, seen in on.items() if len(seen) != times} == {}
    assert len({seen[0] for seen in on.values()}) >= 2  # the paragraph crosses a page break
    assert _words_out_of_sight(path) == []  # none written clipped, above or below a page


@pytest.mark.parametrize("name", list(NOTED))
def test_splitting_a_paragraph_at_a_page_break_moves_no_line(
        qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Each line of the printed layout is where Qt put it before its paragraph was split."""
    import desktop.printing as printing

    def lines(laid: QTextDocument) -> list[tuple[str, float, float]]:
        layout, out = laid.documentLayout(), []
        block = laid.begin()
        while block.isValid():
            at, text = layout.blockBoundingRect(block).topLeft(), block.text()
            for i in range(block.layout().lineCount()):
                line = block.layout().lineAt(i)
                start = line.textStart()
                out.append((text[start:start + line.textLength()].strip(" \u2028"),
                            at.x() + line.x(), at.y() + line.y()))
            block = block.next()
        return out

    doc = NOTED[name][0]()
    split = paged_copy(doc, _a4(tmp_path))
    monkeypatch.setattr(printing, "split_paragraphs_at_page_breaks", lambda _doc: None)
    whole = paged_copy(doc, _a4(tmp_path))
    assert split.blockCount() > whole.blockCount()
    assert lines(split) == lines(whole)
