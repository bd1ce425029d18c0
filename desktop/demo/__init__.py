"""The demo: an embedded sync server with demo data (``dinghuo --demo``), realistic orders made
through the engine, and the screenshot run (``dinghuo --demo --screenshots DIR``).

Only the entry point (:mod:`desktop.app`) imports this package, and nothing here imports the
entry point: the demo drives the app from outside, as a user would (import contracts).
"""
