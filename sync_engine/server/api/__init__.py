"""The HTTP API: the app (:mod:`.app`), a router per area (:mod:`.routes`), dependencies,
settings, errors, middleware and the push processes."""
