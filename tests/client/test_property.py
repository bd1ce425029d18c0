"""Property: random interleavings of local operations, syncs, lost answers and offline spells
never lose or duplicate a change, and always converge."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from sync_engine.client import errors
from sync_engine.server.storage.models import Order
from tests.client.conftest import Env
from tests.client.net import FlakyTransport
from tests.client.server_state import assert_converged, server_session, set_auto_confirm

ops = st.lists(
    st.one_of(
        st.tuples(st.just("new"), st.integers(0, 1), st.integers(0, 4), st.integers(1, 5)),
        st.tuples(st.just("edit"), st.integers(0, 20), st.integers(0, 4), st.integers(1, 5)),
        st.tuples(st.just("notes"), st.integers(0, 20)),
        st.tuples(st.just("cancel"), st.integers(0, 20)),
        st.tuples(st.just("sync"), st.sampled_from(["ok", "drop_push", "drop_pull", "offline"])),
    ),
    min_size=1,
    max_size=14,
)


@pytest.mark.slow
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=ops)
def test_random_interleavings_converge_without_loss_or_duplicates(env: Env,
                                                                  steps: list[Any]) -> None:
    set_auto_confirm(env.db_url, False)
    s = env.seed
    net = FlakyTransport(env.transport())
    device = env.device("rep1", transport=net, push_batch=2, page_limit=7)
    customers = [s.customers["A"], s.customers["B"]]
    orders: list[str] = []
    for step in steps:
        kind = step[0]
        try:
            if kind == "new":
                draft = device.create_draft(customers[step[1]], {s.products[step[2]]: step[3]})
                device.submit(draft.id)
                orders.append(draft.id)
            elif kind == "edit" and orders:
                device.set_line(orders[step[1] % len(orders)], s.products[step[2]], step[3])
            elif kind == "notes" and orders:
                device.set_notes(orders[step[1] % len(orders)], f"n{step[1]}")
            elif kind == "cancel" and orders:
                device.cancel(orders[step[1] % len(orders)])
            elif kind == "sync":
                net.offline = step[1] == "offline"
                if step[1] == "drop_push":
                    net.drop_after.add("/v1/push")
                if step[1] == "drop_pull":
                    net.drop_after.add("/v1/pull")
                device.sync_once()
        except errors.NotAllowed:
            pass  # e.g. editing a cancelled order: refused locally, nothing changed
        except errors.NetworkError:
            pass  # offline or an answer lost: retried by the next sync
        finally:
            net.offline = False
            net.drop_after.clear()
    device.sync_once()
    device.sync_once()
    assert device.conflicts() == []  # one device, no one else editing: nothing to decide
    with server_session(env.db_url) as session:
        server = {o.id: (o.status, o.version) for o in
                  session.scalars(select(Order).where(Order.id.in_(orders)))}
    assert set(server) == set(orders)
    for order_id in orders:
        local = device.order(order_id)
        assert (local.status, local.server_version) == server[order_id]
    assert_converged(device, env.server, "rep1")
