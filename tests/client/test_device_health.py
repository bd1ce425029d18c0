"""The engine reports its health with each sync, and obeys a revocation (with or without wipe)."""

from __future__ import annotations

import pytest

from sync_engine.client import errors
from sync_engine.client.backups import list_backups, make_backup
from sync_engine.client.memory_keyring import MemoryKeyring
from sync_engine.client.store import DB_FILENAME
from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_engine.server.ops.cli import main as server_cli
from tests.client.conftest import Env
from tests.support.api import Api


def admin_devices(env: Env) -> dict[str, dict[str, object]]:
    with Api(env.server, "admin") as admin:
        return {d["id"]: d for d in admin.http.get("/v1/admin/devices").json()}


def test_each_sync_reports_the_devices_health(env: Env) -> None:
    s = env.seed
    rep = env.device("rep1")
    report = admin_devices(env)[rep.client_id]["report"]
    assert isinstance(report, dict)
    assert report["unsent_changes"] == 0 and report["oldest_unsent_at"] is None
    assert report["conflicts_waiting"] == 0 and report["last_error"] is None
    assert report["protocol_version"] == PROTOCOL_VERSION
    assert report["app_version"]
    assert report["encrypted"] is True  # the replica is encrypted at rest (SQLCipher)

    order = rep.create_draft(s.customers["A"], {s.products[1]: 2})
    rep.submit(order.id)
    local = rep.health_report(None)
    assert local.unsent_changes == 1 and local.oldest_unsent_at is not None
    rep.sync_once()
    assert admin_devices(env)[rep.client_id]["report"]["unsent_changes"] == 0  # type: ignore[index]


def test_a_revoked_device_sends_nothing_more_and_keeps_its_data(env: Env) -> None:
    s = env.seed
    rep = env.device("rep1")
    order = rep.create_draft(s.customers["A"], {s.products[1]: 2})
    rep.submit(order.id)
    assert server_cli(["revoke-device", rep.client_id, "--db", env.db_url]) == 0
    with pytest.raises(errors.DeviceRevoked) as raised:
        rep.sync_once()
    assert raised.value.wipe is False and raised.value.code == "device_revoked"
    assert raised.value.text("zh") != raised.value.text("en")
    assert rep.order(order.id).id == order.id  # kept: no wipe was asked
    # Told once by the server; after that the engine does not even ask.
    with pytest.raises(errors.DeviceRevoked):
        rep.sync_once()
    with pytest.raises(errors.SignInRequired):
        rep.login("rep1", "demo")


def test_revoke_with_wipe_deletes_the_local_data_and_keys(
        env: Env, memory_keyring: MemoryKeyring) -> None:
    s = env.seed
    rep = env.device("rep1")
    order = rep.create_draft(s.customers["A"], {s.products[1]: 2})
    rep.submit(order.id)  # unsent, in the outbox journal too
    make_backup(rep.store)
    assert rep.order(order.id) and list_backups(rep.store.data_dir) and rep.journal.unsent()
    with Api(env.server, "admin") as admin:
        r = admin.http.post(f"/v1/admin/devices/{rep.client_id}/revoke", json={"wipe": True})
        assert r.status_code == 200
    with pytest.raises(errors.DeviceRevoked) as raised:
        rep.sync_once()
    assert raised.value.wipe is True
    assert not rep.is_session_stored()
    assert (rep.store.data_dir / DB_FILENAME).exists()  # a new, empty database
    assert not list_backups(rep.store.data_dir)  # copies of the data go too
    assert not rep.journal.unsent()
    with pytest.raises(errors.NotFound):
        rep.order(order.id)
    assert rep.customers() == []
    with pytest.raises(errors.DeviceRevoked):
        rep.sync_once()
    # The server refuses the device id for good.
    with env.server.client(headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)}) as http:
        answer = http.post("/v1/auth/login", json={
            "username": "rep1", "password": "demo", "client_id": rep.client_id})
    assert answer.status_code == 401 and answer.json()["error"]["wipe"] is True


def test_signing_in_on_a_device_revoked_with_wipe_wipes_it(env: Env) -> None:
    s = env.seed
    rep = env.device("rep1")
    order = rep.create_draft(s.customers["A"], {s.products[1]: 2})
    rep.logout()
    assert server_cli(["revoke-device", rep.client_id, "--wipe", "--db", env.db_url]) == 0
    with pytest.raises(errors.DeviceRevoked) as raised:
        rep.login("rep1", "demo")
    assert raised.value.wipe
    with pytest.raises(errors.NotFound):
        rep.order(order.id)
