"""Device health reports, and cutting a device off (API and ``dinghuo-server``)."""

from __future__ import annotations

import datetime as dt

import httpx

from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_engine.server.api.app import create_app
from sync_engine.server.api.settings import ServerSettings
from sync_engine.server.storage.models import utcnow
from tests.server.test_metrics import scrape, total
from tests.support.api import Api
from tests.support.live import serve_app
from tests.support.seed import seed


def test_a_device_report_round_trip_reaches_the_back_office_and_the_metrics(
        db_url: str) -> None:
    seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0))
    with serve_app(app) as url, Api(url, "rep1") as rep, Api(url, "rep2") as quiet, \
            Api(url, "admin") as admin:
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

        m = scrape(url)
        assert total(m, "dinghuo_devices") == 3
        assert total(m, "dinghuo_devices_with_unsent") == 1
        assert total(m, "dinghuo_devices_unsent_older_than_hour") == 1
        assert total(m, "dinghuo_devices_conflicts_waiting") == 1
        assert total(m, "dinghuo_devices_db_check_failed") == 0


def test_a_revoked_device_is_told_at_once_and_cannot_sign_in_again(db_url: str) -> None:
    s = seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0))
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    with serve_app(app) as url, Api(url, "rep1") as lost, Api(url, "rep1") as other, \
            Api(url, "admin") as admin:
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
        again = httpx.post(f"{url}/v1/auth/login", headers=headers, json={
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
        assert total(scrape(url), "dinghuo_devices_revoked") == 1
