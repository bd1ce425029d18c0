"""FastAPI's own OpenTelemetry hooks are off: the server's metrics are Prometheus', and with the
hooks on, every request (each of a woken fleet's pulls) looked up the global providers."""

from __future__ import annotations

from unittest import mock

from opentelemetry import metrics, trace

from sync_engine.server.api.app import create_app
from sync_engine.server.api.settings import ServerSettings
from tests.server.test_metrics import served


def test_requests_do_not_look_for_opentelemetry_providers(db_url: str) -> None:
    app = create_app(ServerSettings(db=db_url, push_processes=0))
    with served(app) as server, server.client() as http, \
            mock.patch.object(trace, "get_tracer_provider", wraps=trace.get_tracer_provider) \
            as tracers, \
            mock.patch.object(metrics, "get_meter_provider", wraps=metrics.get_meter_provider) \
            as meters:
        for _ in range(3):
            assert http.get("/healthz").status_code == 200
            assert http.get("/v1/pull").status_code in (401, 426)
    assert tracers.call_count == 0
    assert meters.call_count == 0
