"""lifecycle: the transition table, who may do what, and a random walk that never escapes it."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from sync_engine.domain import (
    TERMINAL,
    TRANSITIONS,
    OrderLine,
    OrderStatus,
    Role,
    RuleViolation,
    allowed,
    apply_shipment,
    check_transition,
    is_cancellable,
    is_editable,
    is_open,
    next_statuses,
    require_transition,
    status_after_shipment,
)
from tests.domain.domain_builders import line

S, R = OrderStatus, Role

# The table from the design brief, written out independently of the implementation.
ORDERING = {R.SALES_REP, R.STORE_OWNER, R.ADMIN}
EXPECTED: dict[tuple[OrderStatus, OrderStatus], set[Role]] = {
    (S.DRAFT, S.SUBMITTED): ORDERING,
    (S.DRAFT, S.CANCELLED): ORDERING,
    (S.SUBMITTED, S.CONFIRMED): {R.ADMIN, R.SYSTEM},
    (S.SUBMITTED, S.REJECTED): {R.ADMIN, R.SYSTEM},
    (S.SUBMITTED, S.CANCELLED): ORDERING,
    (S.CONFIRMED, S.CANCELLED): ORDERING,
    (S.CONFIRMED, S.PARTIALLY_SHIPPED): {R.WAREHOUSE_CLERK, R.ADMIN},
    (S.CONFIRMED, S.SHIPPED): {R.WAREHOUSE_CLERK, R.ADMIN},
    (S.PARTIALLY_SHIPPED, S.PARTIALLY_SHIPPED): {R.WAREHOUSE_CLERK, R.ADMIN},
    (S.PARTIALLY_SHIPPED, S.SHIPPED): {R.WAREHOUSE_CLERK, R.ADMIN},
    (S.SHIPPED, S.CLOSED): {R.STORE_OWNER, R.SALES_REP, R.ADMIN},
    (S.PARTIALLY_SHIPPED, S.CLOSED): {R.ADMIN},
}
EVERY_MOVE = list(itertools.product(OrderStatus, OrderStatus, Role))


def test_the_table_is_exactly_the_designed_one() -> None:
    assert {k: set(v) for k, v in TRANSITIONS.items()} == EXPECTED


def test_allowed_and_check_transition_agree_with_the_table() -> None:
    for source, target, role in EVERY_MOVE:
        expected = role in EXPECTED.get((source, target), set())
        assert allowed(source, target, role) is expected, (source, target, role)
        assert (check_transition(source, target, role) is None) is expected, (source, target, role)


def test_terminal_states_have_no_exits() -> None:
    assert frozenset({S.CLOSED, S.CANCELLED, S.REJECTED}) == TERMINAL
    for status in TERMINAL:
        for target, role in itertools.product(OrderStatus, Role):
            assert not allowed(status, target, role)
            assert check_transition(status, target, role) is not None
            assert next_statuses(status, role) == frozenset()


def test_transition_not_allowed() -> None:
    issue = check_transition(S.DRAFT, S.SHIPPED, R.ADMIN)
    assert issue is not None
    assert (issue.field, issue.code, issue.severity) == (
        "status",
        "transition_not_allowed",
        "error",
    )
    assert issue.params == {"from": "draft", "to": "shipped"}
    assert issue.message("zh") == "订单当前为“草稿”，不能改为“已发货”。"


def test_role_not_allowed() -> None:
    issue = check_transition(S.SUBMITTED, S.CONFIRMED, R.SALES_REP)
    assert issue is not None
    assert issue.code == "role_not_allowed"
    assert issue.params == {"role": "sales_rep", "from": "submitted", "to": "confirmed"}


def test_confirmed_order_can_be_cancelled_only_while_nothing_has_shipped() -> None:
    assert check_transition(S.CONFIRMED, S.CANCELLED, R.SALES_REP) is None
    issue = check_transition(S.CONFIRMED, S.CANCELLED, R.SALES_REP, shipped_any=True)
    assert issue is not None and issue.code == "already_shipped"
    # The role is checked first: a clerk is told it is not theirs to cancel.
    issue = check_transition(S.CONFIRMED, S.CANCELLED, R.WAREHOUSE_CLERK, shipped_any=True)
    assert issue is not None and issue.code == "role_not_allowed"


@pytest.mark.parametrize("source", [S.PARTIALLY_SHIPPED, S.SHIPPED])
def test_cancelling_after_shipment_says_already_shipped(source: OrderStatus) -> None:
    for role in Role:
        issue = check_transition(source, S.CANCELLED, role)
        assert issue is not None and issue.code == "already_shipped"


def test_partially_shipped_order_is_closed_by_an_admin_only() -> None:
    assert check_transition(S.PARTIALLY_SHIPPED, S.CLOSED, R.ADMIN) is None
    issue = check_transition(S.PARTIALLY_SHIPPED, S.CLOSED, R.STORE_OWNER)
    assert issue is not None and issue.code == "role_not_allowed"


def test_plain_strings_are_accepted_and_unknown_ones_refused() -> None:
    assert allowed("draft", "submitted", "store_owner")  # type: ignore[arg-type]
    assert check_transition("submitted", "confirmed", "system") is None  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        allowed("drafted", "submitted", "admin")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        allowed("draft", "submitted", "boss")  # type: ignore[arg-type]


def test_require_transition_raises_rule_violation() -> None:
    require_transition(S.DRAFT, S.SUBMITTED, R.SALES_REP)
    with pytest.raises(RuleViolation) as caught:
        require_transition(S.DRAFT, S.CONFIRMED, R.SALES_REP)
    assert [i.code for i in caught.value.issues] == ["transition_not_allowed"]


def test_next_statuses() -> None:
    assert next_statuses(S.DRAFT, R.SALES_REP) == {S.SUBMITTED, S.CANCELLED}
    assert next_statuses(S.SUBMITTED, R.SYSTEM) == {S.CONFIRMED, S.REJECTED}
    assert next_statuses(S.SUBMITTED, R.ADMIN) == {S.CONFIRMED, S.REJECTED, S.CANCELLED}
    assert next_statuses(S.PARTIALLY_SHIPPED, R.ADMIN) == {
        S.PARTIALLY_SHIPPED,
        S.SHIPPED,
        S.CLOSED,
    }
    assert next_statuses(S.DRAFT, R.WAREHOUSE_CLERK) == frozenset()


@pytest.mark.parametrize("status", list(OrderStatus))
def test_status_predicates(status: OrderStatus) -> None:
    assert is_editable(status) is (status in {S.DRAFT, S.SUBMITTED})
    assert is_open(status) is (status in {S.SUBMITTED, S.CONFIRMED, S.PARTIALLY_SHIPPED})
    cancellable = status in {S.DRAFT, S.SUBMITTED, S.CONFIRMED}
    assert is_cancellable(status, shipped_any=False) is cancellable
    assert is_cancellable(status, shipped_any=True) is False


def test_status_after_shipment() -> None:
    assert status_after_shipment([line(1, 5, shipped=5), line(2, 3, shipped=3)]) is S.SHIPPED
    assert status_after_shipment([line(1, 5, shipped=5), line(2, 3, shipped=1)]) is (
        S.PARTIALLY_SHIPPED
    )
    assert status_after_shipment([line(1, 5, shipped=0)]) is S.PARTIALLY_SHIPPED


# --- a random walk over (status, role, action) --------------------------------------------


class OrderLifecycle(RuleBasedStateMachine):
    """An order pushed around by random roles; the model may only move along the table."""

    def __init__(self) -> None:
        super().__init__()
        self.status = S.DRAFT
        self.lines: list[OrderLine] = []
        self.visited: set[OrderStatus] = {S.DRAFT}

    @initialize(quantities=st.lists(st.integers(1, 20), min_size=1, max_size=4))
    def create(self, quantities: list[int]) -> None:
        self.lines = [line(i, q) for i, q in enumerate(quantities, start=1)]

    @property
    def shipped_any(self) -> bool:
        return any(ol.shipped_qty for ol in self.lines)

    @rule(target_status=st.sampled_from(OrderStatus), role=st.sampled_from(Role))
    def change_status(self, target_status: OrderStatus, role: Role) -> None:
        before = self.status
        issue = check_transition(before, target_status, role, shipped_any=self.shipped_any)
        if issue is None:
            assert role in EXPECTED[(before, target_status)]
            assert not (target_status is S.CANCELLED and self.shipped_any)
            # Shipping statuses are reached through shipments, not by decree.
            if target_status in (S.PARTIALLY_SHIPPED, S.SHIPPED):
                return
            self.status = target_status
            self.visited.add(target_status)
        else:
            assert issue.code in {"transition_not_allowed", "role_not_allowed", "already_shipped"}

    @precondition(
        lambda self: self.status in (S.DRAFT, S.SUBMITTED, S.PARTIALLY_SHIPPED, S.SHIPPED)
    )
    @rule(data=st.data())
    def move_forward(self, data: st.DataObject) -> None:
        # Uniform random moves mostly cancel or reject early (those states absorb the walk);
        # this rule makes a move the table offers, so the walk also reaches the far states.
        role = data.draw(st.sampled_from([r for r in Role if self._forward(r)]), label="role")
        target_status = data.draw(st.sampled_from(sorted(self._forward(role))), label="to")
        require_transition(self.status, target_status, role, shipped_any=self.shipped_any)
        self.status = target_status
        self.visited.add(target_status)

    def _forward(self, role: Role) -> frozenset[OrderStatus]:
        # Shipping statuses are left to the shipment rules below.
        return next_statuses(self.status, role) - {
            S.CANCELLED,
            S.REJECTED,
            S.PARTIALLY_SHIPPED,
            S.SHIPPED,
        }

    @precondition(lambda self: self.status in (S.CONFIRMED, S.PARTIALLY_SHIPPED))
    @rule(
        data=st.data(),
        role=st.sampled_from([R.WAREHOUSE_CLERK, R.ADMIN, R.SALES_REP]),
    )
    def ship(self, data: st.DataObject, role: Role) -> None:
        shipped = {
            ol.product_id: data.draw(st.integers(0, ol.remaining), label=str(ol.product_id))
            for ol in self.lines
        }
        # At least one unit goes out (hypothesis likes zeros; an all-zero shipment is refused).
        open_lines = [ol for ol in self.lines if ol.remaining]
        assert open_lines  # confirmed / partially shipped orders always have something left
        chosen = data.draw(st.sampled_from(open_lines), label="line shipped")
        shipped[chosen.product_id] = max(1, shipped[chosen.product_id])
        # Now and then the clerk mistypes one quantity: below zero or above what remains.
        if data.draw(st.integers(0, 3), label="mistake") == 0:
            wrong = data.draw(st.sampled_from(self.lines), label="wrong line")
            shipped[wrong.product_id] = data.draw(
                st.sampled_from([-1, wrong.remaining + 1]), label="wrong quantity"
            )
        try:
            new_lines = apply_shipment(self.lines, shipped)
        except RuleViolation as error:
            assert error.issues
            assert all(ol.remaining >= 0 for ol in self.lines)
            return
        target_status = status_after_shipment(new_lines)
        issue = check_transition(self.status, target_status, role)
        if issue is not None:
            assert role is R.SALES_REP
            return
        self.lines = new_lines
        self.status = target_status
        self.visited.add(target_status)

    @invariant()
    def shipped_never_exceeds_ordered(self) -> None:
        for ol in self.lines:
            assert 0 <= ol.shipped_qty <= ol.quantity

    @invariant()
    def status_matches_what_shipped(self) -> None:
        if self.status is S.SHIPPED:
            assert all(ol.remaining == 0 for ol in self.lines)
        if self.status in (S.DRAFT, S.SUBMITTED, S.REJECTED):
            assert not self.shipped_any

    @invariant()
    def terminal_states_have_no_exits(self) -> None:
        if self.status in TERMINAL:
            assert all(
                check_transition(self.status, target, role) is not None
                for target in OrderStatus
                for role in Role
            )


OrderLifecycle.TestCase.settings = settings(max_examples=100, stateful_step_count=30, deadline=None)
test_order_lifecycle_random_walk = OrderLifecycle.TestCase
