"""The OpenAPI document's additions: request models that no route declares as a parameter.

The lean push route reads its own body (:func:`sync_engine.server.api.routes.sync.push`), so
FastAPI does not see its request model; the document still describes it for client authors.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

_SCHEMAS = "#/components/schemas/"


def schema_ref(model: type[BaseModel]) -> str:
    """The document's reference to ``model``'s schema (see :func:`document_models`)."""
    return _SCHEMAS + model.__name__


def query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    """The OpenAPI query parameters of a route that reads its query as ``model``
    (:func:`~.deps.query_of`)."""
    schema = model.model_json_schema()
    required = set(schema.get("required", ()))
    return [{"name": name, "in": "query", "required": name in required, "schema": field}
            for name, field in schema["properties"].items()]


def document_models(app: FastAPI, *models: type[BaseModel]) -> None:
    """Add ``models`` to ``app``'s OpenAPI document's components."""
    build = app.openapi  # builds the document once and keeps it in app.openapi_schema

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _, defs = models_json_schema([(m, "validation") for m in models],
                                         ref_template=_SCHEMAS + "{model}")
            build().setdefault("components", {}).setdefault("schemas", {}).update(
                defs.get("$defs", {}))
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
