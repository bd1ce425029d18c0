"""The wire protocol between Dinghuo clients and the sync server: versions and schemas.

See ``sync_engine/PROTOCOL.md`` for the prose description.
"""

from .schemas import *  # noqa: F403
from .schemas import __all__ as _schemas_all
from .times import parse_time
from .version import MIN_SUPPORTED_VERSION, PROTOCOL_HEADER, PROTOCOL_VERSION

__all__ = ["MIN_SUPPORTED_VERSION", "PROTOCOL_HEADER", "PROTOCOL_VERSION", "parse_time",
           *_schemas_all]
