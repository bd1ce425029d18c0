"""Page breaks that never cut a table row: a row whose lines would fall on two pages moves
whole to the next page, under the table's repeated header; and a line is printed on its own
page only.

Qt lays a paged QTextDocument out line by line: a line that crosses the foot of a page goes to
the next one, and a table row moves down only when the first line of *every* cell crosses it.
A row of several lines (a product's SKU, Chinese and English names; a quantity over its cases)
whose first lines still fit was cut in two: its SKU on one page, its English name on the next.

Qt has no "keep this row together" (CSS ``page-break-inside`` is not read), so
:func:`keep_rows_whole` makes the row above such a row taller, by extra space after the one
line of one of its cells (a line distance, which Qt never pushes to the next page), until the
cut row starts below the point where Qt moves a row to the next page itself. Only the laid-out
copy that is printed is changed (see :func:`desktop.printing.paged_copy`).

A paragraph's lines need no help to stay whole (Qt moves a line that crosses the foot to the
next page), but Qt draws a page of a paragraph from the line *above* it: a paragraph that runs
onto the next page is made two there (:func:`split_paragraphs_at_page_breaks`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import NamedTuple

from PySide6.QtCore import QSizeF
from PySide6.QtGui import (
    QGuiApplication,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

__all__ = ["CutRow", "RowSpan", "cut_rows", "keep_rows_whole", "split_paragraphs_at_page_breaks"]

_DISTANCE = QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value
_LINE_SEPARATOR = "\u2028"  # what <br> is in a QTextDocument


class RowSpan(NamedTuple):
    top: float  # where the row's cells begin (their top padding included), device pixels
    bottom: float  # where the last line of its tallest cell ends


class CutRow(NamedTuple):
    """A row whose lines are on two pages."""

    table_no: int  # the table is the document's table_no-th (from 0)
    table: QTextTable
    row: int
    span: RowSpan


def _tables(doc: QTextDocument) -> Iterator[QTextTable]:
    """The tables of the document's body (a table nested in a cell moves with its row)."""
    for frame in doc.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            yield frame


def _device_scale(doc: QTextDocument) -> float:
    """Device pixels per CSS pixel of the layout's paint device, as Qt scales margins and line
    spacing (by the screen's logical DPI, 96 without a screen)."""
    device = doc.documentLayout().paintDevice()
    if device is None:
        return 1.0
    screen = QGuiApplication.primaryScreen()
    default_dpi = round(screen.logicalDotsPerInchY()) if screen is not None else 96
    return device.logicalDpiY() / default_dpi


def _span(doc: QTextDocument, table: QTextTable, row: int) -> RowSpan | None:
    layout = doc.documentLayout()
    scale = _device_scale(doc)
    top = bottom = None
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        if cell.row() != row or cell.column() != column:
            continue  # a cell spanning from another row or column
        first = layout.blockBoundingRect(cell.firstCursorPosition().block())
        last = layout.blockBoundingRect(cell.lastCursorPosition().block())
        pad = cell.format().toTableCellFormat().topPadding() * scale
        top = first.top() - pad if top is None else min(top, first.top() - pad)
        bottom = last.bottom() if bottom is None else max(bottom, last.bottom())
    return None if top is None or bottom is None else RowSpan(top, bottom)


def _page(y: float, page_height: float) -> int:
    return math.floor(y / page_height)


def cut_rows(doc: QTextDocument, start: tuple[int, int] = (0, 0)) -> Iterator[CutRow]:
    """The table rows that begin on one page and end on another, from table ``start[0]``'s
    row ``start[1]`` on (``doc`` laid out on pages: its page size has a height)."""
    doc.pageCount()  # lays the document out anew after a change
    height = doc.pageSize().height()
    for t, table in enumerate(_tables(doc)):
        if t < start[0]:
            continue
        for row in range(start[1] if t == start[0] else 0, table.rows()):
            span = _span(doc, table, row)
            if span is not None and _page(span.top, height) != _page(span.bottom - 0.5, height):
                yield CutRow(t, table, row, span)


def _next_page_top(doc: QTextDocument, cut: CutRow) -> float:
    """Where a row of ``cut``'s table starts on a page the table runs onto, below its repeated
    header, from the top of that page: where Qt put the first line it pushed from the cut row
    (less the cell's top padding)."""
    height = doc.pageSize().height()
    next_page = (_page(cut.span.top, height) + 1) * height
    layout, scale = doc.documentLayout(), _device_scale(doc)
    tops = []
    for column in range(cut.table.columns()):
        cell = cut.table.cellAt(cut.row, column)
        pad = cell.format().toTableCellFormat().topPadding() * scale
        block, last = cell.firstCursorPosition().block(), cell.lastCursorPosition().block()
        while block.isValid():
            top, lines = layout.blockBoundingRect(block).top(), block.layout()
            tops += [top + lines.lineAt(i).y() - pad for i in range(lines.lineCount())
                     if top + lines.lineAt(i).y() >= next_page]
            if block == last:
                break
            block = block.next()
    return min(tops, default=next_page) - next_page


def _unpaged(doc: QTextDocument) -> QTextDocument:
    """A copy of ``doc`` laid out as one long page: there its rows lie as they do between page
    breaks."""
    plain = doc.clone()
    plain.documentLayout().setPaintDevice(doc.documentLayout().paintDevice())
    plain.setDocumentMargin(doc.documentMargin())
    plain.setPageSize(QSizeF(doc.pageSize().width(), -1))
    plain.pageCount()
    return plain


class _Rows:
    """The rows of one table as :func:`_unpaged` lays them out."""

    def __init__(self, plain: QTextDocument, table_no: int) -> None:
        self.doc = plain
        self.table = list(_tables(plain))[table_no]
        self.spans = [_span(plain, self.table, r) for r in range(self.table.rows())]


def _lengthen(doc: QTextDocument, table: QTextTable, row: int, by: float,
              measured: _Rows | None = None) -> bool:
    """Make ``row`` ``by`` device pixels taller: space after the last line of a cell of one
    line (more lines would spread apart). False when the row has no such cell. The row is
    measured in ``doc``, or in ``measured`` when ``doc``'s layout is not the one to go by."""
    geometry = measured.doc if measured else doc
    geometry_table = measured.table if measured else table
    above = _span(geometry, geometry_table, row)
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        cursor = cell.lastCursorPosition()
        block = cursor.block()
        if cell.column() != column or block != cell.firstCursorPosition().block():
            continue
        if block.layout().lineCount() != 1 or above is None:
            continue
        # The row is as tall as its tallest cell: this one grows past it by ``by``.
        same = geometry_table.cellAt(row, column).lastCursorPosition().block()
        shorter = above.bottom - geometry.documentLayout().blockBoundingRect(same).bottom()
        fmt = cursor.blockFormat()
        distance = fmt.lineHeight() if fmt.lineHeightType() == _DISTANCE else 0.0
        fmt.setLineHeight(distance + (by + shorter) / _device_scale(doc), _DISTANCE)
        cursor.setBlockFormat(fmt)
        return True
    return False


class _Pages(NamedTuple):
    """Where the rows of one table go on the pages it runs onto (device pixels)."""

    height: float
    top: float  # below a page's top, a continued page's first row starts
    foot: float  # above a page's end, Qt moves a row that starts there to the next page
    room: float  # above a page's end, a row to move is made to start


def _pages(doc: QTextDocument, cut: CutRow, rows: _Rows) -> _Pages:
    """Where Qt puts the rows of ``cut``'s table on the pages it runs onto, measured where it
    cut ``cut``: a row to move is made to start half a cell spacing past the point from which
    Qt moves a row to the next page (the margin, cell spacing and border above the page's
    end, which it also leaves above a continued page's header)."""
    top = _next_page_top(doc, cut)
    header_rows = cut.table.format().headerRowCount()
    first, body = rows.spans[0], rows.spans[min(header_rows, len(rows.spans) - 1)]
    header = body.top - first.top if first and body else 0.0
    foot = top - header  # the table's margin, cell spacing and border
    room = foot - cut.table.format().cellSpacing() / 2 * _device_scale(doc)
    return _Pages(doc.pageSize().height(), top, foot, max(room, 0.0))


def _foresee(doc: QTextDocument, cut: CutRow, rows: _Rows, pages: _Pages,
             moved: dict[tuple[int, int], int]) -> None:
    """With ``cut`` moved to the top of the next page: lengthen the rows above the later rows
    of its table that the next page breaks would cut, from the rows' heights without pages
    (one layout for the whole table instead of one a page; a row foreseen wrongly is found
    again by :func:`keep_rows_whole`)."""
    page = _page(cut.span.top, pages.height) + 1
    y = page * pages.height + pages.top
    for row in range(cut.row + 1, cut.table.rows()):
        previous, this = rows.spans[row - 1], rows.spans[row]
        if previous is None or this is None:
            return
        y += this.top - previous.top
        end = (page + 1) * pages.height
        if y + this.bottom - this.top <= end - pages.foot:
            continue  # fits
        if y <= end - pages.foot:  # Qt would cut it
            if not _lengthen(doc, cut.table, row - 1, end - pages.room - y, rows):
                return
            moved[(cut.table.firstPosition(), row)] = 1
        page += 1
        y = page * pages.height + pages.top


def keep_rows_whole(doc: QTextDocument) -> None:
    """Lay ``doc`` (paged) out again until no table row is cut by a page break, as far as it
    can be: a row taller than a page, or under a row with no cell of one line, stays cut.

    The row above a cut row is lengthened so that the cut row starts between the point from
    which Qt moves a row to the next page (the page's foot less the table's margin and cell
    spacing) and the foot itself; the later rows of the table that the next page breaks
    would cut are foreseen and moved in the same change. If Qt still cuts a row, the row
    above it is lengthened to the foot; if even that fails, the row is left as Qt laid it.
    A cut first row (or the first under the header) takes its whole table to the next page,
    so that a header never ends a page alone.
    """
    height = doc.pageSize().height()
    tries: dict[tuple[int, int], int] = {}
    resume = (0, 0)
    plain: QTextDocument | None = None  # the rows' heights, made at the first need
    while True:
        cut = next((c for c in cut_rows(doc, resume)
                    if tries.get((c.table.firstPosition(), c.row), 0) < 2), None)
        if cut is None:
            return
        key = (cut.table.firstPosition(), cut.row)
        attempt = tries.get(key, 0)
        tries[key] = attempt + 1
        resume = (cut.table_no, cut.row)
        fmt = cut.table.format()
        if cut.row <= fmt.headerRowCount():
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            cut.table.setFormat(fmt)
            continue
        rows = pages = None
        if not attempt:
            if plain is None or any(t == key[0] and r > cut.row for t, r in tries):
                plain = _unpaged(doc)  # (again when rows below this one were lengthened)
            rows = _Rows(plain, cut.table_no)
            pages = _pages(doc, cut, rows)
        foot = (_page(cut.span.top, height) + 1) * height
        room = pages.room if pages is not None else 0.0
        edit = QTextCursor(doc)
        edit.beginEditBlock()  # one layout for every row moved, not one a row
        try:
            if not _lengthen(doc, cut.table, cut.row - 1, foot - room - cut.span.top):
                tries[key] = 2  # nothing to lengthen: leave this row
            elif not attempt and rows is not None and pages is not None:
                _foresee(doc, cut, rows, pages, tries)
        finally:
            edit.endEditBlock()


def _page_breaks_in_paragraphs(doc: QTextDocument) -> list[int]:
    """Where a paragraph outside a table runs onto the next page: the position of the first
    character of each line that begins a page while the line before it is on the page above
    (``doc`` laid out on pages)."""
    doc.pageCount()  # lays the document out anew after a change
    height = doc.pageSize().height()
    layout = doc.documentLayout()
    starts = []
    block = doc.begin()
    while block.isValid():
        lines = block.layout()
        if lines.lineCount() > 1 and QTextCursor(block).currentTable() is None:
            top = layout.blockBoundingRect(block).top()
            for i in range(1, lines.lineCount()):
                above, line = lines.lineAt(i - 1), lines.lineAt(i)
                if _page(top + line.y(), height) != _page(top + above.y(), height):
                    starts.append(block.position() + line.textStart())
        block = block.next()
    return starts


def split_paragraphs_at_page_breaks(doc: QTextDocument) -> None:
    """Make each paragraph that runs onto the next page two paragraphs, the second starting
    with the line that begins that page; the lines stay where they were.

    Qt draws a page of a paragraph's lines from the last line that ends *above* the page
    (``QTextLayout::draw`` starts one line early), so the last line of page N was written
    again, clipped, at the top of page N + 1: a PDF reader (pdftotext, copy, search, an ERP
    that reads the PDF) read it on both pages. Split at the break, a paragraph has no line
    above the page it starts on. The second part takes the paragraph's format without its
    space above and first-line indent (its first line is not the paragraph's first), and
    outside the list it continues (no second bullet); the first part has no space below.
    A line separator (``<br>``) the break falls after becomes the paragraph break itself.
    """
    starts = _page_breaks_in_paragraphs(doc)
    if not starts:
        return
    edit = QTextCursor(doc)
    edit.beginEditBlock()  # one layout for every paragraph split
    try:
        for position in reversed(starts):  # from the end: the positions before stay valid
            cursor = QTextCursor(doc)
            cursor.setPosition(position)
            if doc.characterAt(position - 1) == _LINE_SEPARATOR:
                cursor.deletePreviousChar()
            cursor.insertBlock()
            _continue_paragraph(cursor)
    finally:
        edit.endEditBlock()


def _continue_paragraph(cursor: QTextCursor) -> None:
    """Format the paragraph ``cursor`` is in as the rest of the one above it."""
    block = cursor.block()
    items = block.textList()
    if items is not None:
        items.remove(block)  # indented as the list's items, without a bullet of its own
    fmt = cursor.blockFormat()
    fmt.setTopMargin(0)
    fmt.setTextIndent(0)
    cursor.setBlockFormat(fmt)
    above = QTextCursor(block.previous())
    first = above.blockFormat()
    first.setBottomMargin(0)
    above.setBlockFormat(first)
