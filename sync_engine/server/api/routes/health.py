"""``GET /healthz``: the server is up and its database answers (for load balancers)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from sync_engine.protocol import PROTOCOL_VERSION, ErrorBody
from sync_engine.server.api.deps import Db

router = APIRouter(tags=["ops"])


@router.get("/healthz", responses={503: {"model": ErrorBody,
                                         "description": "the database does not answer"}})
def healthz(session: Db) -> dict[str, str]:
    session.execute(text("SELECT 1"))
    return {"status": "ok", "protocol": str(PROTOCOL_VERSION)}
