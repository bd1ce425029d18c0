"""The back office's client operations (``Engine.back_office()``): devices, users, integration
tokens, each against the in-process server, and refused for anyone but an admin."""

from __future__ import annotations

import pytest

from sync_engine.client import errors
from tests.client.conftest import Env


def test_devices_come_with_their_health_and_can_be_revoked(env: Env) -> None:
    rep = env.device("rep1")
    office = env.device("admin").back_office()
    devices = {d.id: d for d in office.devices()}
    mine = devices[rep.client_id]
    assert mine.username == "rep1" and mine.user_id == env.seed.users["rep1"]
    assert mine.report is not None and mine.report.unsent_changes == 0
    assert mine.revoked_at is None and mine.attention == ()

    assert office.revoke_device(rep.client_id, wipe=True) >= 1
    revoked = {d.id: d for d in office.devices()}[rep.client_id]
    assert revoked.revoked_at is not None and revoked.revoke_wipe
    with pytest.raises(errors.DeviceRevoked):
        rep.sync_once()

    with pytest.raises(errors.Refused) as unknown:
        office.revoke_device("no-such-device", wipe=False)
    assert unknown.value.code == "device_unknown"
    assert unknown.value.text("zh") != unknown.value.text("en")


def test_users_are_created_changed_and_every_change_is_in_the_audit_trail(env: Env) -> None:
    office = env.device("admin").back_office()
    made = office.create_user("rep9", "secret99", "sales_rep", display_name="新业务员")
    assert made.active and made.role == "sales_rep" and made.display_name == "新业务员"
    assert "rep9" in [u.username for u in office.users()]

    rep9 = env.device()
    rep9.login("rep9", "secret99")  # signs in with the password given
    rep9.sync_once()
    office.set_active(made.id, False)
    with pytest.raises(errors.SignInRequired):  # signed out everywhere, and disabled
        rep9.sync_once()
    office.set_active(made.id, True)
    office.reset_password(made.id, "another9")
    clerk = office.set_assignment(made.id, "warehouse_clerk",
                                  warehouse_id=env.seed.warehouses[1])
    assert clerk.role == "warehouse_clerk" and clerk.warehouse_id == env.seed.warehouses[1]

    trail = [(a.actor, a.action) for a in office.audit_trail() if a.user_id == made.id]
    assert trail == [("admin", "set_assignment"), ("admin", "reset_password"),
                     ("admin", "enable"), ("admin", "disable"), ("admin", "create")]

    with pytest.raises(errors.Refused) as taken:
        office.create_user("rep9", "secret99", "sales_rep")
    assert (taken.value.field, taken.value.field_code) == ("username", "username_taken")
    with pytest.raises(errors.Refused) as short:
        office.reset_password(made.id, "x")
    assert short.value.field == "password"
    with pytest.raises(errors.Refused) as clerk_without:
        office.set_assignment(made.id, "store_owner")
    assert clerk_without.value.field_code == "customer_required"


def test_integration_tokens_are_made_once_listed_and_revoked(env: Env) -> None:
    office = env.device("admin").back_office()
    made = office.create_integration_token("erp", ["prices", "catalog", "prices"])
    assert made.secret.startswith("dhi_")
    assert made.token.scopes == ("catalog", "prices") and made.token.last_used_at is None
    listed = {t.name: t for t in office.integration_tokens()}
    assert listed["erp"].revoked_at is None

    office.revoke_integration_token("erp")
    assert {t.name: t for t in office.integration_tokens()}["erp"].revoked_at is not None
    with pytest.raises(errors.Refused):
        office.revoke_integration_token("erp")  # already revoked
    # The revoked token's successor takes its name; while it is in use, the name is taken.
    successor = office.create_integration_token("erp", ["stock"])
    assert successor.secret != made.secret
    states = sorted((t.name, t.revoked_at is None) for t in office.integration_tokens())
    assert states == [("erp", False), ("erp", True)]
    with pytest.raises(errors.Refused) as taken:
        office.create_integration_token("erp", ["stock"])
    assert taken.value.code == "token_name_taken"


@pytest.mark.parametrize("username", ["rep1", "clerk1", "owner1"])
def test_no_one_but_an_admin_may_call_the_back_office(env: Env, username: str) -> None:
    office = env.device(username).back_office()
    calls = [
        office.devices, office.users, office.audit_trail, office.integration_tokens,
        lambda: office.revoke_device(env.engines[0].client_id, wipe=True),
        lambda: office.sign_out_user(env.seed.users["rep2"]),
        lambda: office.create_user("sneaky", "secret99", "admin"),
        lambda: office.set_active(env.seed.users["admin"], False),
        lambda: office.create_integration_token("mine", ["stock"]),
    ]
    for call in calls:
        with pytest.raises(errors.Forbidden):
            call()
    assert env.engines[0].sync_once() is not None  # nothing was revoked
