"""The pick list: what to take from the shelves for one order or several, to print or save as
PDF. Bilingual like the order confirmation (the warehouse staff and the drivers read both).

For several orders it starts with the totals per product (one walk through the warehouse, in
SKU order), then each order with its lines and tick boxes for packing.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from sync_engine.client.values import CustomerView, ProductView, ShipQueueItem

from .i18n import Formatter
from .printing import PAPER_CSS, PreviewDialog, html_document
from .printing import bilingual as _bi

__all__ = ["PickListDialog", "pick_list_document", "pick_list_html"]

_CSS = PAPER_CSS + """
h1 { font-size: 17pt; margin: 0; }
h2 { font-size: 12pt; margin: 14px 0 2px 0; }
table.lines { margin-top: 6px; }
td.box { font-size: 14pt; text-align: center; }
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _units(units: int, p: ProductView | None, fmt: Formatter) -> str:
    if p is None:
        return fmt.integer(units)
    cases = fmt.cases(units, p)
    text = _e(fmt.count(units, p.unit))
    return text + (f"<br><span class='sub'>= {_e(cases)}</span>" if cases else "")


def _name(p: ProductView | None, product_id: int) -> str:
    if p is None:
        return _e(product_id)
    return f"{_e(p.name_zh)}<br><span class='sub'>{_e(p.name_en)}</span>"


def pick_list_html(items: Sequence[ShipQueueItem], products: Mapping[int, ProductView],
                   customers: Mapping[int, CustomerView], fmt: Formatter,
                   printed_at: str = "") -> str:
    """The pick list of ``items`` as HTML: what remains to ship of each line."""
    parts = [f"<html><head><title>Pick List 拣货单</title><style>{_CSS}</style></head><body>",
             "<h1>拣货单 · Pick List</h1>",
             f"<p class='sub'>订货 Dinghuo · {len(items)} 张订单 / {len(items)} "
             f"{'order' if len(items) == 1 else 'orders'} · {_e(printed_at)}</p>"]
    if len(items) > 1:
        totals: dict[int, int] = {}
        orders_of: dict[int, list[str]] = {}
        for item in items:
            for ln in item.order.lines:
                if ln.remaining:
                    totals[ln.product_id] = totals.get(ln.product_id, 0) + ln.remaining
                    orders_of.setdefault(ln.product_id, []).append(
                        item.order.number or item.order.local_number)
        rows = []
        for pid in sorted(totals, key=lambda i: products[i].sku if i in products else str(i)):
            p = products.get(pid)
            rows.append(f"<tr><td class='box'>☐</td><td>{_e(p.sku if p else pid)}</td>"
                        f"<td>{_e((p.barcode or '') if p else '')}</td><td>{_name(p, pid)}</td>"
                        f"<td class='num'><b>{_units(totals[pid], p, fmt)}</b></td>"
                        f"<td>{_e(', '.join(orders_of[pid]))}</td></tr>")
        parts.append(f"<h2>{_e('合计（按编码）')} · Totals by SKU</h2><table class='lines'>"
                     f"<thead><tr><th></th><th>{_bi('编码', 'SKU')}</th>"
                     f"<th>{_bi('条码', 'Barcode')}</th>"
                     f"<th>{_bi('品名', 'Product')}</th><th class='num'>{_bi('数量', 'Quantity')}"
                     f"</th><th>{_bi('订单', 'Orders')}</th></tr></thead>{''.join(rows)}</table>")
    for item in items:
        order = item.order
        c = customers.get(order.customer_id)
        who = (f"{_e(c.code)} {_e(c.name)} · {_e(c.name_en)}<br>{_e(c.address)} · {_e(c.phone)}"
               if c else _e(order.customer_name))
        rows = []
        for ln in order.lines:
            if not ln.remaining:
                continue
            p = products.get(ln.product_id)
            partly = (f"<br><span class='sub'>已发 shipped {fmt.integer(ln.shipped_qty)} / "
                      f"{fmt.integer(ln.quantity)}</span>" if ln.shipped_qty else "")
            rows.append(f"<tr><td class='box'>☐</td><td>{_e(p.sku if p else ln.product_id)}</td>"
                        f"<td>{_e((p.barcode or '') if p else '')}</td>"
                        f"<td>{_name(p, ln.product_id)}</td>"
                        f"<td class='num'><b>{_units(ln.remaining, p, fmt)}</b>{partly}</td></tr>")
        delivery = fmt.date(order.delivery_date) or "—"
        parts.append(
            f"<h2>{_e(order.number or order.local_number)} — {who}</h2>"
            f"<p class='sub'>要求送货 Requested delivery: {_e(delivery)} · "
            f"备注 Notes: {_e(order.notes or '—')}</p>"
            f"<table class='lines'><thead><tr><th></th><th>{_bi('编码', 'SKU')}</th>"
            f"<th>{_bi('条码', 'Barcode')}</th><th>{_bi('品名', 'Product')}</th>"
            f"<th class='num'>{_bi('待拣数量', 'To pick')}</th></tr></thead>{''.join(rows)}"
            "</table>")
    parts.append("<p class='sub'>拣货人 Picked by: ____________ 复核 Checked by: ____________</p>"
                 "</body></html>")
    return "".join(parts)


def pick_list_document(items: Sequence[ShipQueueItem], products: Mapping[int, ProductView],
                       customers: Mapping[int, CustomerView], fmt: Formatter,
                       printed_at: str = "") -> QTextDocument:
    return html_document(pick_list_html(items, products, customers, fmt, printed_at))


class PickListDialog(PreviewDialog):
    """A preview with "Print…" and "Save as PDF…"."""

    def __init__(self, html_text: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(html_text, "pickListDialog", f"pick-list-{name}.pdf", parent)
        self.setWindowTitle(self.tr("Pick list %1").replace("%1", name))
        self.name = name
