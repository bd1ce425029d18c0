"""Protocol versions.

Every request carries ``Dinghuo-Protocol: <n>``. The server serves versions from
:data:`MIN_SUPPORTED_VERSION` to :data:`PROTOCOL_VERSION`; anything else gets HTTP 426 with the
code ``update_required``, and the client keeps its outbox until it is updated.
"""

PROTOCOL_VERSION = 2
MIN_SUPPORTED_VERSION = 2
"""Version 2 (promotions and tax-inclusive prices): an order's totals depend on promotions a
version 1 client cannot know, so it is refused (``update_required``) rather than answered with
totals it would show wrongly."""
PROTOCOL_HEADER = "Dinghuo-Protocol"
