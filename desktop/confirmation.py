"""The order confirmation: a bilingual (中文 / English) document to print or save as PDF and
hand or send to the customer. Built as HTML for a QTextDocument, so printing and PDF share it."""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from sync_engine.client.values import CustomerView, OrderView, ProductView

from .i18n import Formatter
from .labels import status_name
from .printing import PAPER_CSS, PreviewDialog, html_document, write_pdf
from .printing import bilingual as _bi

__all__ = ["ConfirmationDialog", "confirmation_document", "confirmation_html",
           "write_pdf"]  # write_pdf lives in .printing; still importable from here

_STATUS_ZH = {"draft": "草稿", "submitted": "已提交", "confirmed": "已确认",
              "partially_shipped": "部分发货", "shipped": "已发货", "closed": "已关闭",
              "cancelled": "已取消", "rejected": "已拒绝"}
_STATUS_EN = {"partially_shipped": "partially shipped"}

_CSS = PAPER_CSS + """
h1 { font-size: 18pt; margin: 0; }
table.lines { margin-top: 10px; }
table.lines td { font-size: 9pt; }
th, td.num { white-space: nowrap; }
.sku { color: #333; font-size: 8.5pt; }
th.product { white-space: normal; }
.total td { font-weight: bold; border-top: 2px solid #333; }
.meta td { padding: 2px 12px 2px 0; vertical-align: top; }
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def confirmation_html(order: OrderView, products: Mapping[int, ProductView],
                      customer: CustomerView | None, fmt: Formatter) -> str:
    """The confirmation as HTML (both languages side by side, money as Decimal)."""
    number = order.number or order.local_number
    rows = []
    for line in order.lines:
        p = products.get(line.product_id)
        # The SKU heads the product's cell rather than taking a column of its own: on A4 the
        # eight number columns leave the names too little room otherwise.
        name = (f"<span class='sku'>{_e(p.sku)}</span><br>{_e(p.name_zh)}"
                f"<br><span class='sub'>{_e(p.name_en)}</span>" if p else _e(line.product_id))
        if line.gift:
            name += f"<br><span class='sub'>赠品 Free · {_e(line.promotion)}</span>"
        # The whole cases under the units, so the quantity column stays narrow in English too.
        quantity = _e(fmt.count(line.quantity, p.unit) if p else fmt.integer(line.quantity))
        if p and (cases := fmt.cases(line.quantity, p)):
            quantity += f"<br><span class='sub'>({_e(cases)})</span>"
        rows.append(
            f"<tr><td>{line.line_no}</td><td>{name}</td>"
            f"<td class='num'>{quantity}</td>"
            f"<td class='num'>{fmt.unit_price(line.unit_price)}</td>"
            f"<td class='num'>{fmt.money(line.net)}</td>"
            f"<td class='num'>{fmt.percent(line.tax_rate)}</td>"
            f"<td class='num'>{fmt.money(line.gross)}</td></tr>")
    status_en = _STATUS_EN.get(order.status, order.status)
    who = ""
    if customer is not None:
        who = (f"<b>{_e(customer.name)}</b><br>{_e(customer.name_en)}<br>{_e(customer.address)}"
               f"<br>{_e(customer.phone)}<br>{_e(customer.code)}")
        terms = f"{_e(customer.payment_terms)}"
    else:
        who = f"<b>{_e(order.customer_name)}</b>"
        terms = ""
    delivery = fmt.date(order.delivery_date) or "—"
    title = f"订单确认 Order Confirmation {_e(number)}"
    return f"""<html><head><title>{title}</title><style>{_CSS}</style></head><body>
<h1>订单确认 · Order Confirmation</h1>
<p class='sub'>订货 Dinghuo</p>
<table class='meta' width='100%'><tr>
<td width='50%'>{_bi('客户', 'Customer')}<br>{who}</td>
<td width='50%'><table class='meta'>
<tr><td>{_bi('订单号', 'Order number')}</td><td><b>{_e(number)}</b></td></tr>
<tr><td>{_bi('本地编号', 'Local number')}</td><td>{_e(order.local_number)}</td></tr>
<tr><td>{_bi('状态', 'Status')}</td>
<td>{_e(_STATUS_ZH.get(order.status, order.status))} / {_e(status_en)}</td></tr>
<tr><td>{_bi('下单时间', 'Ordered')}</td><td>{_e(fmt.timestamp(order.created_at))}</td></tr>
<tr><td>{_bi('要求送货日期', 'Requested delivery')}</td><td>{_e(delivery)}</td></tr>
<tr><td>{_bi('付款条件', 'Payment terms')}</td><td>{terms}</td></tr>
</table></td></tr></table>
<table class='lines' width='100%'>
<thead><tr><th>#</th><th class='product'>{_bi('编码 · 品名', 'SKU · Product')}</th>
<th class='num'>{_bi('数量', 'Quantity')}</th>
<th class='num'>{_bi('单价', 'Unit price')}</th>
<th class='num'>{_bi('金额', 'Net')}</th>
<th class='num'>{_bi('税率', 'Tax rate')}</th>
<th class='num'>{_bi('含税金额', 'Total')}</th></tr></thead>
{''.join(rows)}
<tr class='total'><td colspan='4'>{_bi('合计', 'Totals')}</td>
<td class='num'>{fmt.money(order.net)}</td><td></td>
<td class='num'>{fmt.money(order.gross)}</td></tr>
<tr><td colspan='6' class='num'>{_bi('其中税额', 'of which VAT')}</td>
<td class='num'>{fmt.money(order.tax)}</td></tr>
</table>
{_promotions(order, fmt)}
<p>{_bi('备注', 'Notes')}: {_e(order.notes or '—')}</p>
<p class='sub'>{_basis(order)}</p>
</body></html>"""


_KINDS = {"special_price": "特价 Special price", "buy_get": "买赠 Buy and get",
          "spend_off": "满减 Spend and save", "spend_gift": "满赠 Spend and get"}


def _promotions(order: OrderView, fmt: Formatter) -> str:
    """What each promotion gave, one line each (nothing when none applies)."""
    if not order.promotions:
        return ""
    items = "".join(
        f"<li>{_e(_KINDS.get(a.kind.value, a.kind.value))} {_e(a.code)}: "
        f"优惠 saves {fmt.money(a.saving)}</li>" for a in order.promotions)
    return f"<p>{_bi('促销', 'Promotions')}</p><ul>{items}</ul>"


def _basis(order: OrderView) -> str:
    """Which prices the confirmation shows (含税 / 不含税)."""
    if order.prices_include_tax:
        return ("价格以人民币计，单价含税（价税合计）。 Prices in CNY (RMB); unit prices include "
                "VAT.")
    return ("价格以人民币计，单价不含税，增值税另计。 Prices in CNY (RMB); unit prices exclude "
            "VAT, which is added in the total.")


def confirmation_document(order: OrderView, products: Mapping[int, ProductView],
                          customer: CustomerView | None, fmt: Formatter) -> QTextDocument:
    return html_document(confirmation_html(order, products, customer, fmt))


class ConfirmationDialog(PreviewDialog):
    """A preview with "Print…" and "Save as PDF…"."""

    def __init__(self, order: OrderView, products: Mapping[int, ProductView],
                 customer: CustomerView | None, fmt: Formatter,
                 parent: QWidget | None = None) -> None:
        number = order.number or order.local_number
        super().__init__(confirmation_html(order, products, customer, fmt),
                         "confirmationDialog", f"order-{number}.pdf", parent)
        self.setWindowTitle(self.tr("Order confirmation %1 (%2)").replace("%1", number)
                            .replace("%2", status_name(order.status)))
        self.order = order
