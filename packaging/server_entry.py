"""Entry script of the frozen ``dinghuo-server`` (the demo's embedded server)."""

from sync_engine.server.ops.cli import main

raise SystemExit(main())
