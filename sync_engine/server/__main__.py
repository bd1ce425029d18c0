"""``python -m sync_engine.server`` is ``dinghuo-server``."""

import sys

from sync_engine.server.ops.cli import main

sys.exit(main())
