"""``python -m sync_engine.server`` is ``dinghuo-server``."""

import sys

from .cli import main

sys.exit(main())
