"""Another user signs in on a device: the previous user's unsent changes are never sent under
the new user's name nor dropped, and the previous user's data leaves the device."""

from __future__ import annotations

import pytest

from sync_engine.client import errors
from tests.client.conftest import Env


def test_another_user_waits_for_the_previous_users_unsent_changes(env: Env) -> None:
    s = env.seed
    device = env.device("rep1", name="shared")
    order = device.create_draft(s.customers["A"], {s.products[1]: 2})
    device.submit(order.id)  # waiting to be sent
    with pytest.raises(errors.UnsentChangesOfAnotherUser) as refused:
        device.login("rep2", "demo")
    assert refused.value.username == "rep1" and refused.value.pending == 1
    assert refused.value.message_zh
    # Nothing was lost; rep1 sends it, then rep2 may take over the device.
    assert device.order(order.id).status == "submitted"
    device.sync_once()
    assert device.status().pending == 0


def test_the_new_users_scope_replaces_the_previous_one(env: Env) -> None:
    s = env.seed
    device = env.device("rep1", name="shared")
    assert {c.id for c in device.customers()} == {s.customers["A"], s.customers["B"]}
    device.logout()
    # The server lets another user register this device once its owner changed there; model
    # that by clearing the registration, as the back office would.
    from sqlalchemy import delete

    from sync_engine.server.storage.engine import make_engine, make_session_factory
    from sync_engine.server.storage.models import AuthToken, Device

    engine = make_engine(env.db_url)
    with make_session_factory(engine)() as session:
        session.execute(delete(AuthToken))
        session.execute(delete(Device))
        session.commit()
    engine.dispose()
    device.login("rep2", "demo")
    device.sync_once()
    assert {c.id for c in device.customers()} == {s.customers["C"]}
    assert not device.orders(customer_id=s.customers["A"])
