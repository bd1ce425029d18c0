"""The delivery note (送货单) of one shipment: bilingual, printed on continuous multi-part forms
for dot-matrix printers (241 mm wide, ½ or ⅓ of 11 in high: 二联/三联 paper) or on A4.

Each page is laid out here, not by the text engine: a form holds a fixed number of lines, so a
long shipment runs over several pages, each with "page x of y", the amount carried from the
page before and carried to the next. The last page has the total in figures and in capital
numerals (大写金额) and the receiver's signature box (收货人签字). Which paper, and how many copies
to print, are the app's printer settings (:class:`desktop.settings.Settings`).
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageSize, QTextDocument

from sync_engine import domain as d
from sync_engine.client.values import CustomerView, OrderView, ProductView, ShipmentView
from sync_engine.domain.numerals import capital_amount
from sync_engine.domain.shipping import shipped_amounts

from .i18n import Formatter
from .printing import PAPER_FONTS, html_document, write_form_pdf

__all__ = ["PAPERS", "Paper", "PaperSpec", "delivery_note_html", "write_delivery_note"]


class Paper(StrEnum):
    A4 = "a4"
    FORM_HALF = "241x140"  # 241 mm × 5.5 in: 二联/三联 continuous paper, two notes per 11 in
    FORM_THIRD = "241x93"  # 241 mm × 11/3 in: three to the 11 in


@dataclasses.dataclass(frozen=True)
class PaperSpec:
    width_mm: float
    height_mm: float
    lines: int  # lines of goods a page holds
    margin_mm: float
    font_pt: float
    label: str  # in the settings' list (both languages: the form's names are Chinese)

    def page_size(self) -> QPageSize:
        if (self.width_mm, self.height_mm) == (210, 297):
            return QPageSize(QPageSize.PageSizeId.A4)
        return QPageSize(QSizeF(self.width_mm, self.height_mm), QPageSize.Unit.Millimeter,
                         f"{self.width_mm:g}x{self.height_mm:g}mm",
                         QPageSize.SizeMatchPolicy.ExactMatch)


PAPERS: dict[Paper, PaperSpec] = {
    Paper.A4: PaperSpec(210, 297, 26, 12, 9.5, "A4"),
    Paper.FORM_HALF: PaperSpec(241, 139.7, 8, 6, 8.5, "241 × 140 mm (½ × 11 in) 二等分"),
    Paper.FORM_THIRD: PaperSpec(241, 93.1, 3, 5, 7.5, "241 × 93 mm (⅓ × 11 in) 三等分"),
}

# The printed documents' one list of typefaces (see printing.PAPER_FONTS).
CSS = """
body { font-family: """ + PAPER_FONTS + """;
       font-size: %(font)spt; color: #000; }
.title { font-size: %(title)spt; font-weight: bold; }
.sub { color: #444; }
table.head td { padding: 0 8px 0 0; vertical-align: top; }
table.lines { border-collapse: collapse; width: 100%%; }
table.lines th { border-top: 1px solid #000; border-bottom: 1px solid #000; padding: 1px 3px;
                 text-align: left; font-weight: normal; }
table.lines td { border-bottom: 1px dotted #888; padding: 1px 3px; }
th.num, td.num { text-align: right; white-space: nowrap; }
tr.carry td { border-bottom: none; color: #333; }
tr.total td { border-top: 1px solid #000; border-bottom: 1px solid #000; font-weight: bold; }
table.sign td { border: 1px solid #000; padding: 2px 4px; }
"""


def _e(text: object) -> str:
    return html.escape(str(text))


@dataclasses.dataclass(frozen=True)
class _Line:
    no: int
    sku: str
    name: str
    units: str
    cases: str
    price: str
    amount: Decimal


def _lines(order: OrderView, shipment: ShipmentView, products: Mapping[int, ProductView],
           fmt: Formatter) -> list[_Line]:
    rules = [d.OrderLine(ln.product_id, ln.quantity, ln.unit_price, ln.tax_rate,
                         tax_included=ln.tax_included, gift=ln.gift) for ln in order.lines]
    shipped: dict[int, int] = {}
    for pid, units in shipment.lines:
        shipped[pid] = shipped.get(pid, 0) + units
    amounts = shipped_amounts(rules, shipped)
    price_of = {ln.product_id: ln for ln in order.lines if not ln.gift}
    out = []
    for no, (pid, units) in enumerate(sorted(shipped.items(), key=lambda kv: (
            products[kv[0]].sku if kv[0] in products else str(kv[0]))), start=1):
        p = products.get(pid)
        line = price_of.get(pid)
        price = d.inclusive_price(line.unit_price, line.tax_rate) if line and \
            not line.tax_included else (line.unit_price if line else d.ZERO)
        out.append(_Line(
            no, p.sku if p else str(pid),
            f"{p.name_zh} {p.name_en}" if p else str(pid),
            fmt.count(units, p.unit) if p else fmt.integer(units),
            fmt.cases(units, p) if p else "",
            fmt.unit_price(price), amounts[pid]))
    return out


def delivery_note_html(order: OrderView, shipment: ShipmentView,
                       products: Mapping[int, ProductView], customer: CustomerView | None,
                       fmt: Formatter, paper: Paper = Paper.A4, printed_at: str = "") -> str:
    """The note as HTML, one block per page of ``paper`` (prices tax included)."""
    spec = PAPERS[paper]
    lines = _lines(order, shipment, products, fmt.with_data_units())  # the form's own words
    pages: list[Sequence[_Line]] = [lines[i:i + spec.lines]
                                    for i in range(0, max(len(lines), 1), spec.lines)]
    number = order.number or order.local_number
    note_no = f"{number}-{shipment.id[:4].upper()}"
    who = (f"{_e(customer.code)} {_e(customer.name)} · {_e(customer.name_en)}"
           if customer else _e(order.customer_name))
    where = (f"{_e(customer.address)} · ☎ {_e(customer.phone)}" if customer else "")
    shipped_at = fmt.timestamp(shipment.shipped_at) if shipment.shipped_at else printed_at
    total = d.sum_money(ln.amount for ln in lines)
    css = CSS % {"font": spec.font_pt, "title": spec.font_pt + 4}
    parts = [f"<html><head><title>Delivery Note 送货单 {_e(note_no)}</title>"
             f"<style>{css}</style></head><body>"]
    carried = d.ZERO
    for index, page in enumerate(pages, start=1):
        brk = " style='page-break-before: always'" if index > 1 else ""
        parts.append(
            f"<table class='head' width='100%'{brk}><tr>"
            f"<td><span class='title'>送货单 Delivery Note</span></td>"
            f"<td>单号 No. <b>{_e(note_no)}</b></td>"
            f"<td>订单 Order {_e(number)}</td>"
            f"<td align='right'>第 {index} 页 / 共 {len(pages)} 页<br>"
            f"<span class='sub'>Page {index} of {len(pages)}</span></td></tr>"
            f"<tr><td colspan='2'>客户 Customer: <b>{who}</b></td>"
            f"<td colspan='2'>发货日期 Shipped: {_e(shipped_at)}</td></tr>"
            f"<tr><td colspan='4'>送货地址 Address: {where}</td></tr></table>")
        rows = [
            "<table class='lines' width='100%'><tr><th>#</th><th>编码 SKU</th><th>品名 Product</th>"
            "<th class='num'>数量 Qty</th><th class='num'>箱数 Cases</th>"
            "<th class='num'>含税单价 Price</th><th class='num'>金额 Amount</th></tr>"]
        if index > 1:
            rows.append(f"<tr class='carry'><td colspan='6'>承上页 Brought forward</td>"
                        f"<td class='num'>{_e(fmt.money(carried))}</td></tr>")
        for ln in page:
            rows.append(f"<tr><td>{ln.no}</td><td>{_e(ln.sku)}</td><td>{_e(ln.name)}</td>"
                        f"<td class='num'>{_e(ln.units)}</td><td class='num'>{_e(ln.cases)}"
                        f"</td><td class='num'>{_e(ln.price)}</td>"
                        f"<td class='num'>{_e(fmt.money(ln.amount))}</td></tr>")
        carried = d.sum_money([carried, *(ln.amount for ln in page)])
        if index < len(pages):
            rows.append(f"<tr class='carry'><td colspan='6'>转下页 Carried forward</td>"
                        f"<td class='num'>{_e(fmt.money(carried))}</td></tr></table>")
            parts.append("".join(rows))
            continue
        rows.append(f"<tr class='total'><td colspan='6'>合计 Total（大写 in words: "
                    f"{_e(capital_amount(total))}）</td>"
                    f"<td class='num'>{_e(fmt.money(total))}</td></tr></table>")
        parts.append("".join(rows))
        parts.append(
            "<table class='sign' width='100%' style='margin-top: 4px'><tr>"
            f"<td width='34%'>大写金额 Amount in words<br><b>{_e(capital_amount(total))}</b></td>"
            "<td width='33%'>送货人 Delivered by<br>&nbsp;</td>"
            "<td width='33%'>收货人签字 Received by (signature)<br>&nbsp;<br>"
            "日期 Date:</td></tr></table>")
    parts.append("</body></html>")
    return "".join(parts)


def delivery_note_document(html_text: str) -> QTextDocument:
    return html_document(html_text)


def write_delivery_note(path: Path, html_text: str, paper: Paper) -> None:
    """The note as a PDF on ``paper``."""
    spec = PAPERS[paper]
    write_form_pdf(path, html_document(html_text), spec.page_size(), spec.margin_mm)
