"""``POST /v1/devices/report``: a device reports its health with each sync (PROTOCOL.md)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from sync_engine.protocol import DeviceReport
from sync_engine.server import accounts
from sync_engine.server.api.deps import Current, Db
from sync_engine.server.api.errors import ERROR_RESPONSES

router = APIRouter(tags=["sync"], responses=ERROR_RESPONSES)


@router.post("/v1/devices/report", status_code=204)
def report(body: DeviceReport, who: Current, session: Db) -> Response:
    """Keep the signed-in device's latest health report (the last one wins)."""
    accounts.save_report(session, who[1], body.model_dump())
    return Response(status_code=204)
