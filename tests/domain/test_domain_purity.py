"""The domain is pure: standard library only, nothing else of ours, importable on its own."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import sync_engine.domain as domain

DOMAIN_DIR = Path(domain.__file__).parent
# The modules of the rules package (search_keys.py is another package's business).
RULE_FILES = [
    "__init__.py",
    "money.py",
    "model.py",
    "pricing.py",
    "validation.py",
    "messages.py",
    "lifecycle.py",
    "shipping.py",
    "text.py",
    "limits.py",
]


def test_rule_modules_import_only_the_standard_library_and_each_other() -> None:
    for name in RULE_FILES:
        tree = ast.parse((DOMAIN_DIR / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: within sync_engine.domain
                    assert node.level == 1, f"{name} reaches outside the domain"
                    continue
                roots = [(node.module or "").split(".")[0]]
            else:
                continue
            for root in roots:
                assert root in sys.stdlib_module_names, f"{name} imports {root}"


def test_importing_the_domain_loads_no_framework() -> None:
    code = (
        "import sys, sync_engine.domain\n"
        "heavy = {'PySide6', 'sqlalchemy', 'httpx', 'pydantic', 'fastapi', 'desktop',\n"
        "         'sync_engine.server', 'sync_engine.client', 'sync_engine.protocol'}\n"
        "print(sorted(m for m in sys.modules if m in heavy or m.split('.')[0] in heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_public_names_are_exported() -> None:
    for name in domain.__all__:
        assert hasattr(domain, name), name
    assert len(set(domain.__all__)) == len(domain.__all__)
