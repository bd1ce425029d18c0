"""``python -m sync_engine.client.cli`` is ``dinghuo-cli``."""

from sync_engine.client.cli import main

raise SystemExit(main())
