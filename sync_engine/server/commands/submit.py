"""``order.submit``: a run of submits from one push, decided one by one, committed together.

A rep online pushes one order; a rep who was offline all day pushes dozens at once. Both are a
run — the consecutive submits of a push, up to :data:`MAX_RUN` — and every run goes the same
way, on PostgreSQL and SQLite alike (their SQL is :mod:`sync_engine.server.storage.submit_sql`):

1. **load**: claim the run's idempotency keys and learn which were answered before; lock the
   run's customers (sorted by id); which order ids exist; the products, the contract prices, the
   open orders' totals; lock the stock rows (sorted by product);
2. **decide** each mutation **in push order**, as if each had its own transaction: its arguments,
   the role, an order id that exists, the customer, then the shared domain rules (pricing,
   validation, credit); the reservation, the hold reasons, auto-confirmation. The credit check
   counts the run's earlier orders and a reservation sees what the earlier orders reserved; a
   conflict or rejection writes nothing but its stored answer. A key seen before (or earlier in
   the run) is answered with its stored answer;
3. **write and commit once**: the order numbers, then every order with its lines and history,
   the reservations, the answers with their idempotency records, the events and the change log
   (one counter step), and ``COMMIT``.

Nothing is answered before the commit, so a crash loses only answers nobody saw; the client
resends and the keys make the resend safe. An order id that the run has already submitted ends
the run there: what came before commits, and the rest is a new run, which finds the order in the
database and answers ``order_exists`` with its state as stored. Any error (a deadlock, a
key stored meanwhile by a writer that took no key lock, a lost connection, a bug) rolls the run
back whole; a run of several is then applied again one mutation at a time, each a run of one
through this same code. A run of one lets an error of the database itself through (the push
fails with 503 and is resent); anything else is that mutation's alone: it is answered
``internal_error`` and the push goes on (:mod:`.failures`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from sync_engine import domain as d
from sync_engine.domain import OrderStatus, Role
from sync_engine.protocol import Mutation, MutationResult, SubmitOrderArgs
from sync_engine.protocol.schemas import MAX_MUTATIONS_PER_PUSH
from sync_engine.server.commands.context import Sessions, Settings
from sync_engine.server.commands.failures import failed, transient
from sync_engine.server.commands.orders import (
    AUTO_CONFIRMED,
    OPEN_STATUSES,
    can_see_order,
    check_and_price,
    confirms_at_once,
    emit_confirmed,
    gift_products,
    hold_reasons,
    record_stock_change,
    require_role,
    running_promotions,
    shortfalls,
    wanted_units,
)
from sync_engine.server.commands.outcomes import (
    Conflict,
    Outcome,
    Rejected,
    answer,
    field_issue,
    outcome_answer,
    parsed_args,
    replayed_answer,
)
from sync_engine.server.feed.changes import CUSTOMER, UnitOfWork
from sync_engine.server.feed.credit import overdue_amounts
from sync_engine.server.feed.entities import (
    OrderRow,
    history_values,
    line_values,
    order_data,
    order_values,
)
from sync_engine.server.feed.scoping import can_access_customer
from sync_engine.server.storage.engine import end_read
from sync_engine.server.storage.models import Customer, Order, User, utcnow
from sync_engine.server.storage.submit_sql import (
    NewOrder,
    RunData,
    RunWants,
    SubmitSql,
    submit_sql,
)

log = logging.getLogger(__name__)

MAX_RUN = MAX_MUTATIONS_PER_PUSH
"""Submits per run, so a full push is one run. A run holds its customers' and stock rows'
locks until its commit: about 0.16 s for 500 orders of 5 lines, which another push for the same
rows may wait once. Runs of 100 held them 0.04 s but made the whole push 40 % slower (five
times the reads, the number round trip and the commit wait; tests/perf/bench_sync)."""

_CHUNK = 20
"""Orders finished per step of the commit pipeline (see :meth:`.UnitOfWork.commit`)."""


def submit_orders(
    sessions: Sessions, user: User, device_id: str, ms: Sequence[Mutation], settings: Settings
) -> list[MutationResult]:
    """Apply ``ms`` (all ``order.submit``, in push order) exactly once each; their answers."""
    out: list[MutationResult] = []
    while len(out) < len(ms):
        run = ms[len(out):len(out) + MAX_RUN]
        try:
            with sessions() as session:
                try:
                    answers = _apply_run(session, user, device_id, run, settings)
                except Exception:
                    if len(run) == 1:
                        raise
                    # Nothing of the run stays: each of its mutations again, as a run of its own.
                    log.warning("a run of %d submits failed; applying them one at a time",
                                len(run), exc_info=True)
                    session.rollback()
                    answers = None
        except Exception as exc:  # a run of one; its session rolled it back as it closed
            if transient(exc):
                raise
            answers = [failed(sessions, user, device_id, run[0], settings.request_id)]
        if answers is None:
            for m in run:
                out += submit_orders(sessions, user, device_id, [m], settings)
        else:
            out += answers
    return out


@dataclass
class _NewOrder:
    """An order decided in a run, waiting for its number."""

    m: Mutation
    a: SubmitOrderArgs
    customer: d.Customer
    quote: d.Quote
    status: OrderStatus
    hold: list[str]
    details: dict[str, Any]
    short: bool
    stock_after: list[tuple[int, int, int, int]]  # product, on hand, reserved, version
    result: MutationResult | None = None


_Answer = MutationResult | _NewOrder | None
"""A run's answer to one mutation: not applied (its answer), applied, or a replay (None)."""


@dataclass
class _Run:
    """One run's transaction: who, what was loaded, and what it decided so far."""

    session: Session
    user: User
    device_id: str
    settings: Settings
    uow: UnitOfWork
    sql: SubmitSql
    data: RunData
    now: dt.datetime
    promotions: dict[int | None, list[d.Promotion]]  # by product (None: on spending)
    overdue: dict[int, Decimal] = field(default_factory=dict)  # customer → owed past due

    def promotions_for(self, a: SubmitOrderArgs) -> list[d.Promotion]:
        """The run's promotions that can apply to this order (its products', spending's)."""
        out = list(self.promotions.get(None, ()))
        for pid in {ln.product_id for ln in a.lines}:
            out += self.promotions.get(pid, ())
        return out


def _apply_run(
    session: Session, user: User, device_id: str, ms: Sequence[Mutation], settings: Settings
) -> list[MutationResult]:
    """Answers to ``ms`` or to a prefix of it (at least its first), committed together."""
    args = [parsed_args(m, SubmitOrderArgs) for m in ms]
    role = Role(user.role)
    may_submit = d.allowed(OrderStatus.DRAFT, OrderStatus.SUBMITTED, role)
    now = utcnow()
    # Promotions are read first: the products they give are read, and their stock locked,
    # with the orders' own.
    promotions = running_promotions(session, now, (
        ln.product_id for a in args if isinstance(a, SubmitOrderArgs) for ln in a.lines
    )) if may_submit else []
    wants = RunWants.of(
        (a.order_id, a.customer_id, _products(a, promotions))
        for a in args if isinstance(a, SubmitOrderArgs) and may_submit
    )
    uow = UnitOfWork(session, user_id=user.id, device_id=device_id)
    sql = submit_sql(session, uow)
    run = _Run(session, user, device_id, settings, uow, sql,
               sql.load(user.id, [m.key for m in ms], wants), now, _by_product(promotions))
    if settings.overdue_policy != "off":  # what the run's customers owe past due: one read
        run.overdue = overdue_amounts(session, wants.customer_ids, now.date())

    answers: list[_Answer] = []
    keys: set[str] = set()
    submitted: set[str] = set()
    for m, a in zip(ms, args, strict=True):
        if m.key in keys or m.key in run.data.stored:
            answers.append(None)
        elif isinstance(a, MutationResult):
            answers.append(a)
        elif a.order_id in submitted:
            break  # the rest is a new run, which answers order_exists from the database
        else:
            decided = _decide(run, m, a, role, may_submit)
            if isinstance(decided, _NewOrder):
                submitted.add(a.order_id)
                if decided.status.value in OPEN_STATUSES:  # the credit check counts it
                    totals = run.data.open_totals
                    totals[a.customer_id] = totals.get(a.customer_id, Decimal(0)) + \
                        decided.quote.totals.gross
            answers.append(decided)
        keys.add(m.key)
    taken = ms[:len(answers)]
    if all(x is None for x in answers):
        end_read(session)  # replays only: nothing to write (the key locks end with it)
        return _answers(run, taken, answers)
    _commit(run, answers)
    return _answers(run, taken, answers)


def _by_product(promotions: list[d.Promotion]) -> dict[int | None, list[d.Promotion]]:
    out: dict[int | None, list[d.Promotion]] = {}
    for p in promotions:
        out.setdefault(p.product_id, []).append(p)
    return out


def _products(a: SubmitOrderArgs, promotions: list[d.Promotion]) -> list[int]:
    """The products an order needs: its lines' and those promotions may give it."""
    bought = [ln.product_id for ln in a.lines]
    return [*bought, *sorted(gift_products(promotions, bought))]


def _decide(
    run: _Run, m: Mutation, a: SubmitOrderArgs, role: Role, may_submit: bool
) -> MutationResult | _NewOrder:
    """One submit, by the rules, on the run's state so far (as if the earlier ones had
    committed)."""
    data = run.data
    try:
        if not may_submit:
            require_role(role, OrderStatus.DRAFT, OrderStatus.SUBMITTED, "customer_id")
        if a.order_id in data.existing:
            _order_exists(run.session, run.user, a.order_id)
        customer = data.customers.get(a.customer_id)
        if customer is None or not can_access_customer(
            run.user, Customer(id=customer.id, rep_id=customer.rep_id,
                               warehouse_id=customer.warehouse_id)
        ):
            raise Rejected(
                "customer_unknown", errors=[field_issue("customer_id", "customer_unknown")]
            )
        products = {ln.product_id: data.products[ln.product_id] for ln in a.lines
                    if ln.product_id in data.products}
        warehouse = customer.warehouse_id
        # Gifts are judged on the stock as the run left it (earlier orders' units are off).
        available = {pid: max(0, row.on_hand - row.reserved)
                     for (w, pid), row in data.stock.items() if w == warehouse}
        quote, warnings = check_and_price(
            customer, a.lines, a.promotions, {**data.products, **products},
            data.prices.get(customer.id, {}), run.promotions_for(a),
            data.open_totals.get(customer.id, Decimal(0)), a.delivery_date, run.now, available,
            overdue=run.overdue.get(customer.id, Decimal(0)),
            overdue_policy=run.settings.overdue_policy,
        )
    except Outcome as outcome:
        return outcome_answer(m, outcome)

    # The reservation: every line or none (the rows are locked; earlier orders' units are off).
    wanted = wanted_units(quote.lines)
    levels = {pid: (row.on_hand, row.reserved) for pid in wanted
              if (row := data.stock.get((warehouse, pid))) is not None}
    short = shortfalls(wanted, levels)
    after = []
    if not short:
        for pid in sorted(wanted):
            row = data.stock[(warehouse, pid)]
            row.reserved += wanted[pid]
            row.version += 1
            row.touched = True
            after.append((pid, row.on_hand, row.reserved, row.version))
    hold, details = hold_reasons(short, warnings)
    confirm = confirms_at_once(hold, run.settings)
    return _NewOrder(
        m=m, a=a, customer=customer, quote=quote,
        status=OrderStatus.CONFIRMED if confirm else OrderStatus.SUBMITTED,
        hold=hold, details=details, short=bool(short), stock_after=after,
    )


def _order_exists(session: Session, user: User, order_id: str) -> None:
    """The resubmit of an order the server has: its state, if the user may see it; otherwise
    the answer any kind gives an order id it does not know (``order_unknown``), so that an
    order outside the user's scope is not told apart from one that does not exist."""
    existing = session.get(Order, order_id)
    assert existing is not None  # orders are never deleted
    if can_see_order(session, user, existing):
        raise Conflict("order_exists", server=order_data(existing))
    raise Rejected("order_unknown", errors=[field_issue("order_id", "order_unknown")])


def _commit(run: _Run, answers: list[_Answer]) -> None:
    """Number the new orders, write everything the run decided, commit."""
    uow, now = run.uow, utcnow()
    count = sum(isinstance(x, _NewOrder) for x in answers)
    numbers = iter(run.sql.order_numbers(count) if count else [])
    run.sql.write_stock(run.data.stock, now)

    def in_chunks() -> Iterator[None]:
        """The answers stored in push order, the new orders finished and queued a chunk at a
        time: on PostgreSQL the database writes a chunk while the next one is made."""
        rows: list[NewOrder] = []
        for x in answers:
            if isinstance(x, _NewOrder):
                rows.append(_finish(run, x, next(numbers), now))
            result = x.result if isinstance(x, _NewOrder) else x
            if result is not None:  # a replay has its answer stored already
                uow.store_new_result(result.key, result.kind, result.status,
                                     result.model_dump_json())
            if len(rows) == _CHUNK:
                run.sql.write_orders(rows, run.user.id, run.device_id, now)
                rows = []
                yield
        if rows:
            run.sql.write_orders(rows, run.user.id, run.device_id, now)
        yield

    uow.commit(in_chunks())


def _finish(run: _Run, x: _NewOrder, seq_no: int, now: dt.datetime) -> NewOrder:
    """Number a new order: its events, its change-log rows (and its stock rows'), its answer;
    the row to insert."""
    a, customer, uow = x.a, x.customer, run.uow
    number = f"DH{seq_no:08d}"
    warehouse_id = customer.warehouse_id
    totals = x.quote.totals
    promotions = [p.to_dict() for p in x.quote.applied]
    uow.emit("order.submitted", {"order_id": a.order_id, "number": number,
                                 "customer_id": customer.id, "total_gross": str(totals.gross),
                                 "prices_include_tax": x.quote.tax_included,
                                 "promotions": promotions})
    for pid, on_hand, reserved, version in x.stock_after:
        record_stock_change(uow, warehouse_id, pid, on_hand, reserved, version, now)
    history: list[tuple[str, str, int | None, str]] = [
        (OrderStatus.SUBMITTED.value, "", run.user.id, run.device_id)
    ]
    if x.status is OrderStatus.CONFIRMED:
        history.append((OrderStatus.CONFIRMED.value, AUTO_CONFIRMED, None, ""))
        emit_confirmed(uow, a.order_id, number)
    head = OrderRow(
        id=a.order_id, number=number, local_number=a.local_number, customer_id=customer.id,
        warehouse_id=warehouse_id, status=x.status.value, hold_reasons=x.hold,
        stock_reserved=not x.short, notes=a.notes, delivery_date=a.delivery_date,
        created_by=run.user.id, created_at=now, updated_at=now, total_net=totals.net,
        total_tax=totals.tax, total_gross=totals.gross, receipt_note="", promotions=promotions,
        version=1,
    )
    data = order_values(
        head,
        [line_values(i + 1, ln) for i, ln in enumerate(x.quote.lines)],
        [history_values(status, now, user_id, reason) for status, reason, user_id, _ in history],
    )
    uow.upsert("order", a.order_id, 1, data, scope=CUSTOMER, customer_id=customer.id,
               warehouse_id=warehouse_id)
    x.result = answer(x.m, "applied", entity="order", id=a.order_id, version=1, data=data,
                      details=x.details)
    return NewOrder(
        id=a.order_id, seq_no=seq_no, number=number, customer_id=customer.id,
        warehouse_id=warehouse_id, status=x.status.value, hold_reasons=x.hold,
        stock_reserved=not x.short, notes=a.notes, delivery_date=a.delivery_date,
        local_number=a.local_number, totals=totals, lines=list(x.quote.lines),
        promotions=promotions, history=history,
    )


def _answers(run: _Run, taken: Sequence[Mutation], answers: list[_Answer]) -> list[MutationResult]:
    """The answers in push order: replays of keys answered before the run as loaded, and of keys
    answered earlier in this run as they were stored (read after the commit)."""
    stored = run.data.stored
    later = [m.key for m, x in zip(taken, answers, strict=True)
             if x is None and m.key not in stored]
    if later:
        stored = {**stored, **run.sql.stored(run.user.id, later)}
        end_read(run.session)
    out = []
    for m, x in zip(taken, answers, strict=True):
        if isinstance(x, _NewOrder):
            assert x.result is not None
            out.append(x.result)
        elif isinstance(x, MutationResult):
            out.append(x)
        else:
            out.append(replayed_answer(stored[m.key]))
    return out
