"""Device health reports, and cutting a device off (API and ``dinghuo-server``)."""

from __future__ import annotations

import datetime as dt
import io
import re
from unittest import mock

import pytest

from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_engine.server.api.app import create_app
from sync_engine.server.api.settings import ServerSettings
from sync_engine.server.ops.cli import main as server_cli
from sync_engine.server.storage.models import utcnow
from tests.server.test_metrics import scrape, served, total
from tests.support.api import Api
from tests.support.seed import seed


def test_a_device_report_round_trip_reaches_the_back_office_and_the_metrics(
        db_url: str) -> None:
    seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0))
    with served(app) as server, Api(server, "rep1") as rep, Api(server, "rep2") as quiet, \
            Api(server, "admin") as admin:
        two_hours_ago = (utcnow() - dt.timedelta(hours=2)).isoformat()
        report = {"unsent_changes": 3, "oldest_unsent_at": two_hours_ago,
                  "conflicts_waiting": 1, "last_error": "network_error",
                  "app_version": "0.1.0", "protocol_version": PROTOCOL_VERSION,
                  "db_check": "ok", "newest_backup_at": None, "encrypted": True}
        assert rep.http.post("/v1/devices/report", json=report).status_code == 204
        # Unknown fields are null; the latest report wins.
        assert quiet.http.post("/v1/devices/report", json={}).status_code == 204
        assert quiet.http.post("/v1/devices/report",
                               json={"unsent_changes": 0, "db_check": "ok"}).status_code == 204
        # Bounded: an error text is refused (codes only), so is an unknown field.
        assert rep.http.post("/v1/devices/report",
                             json={"last_error": "Traceback: x y"}).status_code == 422
        assert rep.http.post("/v1/devices/report", json={"pwd": 1}).status_code == 422
        assert rep.http.get("/v1/admin/devices").status_code == 403

        rows = admin.http.get("/v1/admin/devices").json()
        first = rows[0]
        assert first["id"] == rep.client_id  # the device in trouble comes first
        assert first["report"]["unsent_changes"] == 3
        assert first["report"]["last_error"] == "network_error"
        assert first["report"]["encrypted"] is True
        assert first["report"]["newest_backup_at"] is None
        assert first["attention"] == ["unsent_over_an_hour", "conflicts_waiting",
                                      "last_sync_failed"]
        by_id = {r["id"]: r for r in rows}
        assert by_id[quiet.client_id]["report"]["unsent_changes"] == 0
        assert by_id[quiet.client_id]["report"]["encrypted"] is None
        assert by_id[quiet.client_id]["attention"] == []  # null is "not known", not "bad"
        assert by_id[admin.client_id]["report"] is None

        m = scrape(server)
        assert total(m, "dinghuo_devices") == 3
        assert total(m, "dinghuo_devices_with_unsent") == 1
        assert total(m, "dinghuo_devices_unsent_older_than_hour") == 1
        assert total(m, "dinghuo_devices_conflicts_waiting") == 1
        assert total(m, "dinghuo_devices_db_check_failed") == 0


def test_a_revoked_device_is_told_at_once_and_cannot_sign_in_again(db_url: str) -> None:
    s = seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0))
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    with served(app) as server, Api(server, "rep1") as lost, Api(server, "rep1") as other, \
            Api(server, "admin") as admin:
        assert lost.http.get("/v1/me").status_code == 200
        assert lost.http.post(f"/v1/admin/devices/{lost.client_id}/revoke",
                              json={"wipe": True}).status_code == 403
        r = admin.http.post(f"/v1/admin/devices/{lost.client_id}/revoke", json={"wipe": True})
        assert r.status_code == 200 and r.json()["tokens_ended"] >= 1
        assert admin.http.post("/v1/admin/devices/nope-nope/revoke",
                               json={}).status_code == 404
        for answer in (lost.http.get("/v1/me"), lost.http.get("/v1/pull"),
                       lost.http.post("/v1/push", json={"client_id": lost.client_id,
                                                        "mutations": []})):
            assert answer.status_code == 401
            error = answer.json()["error"]
            assert error["code"] == "device_revoked" and error["wipe"] is True
            assert error["message"] and error["message_zh"]
        again = server.client(headers=headers).post("/v1/auth/login", json={
            "username": "rep1", "password": "demo", "client_id": lost.client_id,
            "device_name": "found"})
        assert again.status_code == 401 and again.json()["error"]["code"] == "device_revoked"
        # The user's other device goes on.
        assert other.http.get("/v1/me").status_code == 200
        # Signing the user out everywhere ends the other device's sign-in (not a revocation).
        assert admin.http.post(f"/v1/admin/users/{s.users['rep1']}/sign-out").status_code == 204
        out = other.http.get("/v1/me")
        assert out.status_code == 401 and out.json()["error"]["code"] == "token_revoked"
        rows = {d["id"]: d for d in admin.http.get("/v1/admin/devices").json()}
        assert rows[lost.client_id]["revoked_at"] and rows[lost.client_id]["revoke_wipe"]
        assert rows[other.client_id]["revoked_at"] is None
        assert total(scrape(server), "dinghuo_devices_revoked") == 1


def cli(capsys: pytest.CaptureFixture[str], db_url: str, *argv: str, stdin: str = "") -> str:
    capsys.readouterr()
    with mock.patch("sys.stdin", io.StringIO(stdin)):
        status = server_cli([*argv, "--db", db_url])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def test_revoke_a_device_and_manage_users_from_the_command_line(
        pg_db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db_url = pg_db_url
    s = seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0))
    with served(app) as server, Api(server, "rep1") as lost, Api(server, "clerk1") as clerk:
        assert lost.http.post("/v1/devices/report", json={"unsent_changes": 2}).status_code == 204
        table = cli(capsys, db_url, "devices")
        assert table.splitlines()[0].split()[:3] == ["DEVICE", "USER", "NAME"]
        assert lost.client_id in table and "rep1" in table

        assert "revoked" in cli(capsys, db_url, "revoke-device", lost.client_id)
        error = lost.http.get("/v1/pull").json()["error"]
        assert error["code"] == "device_revoked" and error["wipe"] is False
        assert server_cli(["revoke-device", "no-such-device", "--db", db_url]) == 1
        assert "no device" in capsys.readouterr().err

        # Users: list, disable (signs out), enable, reset the password, move a clerk.
        listing = cli(capsys, db_url, "users", "list")
        assert re.search(r"^clerk1 .* warehouse_clerk +SH +- +yes$", listing, re.M), listing
        cli(capsys, db_url, "users", "disable", "clerk1")
        assert clerk.http.get("/v1/me").json()["error"]["code"] == "token_revoked"
        refused = server.client(headers=clerk.http.headers).post("/v1/auth/login", json={
            "username": "clerk1", "password": "demo", "client_id": clerk.client_id})
        assert refused.json()["error"]["code"] == "user_inactive"
        cli(capsys, db_url, "users", "enable", "clerk1")
        cli(capsys, db_url, "users", "reset-password", "clerk1", "--password-stdin",
            stdin="n3w-pass\n")
        with Api(server, "clerk1", password="n3w-pass") as back:
            assert back.user["warehouse_id"] == s.warehouses[0]
        cli(capsys, db_url, "users", "set-warehouse", "clerk1", "GZ")
        cli(capsys, db_url, "users", "set-role", "rep2", "store_owner", "--customer", "CUST-C")
        assert server_cli(["users", "set-role", "rep2", "warehouse_clerk", "--db", db_url]) == 1
        assert "warehouse" in capsys.readouterr().err
        listing = cli(capsys, db_url, "users", "list")
        assert re.search(r"^clerk1 .* warehouse_clerk +GZ ", listing, re.M)
        assert re.search(r"^rep2 .* store_owner +- +CUST-C ", listing, re.M)

        trail = cli(capsys, db_url, "users", "audit").splitlines()
        actions = [line.split()[4] for line in trail[1:]]
        assert actions == ["set_assignment", "set_assignment", "reset_password", "enable",
                           "disable"]
        assert all(line.split()[2].startswith("cli") for line in trail[1:])
        assert "n3w-pass" not in "\n".join(trail)
        assert '"warehouse_id": ' in trail[2]


def test_the_back_office_manages_users_through_the_api(db_url: str) -> None:
    s = seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0))
    with served(app) as server, Api(server, "admin") as admin, Api(server, "clerk1") as clerk:
        users = {u["username"]: u for u in admin.http.get("/v1/admin/users").json()}
        assert users["clerk1"]["warehouse_id"] == s.warehouses[0] and users["clerk1"]["active"]
        assert clerk.http.get("/v1/admin/users").status_code == 403
        clerk_id = s.users["clerk1"]
        r = admin.http.post(f"/v1/admin/users/{clerk_id}", json={"active": False})
        assert r.status_code == 200 and r.json()["active"] is False
        assert clerk.http.get("/v1/me").json()["error"]["code"] == "token_revoked"
        moved = admin.http.post(f"/v1/admin/users/{clerk_id}",
                                json={"active": True, "warehouse_id": s.warehouses[1],
                                      "password": "fresh-pw"})
        assert moved.json()["warehouse_id"] == s.warehouses[1] and moved.json()["active"]
        bad = admin.http.post(f"/v1/admin/users/{s.users['rep1']}",
                              json={"role": "warehouse_clerk"})
        assert bad.status_code == 400
        assert bad.json()["error"]["fields"][0]["code"] == "warehouse_required"
        assert bad.json()["error"]["message_zh"] == "仓库管理员需要一个已有的仓库。"
        assert admin.http.post(f"/v1/admin/users/{clerk_id}",
                               json={"colour": "red"}).status_code == 422
        with Api(server, "clerk1", password="fresh-pw") as back:
            assert back.user["warehouse_id"] == s.warehouses[1]
        trail = admin.http.get("/v1/admin/audit").json()
        assert [(a["action"], a["actor"]) for a in trail] == [
            ("enable", "admin"), ("reset_password", "admin"), ("set_assignment", "admin"),
            ("disable", "admin")]
        assert "fresh-pw" not in str(trail)


def test_the_last_active_admin_cannot_be_disabled_or_demoted(
        db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    s = seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0))
    with served(app) as server, Api(server, "admin") as admin:
        me = s.users["admin"]
        for change, field in (({"active": False}, "active"), ({"role": "sales_rep"}, "role")):
            r = admin.http.post(f"/v1/admin/users/{me}", json=change)
            assert r.status_code == 400, r.text
            error = r.json()["error"]
            assert error["fields"][0] == {
                "field": field, "code": "last_admin", "severity": "error", "params": {},
                "message": "this is the last active admin; make another user admin first",
                "message_zh": "这是最后一个启用的管理员账号，请先把另一位用户设为管理员。"}
        # Nothing changed: still an active admin, nothing recorded.
        assert admin.http.get("/v1/me").status_code == 200
        assert admin.http.get("/v1/admin/audit").json() == []
        # The command line keeps the same rule.
        assert server_cli(["users", "disable", "admin", "--db", db_url]) == 1
        assert "last active admin" in capsys.readouterr().err
        # With a second admin, the first may step down; then the second is the last one.
        rep2 = s.users["rep2"]
        assert admin.http.post(f"/v1/admin/users/{rep2}",
                               json={"role": "admin"}).json()["role"] == "admin"
        demoted = admin.http.post(f"/v1/admin/users/{me}", json={"role": "sales_rep"})
        assert demoted.status_code == 200 and demoted.json()["role"] == "sales_rep"
    assert server_cli(["users", "set-role", "rep2", "sales_rep", "--db", db_url]) == 1
    assert "last active admin" in capsys.readouterr().err
