"""A sequential reference for the submit tests: what each mutation must answer, and what the
database must hold afterwards, worked out from the domain rules alone.

The server decides a run of submits together and commits it once (``commands/submit.py``); its
promise is that every answer and every row is what one transaction per mutation, in push order,
would give. :class:`Reference` is that sequence, written plainly: it reads the seeded catalogue
once, then takes the mutations one at a time, keeping stock, open orders and stored answers in
memory, and judges each with ``sync_engine.domain`` (validation, pricing, totals, roles) — none
of the server's command code. It knows what the tests push (``order.submit``, and
``order.update`` / ``order.cancel`` of orders it made) and refuses anything else.

:func:`answer_summary` and :func:`database_state` put the server's answers and tables into the
same shape as :meth:`Reference.answers` and :meth:`Reference.state`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync_engine import domain as d
from sync_engine.domain import OrderStatus, Role
from sync_engine.protocol import CancelOrderArgs, LineArgs, SubmitOrderArgs, UpdateOrderArgs
from sync_engine.server.commands.outcomes import reason_text
from sync_engine.server.storage import rows as domain_map
from sync_engine.server.storage.models import (
    ChangeLog,
    Customer,
    CustomerPrice,
    EventOutbox,
    MutationRecord,
    Order,
    OrderEvent,
    OrderLine,
    Product,
    Stock,
    SyncCounter,
    User,
)

OPEN = {OrderStatus.SUBMITTED.value, OrderStatus.CONFIRMED.value,
        OrderStatus.PARTIALLY_SHIPPED.value}


def _amount(value: Any) -> Decimal:
    return Decimal(str(value))


@dataclass
class _Order:
    id: str
    seq_no: int
    customer: d.Customer
    status: str
    hold: list[str]
    reserved: bool
    notes: str
    delivery: dt.date | None
    local: str
    created_by: int
    device: str
    lines: list[d.OrderLine]
    version: int = 1
    history: list[tuple[str, int | None, str, str]] = field(default_factory=list)

    @property
    def number(self) -> str:
        return f"DH{self.seq_no:08d}"

    @property
    def totals(self) -> d.OrderTotals:
        return d.order_totals(self.lines)

    def summary(self) -> dict[str, Any]:
        t = self.totals
        return {
            "id": self.id, "number": self.number, "status": self.status,
            "hold_reasons": self.hold, "stock_reserved": self.reserved, "version": self.version,
            "customer_id": self.customer.id, "warehouse_id": self.customer.warehouse_id,
            "notes": self.notes, "delivery_date": self.delivery, "local_number": self.local,
            "created_by": self.created_by, "totals": (t.net, t.tax, t.gross),
            "lines": [(i + 1, ln.product_id, ln.quantity, ln.unit_price, ln.tax_rate, 0, ln.net,
                       d.line_tax(ln.net, ln.tax_rate),
                       d.sum_money((ln.net, d.line_tax(ln.net, ln.tax_rate))))
                      for i, ln in enumerate(self.lines)],
            "history": [(s, u, r) for s, u, _, r in self.history],
        }


class _Outcome(Exception):
    def __init__(self, status: str, reason: str, errors: list[dict[str, Any]],
                 details: dict[str, Any] | None = None, server: _Order | None = None):
        super().__init__(reason)
        self.answer = {"status": status, "reason": reason, "replayed": False,
                       "message": reason_text(reason, "en"),
                       "message_zh": reason_text(reason, "zh"), "errors": errors,
                       "details": details or {},
                       "server": None if server is None else server.summary()}


def _rejected(reason: str, field_name: str, code: str, **params: Any) -> _Outcome:
    return _Outcome("rejected", reason, [d.Issue(field_name, code, params=params).to_dict()])


class Reference:
    """One transaction per mutation, in order, in memory (auto-confirm on)."""

    def __init__(self, engine: Engine):
        with Session(engine) as s:
            self.users = {u.username: u for u in s.scalars(select(User))}
            self.customers = {c.id: domain_map.customer(c) for c in s.scalars(select(Customer))}
            self.products = {p.id: domain_map.product(p) for p in s.scalars(select(Product))}
            self.prices = {(cp.customer_id, cp.product_id): domain_map.customer_price(cp)
                           for cp in s.scalars(select(CustomerPrice))}
            self.stock = {(r.warehouse_id, r.product_id): [r.on_hand, r.reserved, r.version]
                          for r in s.scalars(select(Stock))}
            self.first_seq = int(s.scalar(select(SyncCounter.value)) or 0)
            for u in self.users.values():
                s.expunge(u)
        self.orders: dict[str, _Order] = {}
        self.events: list[tuple[str, int | None, str, str, str]] = []
        self.outbox: list[tuple[str, dict[str, Any]]] = []
        self.log: dict[tuple[str, str], tuple[Any, ...]] = {}  # in the order of last writes
        self.stored: dict[tuple[int, str], tuple[str, str, str, dict[str, Any]]] = {}
        self.answers: list[dict[str, Any]] = []

    # ------------------------------------------------------------ mutations

    def push(self, who: str, device: str, m: dict[str, Any]) -> dict[str, Any]:
        """Apply ``m`` as ``who`` from ``device``; its expected answer (also kept in order)."""
        user = self.users[who]
        key = (user.id, m["key"])
        if key in self.stored:
            answer = {**self.stored[key][3], "replayed": True}
        else:
            kind = m["kind"]
            handler = {"order.submit": self._submit, "order.update": self._update,
                       "order.cancel": self._cancel}[kind]
            try:
                answer = handler(user, device, m)
            except _Outcome as outcome:
                answer = outcome.answer
            self.stored[key] = (device, kind, answer["status"], answer)
        self.answers.append(answer)
        return answer

    def _submit(self, user: User, device: str, m: dict[str, Any]) -> dict[str, Any]:
        try:
            a = SubmitOrderArgs.model_validate(m["args"])
        except ValidationError as exc:
            raise _Outcome("rejected", "invalid", [
                {"field": "".join(f"[{p}]" if isinstance(p, int) else f".{p}"
                                  for p in e["loc"])[1:],
                 "code": f"invalid_{e['type']}", "severity": "error", "params": {},
                 "message": e["msg"], "message_zh": f"字段无效：{e['msg']}"}
                for e in exc.errors()]) from None
        if not d.allowed(OrderStatus.DRAFT, OrderStatus.SUBMITTED, Role(user.role)):
            raise _rejected("forbidden", "customer_id", "forbidden", role=user.role)
        if a.order_id in self.orders:
            order = self.orders[a.order_id]
            if self._may_see(user, order.customer):
                raise _Outcome("conflict", "order_exists", [], server=order)
            raise _rejected("order_unknown", "order_id", "order_unknown")
        customer = self._customer(user, a.customer_id)
        priced, warnings = self._price(customer, a.lines, a.delivery_date, exclude=None)
        order = _Order(a.order_id, len(self.orders) + 1, customer, OrderStatus.SUBMITTED.value,
                       [], False, a.notes, a.delivery_date, a.local_number, user.id, device,
                       priced)
        self.orders[order.id] = order
        self._history(order, OrderStatus.SUBMITTED.value, user.id, device, "")
        self.outbox.append(("order.submitted", {
            "order_id": order.id, "number": order.number, "customer_id": customer.id,
            "total_gross": str(order.totals.gross),
            # The reference seeds no promotions and only tax-exclusive customers.
            "prices_include_tax": False, "promotions": []}))
        details = self._reserve_and_hold(order, warnings)
        self._log_order(order)
        return self._applied(order, details)

    def _update(self, user: User, device: str, m: dict[str, Any]) -> dict[str, Any]:
        a = UpdateOrderArgs.model_validate(m["args"])
        order = self.orders[a.order_id]
        assert self._may_see(user, order.customer) and a.delivery_date is None, "not modelled"
        assert d.allowed(OrderStatus.DRAFT, OrderStatus.SUBMITTED, Role(user.role))
        if m.get("base_version") != order.version:
            raise _Outcome("conflict", "version_mismatch", [], server=order, details={
                "base_version": m.get("base_version"), "version": order.version})
        if order.status != OrderStatus.SUBMITTED.value:
            raise _Outcome("conflict", "not_editable", [], server=order)
        details: dict[str, Any] = {}
        if a.lines is not None:
            priced, warnings = self._price(order.customer, a.lines, None, exclude=order.id)
            self._release(order)
            order.lines = priced
            details = self._reserve_and_hold(order, warnings)
        if a.notes is not None:
            order.notes = a.notes
        order.version += 1
        self._history(order, order.status, user.id, device, "edited")
        self.outbox.append(("order.updated", {"order_id": order.id, "number": order.number}))
        self._log_order(order)
        return self._applied(order, details)

    def _cancel(self, user: User, device: str, m: dict[str, Any]) -> dict[str, Any]:
        a = CancelOrderArgs.model_validate(m["args"])
        order = self.orders[a.order_id]
        assert self._may_see(user, order.customer), "not modelled"
        assert order.status in (OrderStatus.SUBMITTED.value, OrderStatus.CONFIRMED.value)
        self._release(order)
        order.hold = []
        order.status = OrderStatus.CANCELLED.value
        self._history(order, order.status, user.id, device, a.reason)
        order.version += 1
        self.outbox.append(("order.cancelled", {"order_id": order.id, "number": order.number}))
        self._log_order(order)
        return self._applied(order, {})

    # ------------------------------------------------------------ the rules

    def _may_see(self, user: User, customer: d.Customer) -> bool:
        role = Role(user.role)
        return (role is Role.ADMIN
                or (role is Role.SALES_REP and customer.rep_id == user.id)
                or (role is Role.STORE_OWNER and customer.id == user.customer_id))

    def _customer(self, user: User, customer_id: int) -> d.Customer:
        customer = self.customers.get(customer_id)
        if customer is None or not self._may_see(user, customer):
            raise _rejected("customer_unknown", "customer_id", "customer_unknown")
        return customer

    def _price(
        self, customer: d.Customer, lines: list[LineArgs], delivery: dt.date | None,
        exclude: str | None,
    ) -> tuple[list[d.OrderLine], list[d.Issue]]:
        prices = {pid: cp for (cid, pid), cp in self.prices.items() if cid == customer.id}
        open_total = sum((o.totals.gross for o in self.orders.values()
                          if o.customer.id == customer.id and o.status in OPEN
                          and o.id != exclude), Decimal(0))
        issues = d.validate_order(
            customer=customer,
            lines=[d.LineInput(ln.product_id, ln.quantity, ln.unit_price) for ln in lines],
            products=self.products, prices=prices, stock=None, open_orders_total=open_total,
            delivery_date=delivery, today=dt.datetime.now(dt.UTC).date(),
        )
        errors = [i for i in issues if i.is_error and i.code != "price_changed"]
        if errors:
            raise _Outcome("rejected", "invalid", [i.to_dict() for i in errors])
        changed = [i for i in issues if i.code == "price_changed"]
        if changed:
            index = [int(i.field.split("[")[1].split("]")[0]) for i in changed]
            raise _Outcome("conflict", "price_changed", [i.to_dict() for i in changed],
                           details={"lines": [
                               {"field": i.field, "product_id": lines[n].product_id,
                                "quoted": str(i.params["quoted"]),
                                "current": str(i.params["current"])}
                               for i, n in zip(changed, index, strict=True)]})
        priced = [d.price_line(self.products[ln.product_id], prices.get(ln.product_id),
                               ln.quantity) for ln in lines]
        return priced, [i for i in issues if not i.is_error]

    def _reserve_and_hold(self, order: _Order, warnings: list[d.Issue]) -> dict[str, Any]:
        wh = order.customer.warehouse_id
        wanted: dict[int, int] = {}
        for ln in order.lines:
            wanted[ln.product_id] = wanted.get(ln.product_id, 0) + ln.quantity
        short = []
        for pid in sorted(wanted):
            on_hand, held, _ = self.stock.get((wh, pid), [0, 0, 0])
            if max(0, on_hand - held) < wanted[pid]:
                short.append({"product_id": pid, "requested": wanted[pid],
                              "available": max(0, on_hand - held)})
        if not short:
            for pid in sorted(wanted):
                self.stock[(wh, pid)][1] += wanted[pid]
                self._stock_changed(wh, pid)
        order.reserved = not short
        details: dict[str, Any] = {}
        order.hold = []
        if short:
            order.hold.append("stock_short")
            details["stock_short"] = short
        credit = [w for w in warnings if w.code == "credit_limit_exceeded"]
        if credit:
            order.hold.append("credit_exceeded")
            details["credit"] = credit[0].to_dict()["params"]
        details["hold_reasons"] = list(order.hold)
        if not order.hold:
            order.status = OrderStatus.CONFIRMED.value
            self._history(order, order.status, None, "", "auto_confirmed")
            self.outbox.append(("order.confirmed", {"order_id": order.id,
                                                    "number": order.number}))
        return details

    def _release(self, order: _Order) -> None:
        if not order.reserved:
            return
        wh = order.customer.warehouse_id
        remaining: dict[int, int] = {}
        for ln in order.lines:
            remaining[ln.product_id] = remaining.get(ln.product_id, 0) + ln.quantity
        for pid in sorted(remaining):
            row = self.stock[(wh, pid)]
            row[1] = max(0, row[1] - remaining[pid])
            self._stock_changed(wh, pid)
        order.reserved = False

    def _stock_changed(self, wh: int, pid: int) -> None:
        row = self.stock[(wh, pid)]
        row[2] += 1
        self.outbox.append(("stock.changed", {"product_id": pid, "warehouse_id": wh,
                                              "on_hand": row[0], "reserved": row[1]}))
        self.log.pop(("stock", f"{pid}:{wh}"), None)
        self.log[("stock", f"{pid}:{wh}")] = (row[2], "global", None, None,
                                              (row[0], row[1], max(0, row[0] - row[1])))

    def _log_order(self, order: _Order) -> None:
        self.log.pop(("order", order.id), None)
        self.log[("order", order.id)] = (order.version, "customer", order.customer.id,
                                         order.customer.warehouse_id, order.summary())

    def _history(
        self, order: _Order, status: str, user_id: int | None, device: str, reason: str
    ) -> None:
        order.history.append((status, user_id, device, reason))
        self.events.append((order.id, user_id, device, status, reason))

    def _applied(self, order: _Order, details: dict[str, Any]) -> dict[str, Any]:
        return {"status": "applied", "reason": None, "replayed": False, "message": "",
                "message_zh": "", "errors": [], "details": details, "server": None,
                "order": order.summary()}

    # ------------------------------------------------------------ what the database holds

    def state(self) -> dict[str, Any]:
        return {
            "orders": sorted(
                (o.id, o.seq_no, o.number, o.customer.id, o.customer.warehouse_id, o.status,
                 o.hold, o.reserved, o.notes, o.delivery, o.local, o.created_by, o.device,
                 o.totals.net, o.totals.tax, o.totals.gross, o.version)
                for o in self.orders.values()),
            "lines": sorted((o.id, i + 1, ln.product_id, ln.quantity, ln.unit_price,
                             ln.tax_rate, 0)
                            for o in self.orders.values() for i, ln in enumerate(o.lines)),
            "events": self.events,
            "stock": sorted((pid, wh, *row) for (wh, pid), row in self.stock.items()),
            "stored": sorted((uid, key, dev, kind, status)
                             for (uid, key), (dev, kind, status, _) in self.stored.items()),
            "outbox": self.outbox,
            "log": [(entity, entity_id, *row) for (entity, entity_id), row in self.log.items()],
        }


def answer_summary(r: dict[str, Any]) -> dict[str, Any]:
    """A server answer (as JSON) in the shape :meth:`Reference.push` gives."""
    server = r["server"]
    out = {"status": r["status"], "reason": r["reason"], "replayed": r["replayed"],
           "message": r["message"], "message_zh": r["message_zh"], "errors": r["errors"],
           "details": r["details"], "server": None if server is None else _order_summary(server)}
    if r["status"] == "applied":
        out["order"] = _order_summary(r["data"])
        assert r["entity"] == "order"
        assert r["version"] == r["data"]["version"] and r["id"] == r["data"]["id"]
    else:
        assert r["entity"] is r["id"] is r["version"] is r["data"] is None
    return out


def _order_summary(data: dict[str, Any]) -> dict[str, Any]:
    t = data["totals"]
    return {
        "id": data["id"], "number": data["number"], "status": data["status"],
        "hold_reasons": data["hold_reasons"], "stock_reserved": data["stock_reserved"],
        "version": data["version"], "customer_id": data["customer_id"],
        "warehouse_id": data["warehouse_id"], "notes": data["notes"],
        "delivery_date": None if data["delivery_date"] is None
        else dt.date.fromisoformat(data["delivery_date"]),
        "local_number": data["local_number"], "created_by": data["created_by"],
        "totals": (_amount(t["net"]), _amount(t["tax"]), _amount(t["gross"])),
        "lines": [(ln["line_no"], ln["product_id"], ln["quantity"], _amount(ln["unit_price"]),
                   _amount(ln["tax_rate"]), ln["shipped_qty"], _amount(ln["net"]),
                   _amount(ln["tax"]), _amount(ln["gross"])) for ln in data["lines"]],
        "history": [(h["status"], h["user_id"], h["reason"]) for h in data["history"]],
    }


def database_state(engine: Engine, first_seq: int) -> dict[str, Any]:
    """The tables an order command writes, in :meth:`Reference.state`'s shape (the change log
    from ``first_seq`` on); also checks that the counter is the last sequence number."""
    with Session(engine) as s:
        log = list(s.scalars(select(ChangeLog).where(ChangeLog.seq > first_seq)
                             .order_by(ChangeLog.seq)))
        counter = s.scalar(select(SyncCounter.value))
        assert counter == (log[-1].seq if log else first_seq), "the counter is the last seq"
        return {
            "orders": sorted(
                (o.id, o.seq_no, o.number, o.customer_id, o.warehouse_id, o.status,
                 o.hold_reasons, o.stock_reserved, o.notes, o.delivery_date, o.local_number,
                 o.created_by, o.device_id, o.total_net, o.total_tax, o.total_gross, o.version)
                for o in s.scalars(select(Order))),
            "lines": sorted((ln.order_id, ln.line_no, ln.product_id, ln.quantity, ln.unit_price,
                             ln.tax_rate, ln.shipped_qty)
                            for ln in s.scalars(select(OrderLine))),
            "events": [(e.order_id, e.user_id, e.device_id, e.status, e.reason)
                       for e in s.scalars(select(OrderEvent).order_by(OrderEvent.id))],
            "stock": sorted((r.product_id, r.warehouse_id, r.on_hand, r.reserved, r.version)
                            for r in s.scalars(select(Stock))),
            "stored": sorted((r.user_id, r.idempotency_key, r.device_id, r.kind, r.status)
                             for r in s.scalars(select(MutationRecord))),
            "outbox": [(e.type, e.payload)
                       for e in s.scalars(select(EventOutbox).order_by(EventOutbox.id))],
            "log": [(c.entity, c.entity_id, c.version, c.scope, c.customer_id, c.warehouse_id,
                     _log_data(c.entity, c.data)) for c in log],
        }


def _log_data(entity: str, data: str | None) -> Any:
    assert data is not None
    value = json.loads(data)
    if entity == "stock":
        return (value["on_hand"], value["reserved"], value["available"])
    return _order_summary(value)


def stored_answers(engine: Engine) -> dict[tuple[int, str], dict[str, Any]]:
    """Every stored answer, by (user, key)."""
    with Session(engine) as s:
        return {(r.user_id, r.idempotency_key): r.result
                for r in s.scalars(select(MutationRecord))}
