"""A thin test client for the sync API (plain httpx, as another client would use it)."""

from __future__ import annotations

import uuid
from typing import Any

from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.support.server import Server


class Api:
    """One signed-in device."""

    def __init__(
        self,
        server: Server | str,
        username: str,
        password: str = "demo",
        client_id: str | None = None,
    ):
        """Sign ``username`` in on ``server`` (a :class:`Server`, or the URL of a live one)."""
        if isinstance(server, str):
            server = Server(server)
        self.server = server
        self.client_id = client_id or f"dev-{uuid.uuid4().hex[:16]}"
        self.http = server.client(timeout=30, headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)})
        r = self.http.post(
            "/v1/auth/login",
            json={
                "username": username,
                "password": password,
                "client_id": self.client_id,
                "device_name": f"test {username}",
            },
        )
        r.raise_for_status()
        body = r.json()
        self.user = body["user"]
        self.http.headers["Authorization"] = f"Bearer {body['access_token']}"
        self.cursor: str | None = None

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Api:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def push(self, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
        r = self.http.post(
            "/v1/push", json={"client_id": self.client_id, "mutations": list(mutations)}
        )
        assert r.status_code == 200, r.text
        return list(r.json()["results"])

    def push_one(
        self,
        kind: str,
        args: dict[str, Any],
        base_version: int | None = None,
        key: str | None = None,
    ) -> dict[str, Any]:
        return self.push(mutation(kind, args, base_version, key))[0]

    def pull_all(self, limit: int = 1000) -> list[dict[str, Any]]:
        """Pull until nothing is left; returns every change, advancing the cursor."""
        out: list[dict[str, Any]] = []
        while True:
            params: dict[str, Any] = {"limit": limit}
            if self.cursor:
                params["cursor"] = self.cursor
            r = self.http.get("/v1/pull", params=params)
            assert r.status_code == 200, r.text
            page = r.json()
            out.extend(page["changes"])
            self.cursor = page["cursor"]
            if not page["has_more"]:
                return out


def mutation(
    kind: str, args: dict[str, Any], base_version: int | None = None, key: str | None = None
) -> dict[str, Any]:
    return {
        "key": key or uuid.uuid4().hex,
        "kind": kind,
        "base_version": base_version,
        "args": args,
    }


def new_id() -> str:
    return str(uuid.uuid4())
