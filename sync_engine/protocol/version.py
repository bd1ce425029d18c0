"""Protocol versions.

Every request carries ``Dinghuo-Protocol: <n>``. The server serves versions from
:data:`MIN_SUPPORTED_VERSION` to :data:`PROTOCOL_VERSION`; anything else gets HTTP 426 with the
code ``update_required``, and the client keeps its outbox until it is updated.
"""

PROTOCOL_VERSION = 1
MIN_SUPPORTED_VERSION = 1
PROTOCOL_HEADER = "Dinghuo-Protocol"
