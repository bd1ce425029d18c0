"""``GET /metrics``: the server's metrics in Prometheus' text format (:mod:`..metrics`).

Not under ``/v1`` and without sign-in, like ``/healthz``: Prometheus scrapes it; keep it on a
network only the monitoring reaches (PROTOCOL.md, "Operations"). Its reads of the database are
rendered on a lane of one thread of their own (:class:`.ThreadLane`): Prometheus scrapes every
few seconds, and a flood of scrapes waits its turn on the event loop instead of taking the
threads FastAPI runs the other routes on.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from sync_engine.server.api.deps import AppServices
from sync_engine.server.api.metrics import CONTENT_TYPE, render

router = APIRouter(tags=["ops"])


@router.get("/metrics", response_class=Response)
async def metrics(app: AppServices) -> Response:
    body = await app.metrics_lane.run(render, app.metrics, app.sessions)
    return Response(body, media_type=CONTENT_TYPE)
