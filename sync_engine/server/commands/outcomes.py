"""What a mutation answers: the outcomes other than "applied" (conflict and rejected), their
texts, and the answers (``MutationResult``) built from them.

Handlers raise :class:`Conflict` or :class:`Rejected`; the business changes are then undone, and
the outcome is stored under the idempotency key and answered (:mod:`.apply`, :mod:`.submit`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sync_engine.domain import Issue
from sync_engine.domain.messages import LABELS, MESSAGES, render
from sync_engine.protocol import Mutation, MutationResult, field_error

# Reasons a human must decide on, in both languages. Domain codes come from the domain catalogue.
REASONS: dict[str, dict[str, str]] = {
    "version_mismatch": {
        "en": "Someone else changed this order since you last synced. Compare both versions and "
        "decide which to keep.",
        "zh": "自上次同步以来，其他人修改了此订单。请对比两个版本，决定保留哪个。",
    },
    "price_changed": {
        "en": "Prices changed since the customer was quoted. Review the new prices before "
        "submitting again.",
        "zh": "报价后价格已变动。请核对新价格后再提交。",
    },
    "promotion_changed": {
        "en": "The promotions changed since the customer was quoted (one ended or changed, or a "
        "gift is out of stock). Compare both versions before submitting again.",
        "zh": "报价后促销已变动（活动结束或变更，或赠品缺货）。请对比两个版本后再提交。",
    },
    "not_editable": {
        "en": "This order can no longer be changed: it is {status}.",
        "zh": "此订单已无法修改：当前状态为{status}。",
    },
    "already_shipped": {
        "en": "Goods for this order have already been shipped; it can no longer be cancelled.",
        "zh": "此订单已有货物发出，无法取消。",
    },
    "order_cancelled": {
        "en": "This order was cancelled meanwhile; nothing was shipped.",
        "zh": "此订单已被取消，未做发货。",
    },
    "not_confirmed": {
        "en": "This order is not confirmed for shipping (it is {status}).",
        "zh": "此订单尚未确认发货（当前状态：{status}）。",
    },
    "status_changed": {
        "en": "This order is {status} now, so this action no longer applies.",
        "zh": "此订单当前为{status}，此操作已不适用。",
    },
    "insufficient_stock": {
        "en": "Not enough stock to reserve this order. Reduce the quantities or wait for stock.",
        "zh": "库存不足，无法预留此订单。请减少数量或等待到货。",
    },
    "order_exists": {
        "en": "An order with this id already exists on the server.",
        "zh": "服务器上已存在相同编号的订单。",
    },
    "shipment_exists": {
        "en": "This shipment was already recorded.",
        "zh": "此发货记录已存在。",
    },
    "return_exists": {
        "en": "This return was already recorded.",
        "zh": "此退货单已存在。",
    },
    "return_exceeds_returnable": {
        "en": "Some of these goods were asked back by another return meanwhile. Check what can "
        "still be returned and change the quantities.",
        "zh": "部分商品已被另一张退货单申请退回。请核对仍可退的数量后修改。",
    },
    "return_decided": {
        "en": "This return was already decided (it is {status}).",
        "zh": "此退货单已处理（当前状态：{status}）。",
    },
    "return_not_approved": {
        "en": "This return is not approved for receipt (it is {status}).",
        "zh": "此退货单未获批准，不能收货（当前状态：{status}）。",
    },
    "return_unknown": {
        "en": "This return does not exist or is not yours.",
        "zh": "退货单不存在，或不属于您。",
    },
    "forbidden": {
        "en": "Your role or assignments do not allow this.",
        "zh": "您的角色或分配范围不允许此操作。",
    },
    "invalid": {
        "en": "Some fields are not valid; see the field errors.",
        "zh": "部分字段无效，请查看字段错误。",
    },
    "unknown_kind": {
        "en": "This kind of change is not known to the server. Update the app.",
        "zh": "服务器不识别此类更改。请更新应用。",
    },
    "order_unknown": {
        "en": "This order does not exist or is not yours.",
        "zh": "订单不存在，或不属于您。",
    },
    "customer_unknown": {
        "en": "This customer does not exist or is not yours.",
        "zh": "客户不存在，或不属于您。",
    },
    "product_unknown": {
        "en": "This product does not exist.",
        "zh": "商品不存在。",
    },
    "internal_error": {
        "en": "The server failed to apply this change (an error on its side, request "
        "{request_id}); nothing of it was saved. Edit it and send it again, or discard it. "
        "If it happens again, give your administrator the request id.",
        "zh": "服务器未能执行此更改（服务器端错误，请求编号 {request_id}），此更改未保存任何内容。"
        "请修改后重新提交，或放弃此更改。如再次出现，请把请求编号告诉管理员。",
    },
    "base_version_required": {
        "en": "This change must say which version of the order it was made on.",
        "zh": "此更改必须注明基于订单的哪个版本。",
    },
}


def reason_text(code: str, lang: str, **params: object) -> str:
    """The sentence for a conflict or rejection reason in ``lang`` ("en" or "zh")."""
    table = REASONS.get(code)
    if table is None:
        return render(code, lang, **params) if code in MESSAGES else code
    shown = {
        name: (LABELS.get(f"status.{value}", {}).get(lang) or value) if name == "status" else value
        for name, value in params.items()
    }
    try:
        return table.get(lang, table["en"]).format(**shown)
    except (KeyError, IndexError):
        return table["en"]


class Outcome(Exception):
    """Not applied; carries what to answer."""

    status = ""

    def __init__(
        self,
        reason: str,
        *,
        server: dict[str, Any] | None = None,
        details: dict[str, Any] | None = None,
        errors: Iterable[Issue] = (),
        **params: object,
    ):
        super().__init__(reason)
        self.reason = reason
        self.server = server
        self.details = details or {}
        self.errors = [e.to_dict() for e in errors]
        self.message = reason_text(reason, "en", **params)
        self.message_zh = reason_text(reason, "zh", **params)


class Conflict(Outcome):
    """A human must decide: the answer carries the server's state and the reason."""

    status = "conflict"


class Rejected(Outcome):
    """The mutation can never apply as sent: field-level errors say why."""

    status = "rejected"


def field_issue(field: str, code: str, **params: object) -> Issue:
    return Issue(field=field, code=code, params=params)


# ---------------------------------------------------------------- answers


def answer(m: Mutation, status: str, **fields: Any) -> MutationResult:
    """The answer to ``m``."""
    return MutationResult(key=m.key, kind=m.kind, status=status, **fields)


def outcome_answer(m: Mutation, o: Outcome) -> MutationResult:
    """The answer to ``m`` that did not apply, for the reason ``o`` gives."""
    return answer(m, o.status, reason=o.reason, message=o.message, message_zh=o.message_zh,
                  server=o.server, details=o.details, errors=o.errors)


def rejected_answer(m: Mutation, reason: str, errors: list[dict[str, Any]]) -> MutationResult:
    return answer(m, "rejected", reason=reason, message=reason_text(reason, "en"),
                  message_zh=reason_text(reason, "zh"), errors=errors)


Args = TypeVar("Args", bound=BaseModel)


def parsed_args(m: Mutation, model: type[Args]) -> Args | MutationResult:
    """``m``'s arguments as ``model``, or the ``invalid`` answer saying what is wrong with them."""
    try:
        return model.model_validate(m.args)
    except ValidationError as exc:
        return invalid_args_answer(m, exc)


def invalid_args_answer(m: Mutation, exc: ValidationError) -> MutationResult:
    """``invalid``, with a field error for each thing wrong with ``m``'s arguments (a domain
    code, such as the text rule's, keeps its code, params and both languages' messages)."""
    errors = []
    for err in exc.errors(include_url=False):
        path = "".join(
            f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p))
            for i, p in enumerate(err["loc"])
        )
        errors.append(field_error(path or "args", err))
    return rejected_answer(m, "invalid", errors)


def replayed_answer(stored: dict[str, Any]) -> MutationResult:
    """A stored answer, answered again to a key seen before."""
    return MutationResult.model_validate({**stored, "replayed": True})
