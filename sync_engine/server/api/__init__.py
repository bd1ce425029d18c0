"""The HTTP API: the app, its routes, errors and the push processes."""
