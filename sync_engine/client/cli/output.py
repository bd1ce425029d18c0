"""How ``dinghuo-cli`` shows things: tables with a header (``rich``: Chinese text is measured by
its width on screen, so columns line up), money always as ``¥1,234.56``, quantities with their
unit, statuses in words; ``--json`` for scripts.

Tables go to standard output. On a terminal they fit its width; into a pipe or a file they keep
their natural width (no wrapping at 80 columns; ``$COLUMNS`` sets one) and carry no colour.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..values import ProductView

__all__ = [
    "Column",
    "console",
    "money",
    "percent",
    "print_fields",
    "print_json",
    "print_table",
    "quantity",
    "status_words",
    "to_json",
    "unit_price",
]

CENT = Decimal("0.01")

# An order's sync state, in words (see OrderView.sync_state).
SYNC_WORDS = {
    "local": "on this device only",
    "pending": "waiting to be sent",
    "attention": "needs your decision",
    "synced": "sent",
}


def console() -> Console:
    """A console on the current standard output (tests replace it): a terminal's width, else
    ``$COLUMNS``, else wide enough for any row."""
    out = sys.stdout
    terminal = out.isatty()
    columns = os.environ.get("COLUMNS", "")
    width = None if terminal else int(columns) if columns.isdigit() else 400
    return Console(file=out, width=width, highlight=False, markup=False, emoji=False,
                   soft_wrap=not terminal)


def money(amount: Decimal | None) -> str:
    """An amount in yuan, rounded half up to the cent: ``¥1,234.56``, ``-¥3.00``."""
    if amount is None:
        return "—"
    rounded = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    return f"{sign}¥{abs(rounded):,.2f}"


def unit_price(price: Decimal) -> str:
    """A unit price as :func:`money`, but with its sub-cent digits when it has them (a price
    of 0.0850 a piece is not "¥0.09")."""
    if price == price.quantize(CENT):
        return money(price)
    sign = "-" if price < 0 else ""
    return f"{sign}¥{abs(price.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP)):,.4f}"


def percent(rate: Decimal) -> str:
    """A tax rate such as 0.13 as ``13%``."""
    return f"{(rate * 100).normalize():f}%"


def quantity(units: int, product: ProductView | None) -> str:
    """``48 瓶 (4 箱)``: units with the product's unit, and whole cases when they make some."""
    if product is None:
        return str(units)
    text = f"{units:,} {product.unit}".rstrip()
    if product.case_qty > 1 and units and units % product.case_qty == 0:
        text += f" ({units // product.case_qty:,} {product.case_unit})"
    return text


def status_words(status: str) -> str:
    """An order status code in words: ``partially_shipped`` → ``partially shipped``."""
    return status.replace("_", " ")


@dataclasses.dataclass(frozen=True)
class Column:
    """A table column: its header and how its cells sit (numbers and money to the right)."""

    header: str
    right: bool = False
    wrap: bool = False  # free text (notes, messages) may wrap; the rest stays on one line


def print_table(columns: Sequence[Column], rows: Iterable[Sequence[object]], *,
                title: str | None = None) -> int:
    """Print a table with a header; returns the number of rows."""
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False,
                  show_edge=False, header_style="bold")
    for c in columns:
        # On a narrow terminal the free-text columns wrap; the others keep their header whole.
        table.add_column(c.header, justify="right" if c.right else "left",
                         no_wrap=not c.wrap, overflow="fold",
                         min_width=None if c.wrap else cell_len(c.header))
    count = 0
    for row in rows:
        table.add_row(*(Text(str(value)) for value in row))
        count += 1
    out = console()
    with out.capture() as captured:
        out.print(table)
    # Without the spaces that pad each line to the table's width (they only get in the way of
    # whoever reads the output with a program).
    sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
    return count


def to_json(value: Any) -> Any:
    """``value`` as plain JSON data: dataclasses as objects, Decimal amounts as exact strings,
    dates as ISO 8601."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def print_fields(fields: Sequence[tuple[str, object]], *, align: bool = False) -> None:
    """Print one ``label: value`` line a field, leaving out those whose value is None;
    ``align``: the values start in one column (after the longest label, shown or not)."""
    width = max(len(label) for label, _ in fields) + 1 if align else 0
    for label, value in fields:
        if value is not None:
            print(f"{label + ':':<{width}} {value}")


def print_json(value: Any) -> None:
    """Print ``value`` (see :func:`to_json`) as indented JSON, Chinese as it is."""
    print(json.dumps(to_json(value), ensure_ascii=False, indent=1))
