"""Entry script of the frozen app (PyInstaller runs it as a top-level script, so it must use
absolute imports)."""

from desktop.app import main

raise SystemExit(main())
