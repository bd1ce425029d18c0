"""A device is never stuck behind one entry (promise 12): an order the server fails on (a bug,
here a pricing step that raises for it) comes back ``rejected`` ``internal_error``, lands in the
conflicts inbox with the request id, and everything else keeps syncing — the orders queued
after it are delivered, the pull advances — until the user fixes or discards it."""

from __future__ import annotations

from typing import Any

import pytest

from sync_engine.server.commands import submit
from tests.client.conftest import Env
from tests.client.server_state import count_orders

POISON = 13  # the quantity the server's pricing step fails on in these tests


@pytest.fixture
def poisoned(monkeypatch: pytest.MonkeyPatch) -> None:
    real = submit.check_and_price

    def check_and_price(customer: Any, lines: Any, *rest: Any, **named: Any) -> Any:
        if any(line.quantity == POISON for line in lines):
            raise ZeroDivisionError("a bug in pricing")
        return real(customer, lines, *rest, **named)

    monkeypatch.setattr(submit, "check_and_price", check_and_price)


@pytest.mark.usefixtures("poisoned")
def test_a_device_with_a_poisoned_entry_still_delivers_and_pulls(env_any: Env) -> None:
    s = env_any.seed
    device, other = env_any.device("rep1"), env_any.device("rep1")
    bad = device.create_draft(s.customers["A"], {s.products[1]: POISON})
    device.submit(bad.id)
    first = device.create_draft(s.customers["A"], {s.products[1]: 2})
    device.submit(first.id)
    report = device.sync_once()
    assert (report.applied, report.rejected) == (1, 1)

    [conflict] = device.conflicts()
    assert conflict.status == "rejected" and conflict.reason == "internal_error"
    assert conflict.order_id == bad.id
    request_id = conflict.details["request_id"]
    assert request_id in conflict.message and request_id in conflict.message_zh
    assert device.order(bad.id).sync_state == "attention"
    assert device.order(first.id).number  # delivered, numbered by the server

    # Later orders still go, and what others do still arrives.
    elsewhere = other.create_draft(s.customers["A"], {s.products[2]: 1})
    other.submit(elsewhere.id)
    other.sync_once()
    later = device.create_draft(s.customers["A"], {s.products[2]: 3})
    device.submit(later.id)
    report = device.sync_once()
    assert (report.applied, report.rejected) == (1, 0)
    assert device.order(elsewhere.id).number and device.order(later.id).number
    assert device.status().pending == 0 and count_orders(env_any.db_url) == 3

    # Fixed: the user edits the refused order and sends it again.
    fixed = device.edit_conflict(conflict.id)
    device.set_line(fixed.id, s.products[1], 12)
    device.submit(fixed.id)
    report = device.sync_once()
    assert (report.applied, report.rejected) == (1, 0)
    assert device.conflicts() == [] and count_orders(env_any.db_url) == 4


@pytest.mark.usefixtures("poisoned")
def test_a_poisoned_entry_can_be_discarded(env: Env) -> None:
    s = env.seed
    device = env.device("rep1")
    bad = device.create_draft(s.customers["A"], {s.products[1]: POISON})
    device.submit(bad.id)
    device.sync_once()
    [conflict] = device.conflicts()
    device.take_theirs(conflict.id)
    assert device.conflicts() == [] and all(o.id != bad.id for o in device.orders())
    assert device.sync_once().rejected == 0 and count_orders(env.db_url) == 0
