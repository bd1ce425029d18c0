"""User-facing texts for the domain's issue codes, in English and Simplified Chinese.

An ``Issue`` carries a stable ``code`` and JSON-safe ``params``; the text is made from them
only when shown, in the reader's language. So the server can send an issue to a client that
renders it in Chinese, and nobody ever matches on message text.

Placeholders are ``str.format`` fields named after the issue's params. Some params are
displayed specially (see ``render``): order statuses and roles by their localised label,
``Decimal`` as ``money.format_amount`` does (or as the reader's ``money`` function does: a UI
passes its own, so an amount inside a sentence reads like every other amount on its screen),
timestamps as local date and time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from .money import format_amount

__all__ = ["LABELS", "MESSAGES", "MoneyText", "normalize_lang", "render", "render_params"]

MESSAGES: dict[str, dict[str, str]] = {
    # --- the order header -------------------------------------------------------------------
    "customer_unknown": {
        "en": "This customer is not known. Pick a customer from the list, or sync if they are new.",
        "zh": "找不到该客户。请从列表中选择客户；如果是新客户，请先同步。",
    },
    "customer_inactive": {
        "en": "This customer is no longer active. Pick another customer or ask the back office.",
        "zh": "该客户已停用。请选择其他客户，或联系后台。",
    },
    "lines_empty": {
        "en": "Add at least one product to the order.",
        "zh": "请至少添加一个商品。",
    },
    "too_many_lines": {
        "en": "An order can have at most {max_lines} lines; this one has {count}. "
        "Split it into several orders.",
        "zh": "每个订单最多 {max_lines} 行，当前有 {count} 行。请拆分成多个订单。",
    },
    "reason_required": {
        "en": "Say why the order is rejected: the rep and the customer will read it.",
        "zh": "请填写拒绝原因：业务员和客户会看到它。",
    },
    "delivery_date_in_past": {
        "en": "The delivery date {delivery_date} is in the past. Choose {today} or a later date.",
        "zh": "交货日期 {delivery_date} 已过。请选择 {today} 或之后的日期。",
    },
    "credit_limit_exceeded": {
        "en": "This order ({order_total}) plus open orders ({used}) is {over_by} over the "
        "credit limit of {limit}. It will be held for back-office review.",
        "zh": "本订单（{order_total}）加上未完成订单（{used}）超出信用额度 {limit}，"
        "超出 {over_by}。订单将转后台审核。",
    },
    # --- order lines ------------------------------------------------------------------------
    "duplicate_product": {
        "en": "This product is already on line {first_line}. Change the quantity there instead.",
        "zh": "该商品已在第 {first_line} 行。请直接修改那一行的数量。",
    },
    "product_unknown": {
        "en": "Product {product_id} is not in the catalog. Remove this line, or sync the catalog.",
        "zh": "商品目录中没有编号为 {product_id} 的商品。请删除此行，或同步商品目录。",
    },
    "product_inactive": {
        "en": "{sku} has been discontinued. Remove this line.",
        "zh": "商品 {sku} 已停售，请删除此行。",
    },
    "product_not_sellable": {
        "en": "{sku} cannot be ordered at the moment. Remove this line.",
        "zh": "商品 {sku} 暂不可订购，请删除此行。",
    },
    "quantity_not_positive": {
        "en": "Enter a quantity greater than 0.",
        "zh": "请输入大于 0 的数量。",
    },
    "quantity_below_minimum": {
        "en": "Quantity must be at least {min_qty} {unit}.",
        "zh": "数量不能少于 {min_qty} {unit}（起订量）。",
    },
    "quantity_not_multiple_of_pack": {
        "en": "Quantity must be a multiple of {pack_size} {unit} — try {suggestion}.",
        "zh": "数量必须是 {pack_size} {unit} 的倍数，建议 {suggestion}。",
    },
    "price_changed": {
        "en": "The price has changed from {quoted} to {current}. "
        "Confirm the new price with the customer before you submit.",
        "zh": "单价已由 {quoted} 变为 {current}。提交前请与客户确认新价格。",
    },
    "stock_insufficient": {
        "en": "Only {available} {unit} in stock (as of {as_of}); you asked for {requested}. "
        "Lower the quantity, or the order will be held for review.",
        "zh": "库存仅剩 {available} {unit}（截至{as_of}），您订购了 {requested}。"
        "请减少数量，否则订单将转后台审核。",
    },
    # --- the order lifecycle ----------------------------------------------------------------
    "transition_not_allowed": {
        "en": 'The order is "{from}" and cannot be changed to "{to}".',
        "zh": "订单当前为“{from}”，不能改为“{to}”。",
    },
    "role_not_allowed": {
        "en": 'Your role ({role}) cannot change an order from "{from}" to "{to}". '
        "Ask an administrator.",
        "zh": "您的角色（{role}）不能将订单从“{from}”改为“{to}”。请联系管理员。",
    },
    "already_shipped": {
        "en": "Goods on this order have already shipped, so it can no longer be cancelled. "
        "Ask the back office to close it instead.",
        "zh": "该订单已有货物发出，不能再取消。请联系后台关闭订单。",
    },
    # --- shipments --------------------------------------------------------------------------
    "shipment_empty": {
        "en": "Enter the quantity shipped for at least one line.",
        "zh": "请至少为一行填写发货数量。",
    },
    "shipment_quantity_negative": {
        "en": "The shipped quantity cannot be negative ({requested}). Enter 0 or more.",
        "zh": "发货数量不能为负数（{requested}）。请输入 0 或以上的数量。",
    },
    "shipment_unknown_product": {
        "en": "Product {product_id} is not on this order. Remove it from the shipment.",
        "zh": "编号为 {product_id} 的商品不在此订单中，请从发货单中移除。",
    },
    "over_ship": {
        "en": "Only {remaining} left to ship on this line; you entered {requested}. "
        "Lower the quantity.",
        "zh": "此行仅剩 {remaining} 待发，您填写了 {requested}。请减少数量。",
    },
    # --- text and numbers in range ------------------------------------------------------------
    "text_too_long": {
        "en": "This is {length} characters long; at most {max_length} fit here. Shorten it.",
        "zh": "当前 {length} 个字符，此处最多 {max_length} 个字符。请删减。",
    },
    "text_control_char": {
        "en": "Character {position} is an invisible control character ({char}) that cannot be "
        "saved. Remove it.",
        "zh": "第 {position} 个字符是无法保存的不可见控制字符（{char}），请删除。",
    },
    "text_line_break": {
        "en": "This field takes a single line: remove the line break or tab at character "
        "{position} ({char}).",
        "zh": "此处只能填写一行：请删除第 {position} 个字符处的换行或制表符（{char}）。",
    },
    "text_lone_surrogate": {
        "en": "Character {position} is broken ({char}, half of a character). Type the text "
        "again.",
        "zh": "第 {position} 个字符已损坏（{char}，不完整的字符）。请重新输入。",
    },
    "quantity_too_large": {
        "en": "At most {max_qty} units fit on one line; you entered {quantity}.",
        "zh": "每行最多 {max_qty} 个单位，您填写了 {quantity}。",
    },
    "order_total_too_large": {
        "en": "The order's total ({total}) is more than the largest amount that can be recorded "
        "({max_amount}). Split it into several orders.",
        "zh": "订单总额（{total}）超过可记录的最大金额（{max_amount}）。请拆分成多个订单。",
    },
    # --- credit terms (账期) -------------------------------------------------------------------
    "receivables_overdue": {
        "en": "This customer has {overdue} overdue. The order will be held for back-office "
        "review.",
        "zh": "该客户有逾期应收款 {overdue}。订单将转后台审核。",
    },
    "receivables_overdue_blocked": {
        "en": "This customer has {overdue} overdue. No new orders until it is paid: ask the "
        "back office.",
        "zh": "该客户有逾期应收款 {overdue}。付清前不能下新订单，请联系后台。",
    },
    # --- payments received (收款) ------------------------------------------------------------
    "payment_amount_invalid": {
        "en": "Enter the amount received as a number, e.g. 1200.50.",
        "zh": "请输入收款金额（数字），例如 1200.50。",
    },
    "payment_amount_out_of_range": {
        "en": "The amount received must be more than 0 and at most {max_amount}.",
        "zh": "收款金额必须大于 0，且不超过 {max_amount}。",
    },
    "payment_amount_cents": {
        "en": "An amount has at most two decimals (fen).",
        "zh": "金额最多两位小数（分）。",
    },
    "payment_ref_required": {
        "en": "Enter the payment's reference: the bank slip or receipt number.",
        "zh": "请填写收款凭证号：银行回单号或收据号。",
    },
    "payment_ref_duplicate": {
        "en": "{ref} is already on this customer's account.",
        "zh": "{ref} 已记入该客户的账户。",
    },
    "payment_date_future": {
        "en": "The payment date {date} is after today ({today}).",
        "zh": "收款日期 {date} 晚于今天（{today}）。",
    },
    "payment_date_invalid": {
        "en": "Enter the date the money was received (YYYY-MM-DD).",
        "zh": "请填写收款日期（YYYY-MM-DD）。",
    },
    # --- returns (退货) -------------------------------------------------------------------------
    "return_empty": {
        "en": "Enter at least one quantity to return.",
        "zh": "请至少填写一个退货数量。",
    },
    "return_not_shipped": {
        "en": "This product was not shipped on this order, so it cannot be returned.",
        "zh": "该商品未在此订单中发货，无法退货。",
    },
    "return_quantity_negative": {
        "en": "A returned quantity cannot be negative.",
        "zh": "退货数量不能为负数。",
    },
    "over_return": {
        "en": "At most {returnable} can be returned (shipped and not yet returned); you entered "
        "{requested}.",
        "zh": "最多可退 {returnable}（已发货且未退），您填写了 {requested}。",
    },
    "return_reason_required": {
        "en": "Say why the return is refused: the rep and the customer will read it.",
        "zh": "请填写拒绝退货的原因：业务员和客户会看到它。",
    },
    "return_reason_unknown": {
        "en": "Choose why the goods come back: damaged, expired, wrong goods or unsold.",
        "zh": "请选择退货原因：破损、过期、错发或滞销。",
    },
    "return_role_not_allowed": {
        "en": "Your role ({role}) cannot do this with a return ({action}). Ask an "
        "administrator.",
        "zh": "您的角色（{role}）不能对退货单执行此操作（{action}）。请联系管理员。",
    },
    "receipt_empty": {
        "en": "Enter at least one received quantity.",
        "zh": "请至少填写一个收货数量。",
    },
    "receipt_unknown_product": {
        "en": "This product is not on the return.",
        "zh": "该商品不在此退货单中。",
    },
    "receipt_quantity_negative": {
        "en": "A received quantity cannot be negative.",
        "zh": "收货数量不能为负数。",
    },
    "over_receive": {
        "en": "Only {outstanding} are still expected on this return; you entered {requested}.",
        "zh": "此退货单仅剩 {outstanding} 待收，您填写了 {requested}。",
    },
}

# Words used inside messages: status and role names, and stand-ins for missing values.
LABELS: dict[str, dict[str, str]] = {
    "status.draft": {"en": "draft", "zh": "草稿"},
    "status.submitted": {"en": "submitted", "zh": "已提交"},
    "status.confirmed": {"en": "confirmed", "zh": "已确认"},
    "status.partially_shipped": {"en": "partially shipped", "zh": "部分发货"},
    "status.shipped": {"en": "shipped", "zh": "已发货"},
    "status.closed": {"en": "closed", "zh": "已关闭"},
    "status.cancelled": {"en": "cancelled", "zh": "已取消"},
    "status.rejected": {"en": "rejected", "zh": "已拒绝"},
    "status.requested": {"en": "requested", "zh": "待审核"},
    "status.approved": {"en": "approved", "zh": "已批准"},
    "status.refused": {"en": "refused", "zh": "已拒绝"},
    "status.partially_received": {"en": "partially received", "zh": "部分收货"},
    "status.received": {"en": "received", "zh": "已收货"},
    "return_reason.damaged": {"en": "damaged", "zh": "破损"},
    "return_reason.expired": {"en": "expired", "zh": "过期"},
    "return_reason.wrong_goods": {"en": "wrong goods", "zh": "错发"},
    "return_reason.unsold": {"en": "unsold", "zh": "滞销"},
    "role.sales_rep": {"en": "sales rep", "zh": "销售代表"},
    "role.warehouse_clerk": {"en": "warehouse clerk", "zh": "仓库管理员"},
    "role.store_owner": {"en": "store owner", "zh": "店主"},
    "role.admin": {"en": "administrator", "zh": "管理员"},
    "role.system": {"en": "system", "zh": "系统"},
    "as_of.unknown": {"en": "the last sync", "zh": "上次同步"},
}

# Params whose values are looked up in LABELS under this prefix.
_LABELLED_PARAMS = {"from": "status", "to": "status", "status": "status", "role": "role"}


def normalize_lang(lang: str) -> str:
    """The catalogue's language key for ``lang``: "zh_CN", "zh-Hans" → "zh"; "en_US" → "en"."""
    return lang.replace("-", "_").split("_", 1)[0].lower()


def _lookup(table: dict[str, dict[str, str]], key: str, lang: str) -> str | None:
    texts = table.get(key)
    if texts is None:
        return None
    return texts.get(normalize_lang(lang)) or texts.get("en")


MoneyText = Callable[[Decimal], str]


def _display(name: str, value: object, lang: str, money: MoneyText) -> str:
    """How one param appears inside a sentence."""
    if isinstance(value, Enum):
        value = value.value
    prefix = _LABELLED_PARAMS.get(name)
    if prefix is not None and isinstance(value, str):
        return _lookup(LABELS, f"{prefix}.{value}", lang) or value
    if name == "as_of":
        if value is None:
            return _lookup(LABELS, "as_of.unknown", lang) or ""
        if isinstance(value, str):
            # A timestamp that travelled as JSON comes back as ISO text.
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                return str(value)
    if isinstance(value, datetime):
        # Aware times are shown in the local time of whoever reads the message.
        shown = value.astimezone() if value.tzinfo is not None else value
        return shown.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return money(value)
    return str(value)


class _Params(dict[str, str]):
    # A param a message needs but did not get (e.g. from an older server) is shown as its
    # placeholder rather than crashing the screen that displays it.
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(code: str, lang: str, **params: object) -> str:
    """The message for ``code`` in ``lang``, filled in with ``params``.

    Falls back to English when there is no text in ``lang``, and to the code itself when the
    code is not in the catalogue, so an unknown code is still reported, never hidden.
    """
    return render_params(code, lang, params)


def render_params(code: str, lang: str, params: Mapping[str, object], *,
                  money: MoneyText = format_amount) -> str:
    """Like ``render``, with the params as a mapping (they may then be named "code" or "lang");
    ``money`` writes the ``Decimal`` params (plain "1476.55" unless the caller has its own)."""
    template = _lookup(MESSAGES, code, lang)
    if template is None:
        return code
    shown = _Params({name: _display(name, value, lang, money) for name, value in params.items()})
    return template.format_map(shown)
