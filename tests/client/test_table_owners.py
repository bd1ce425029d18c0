"""One writer per table: every INSERT, UPDATE and DELETE on a local table is in the module that
the client package's docstring names as its owner, and every table has one."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import sync_engine.client

CLIENT = Path(sync_engine.client.__file__).parent

_OWNER_LINE = re.compile(r"^- ((?:``\w+``(?:, )?)+): :mod:`\.(\w+)`$")
_VERB = r"\b(?:INSERT(?: OR \w+)? INTO|REPLACE INTO|(?<!DO )UPDATE|DELETE FROM)"
_WRITE = re.compile(_VERB + r"\s+(?:(\w+)\.)?(\w*)")
# FTS5's own tables of a full-text table (``x_fts``): written by FTS5, or copied by its owner.
_FTS5_OWN = re.compile(r"^(\w+_fts)_(?:data|idx|config|docsize|content)$")
_WRITE_OF_A_NAME_MADE_LATER = re.compile(_VERB + r"\s*(?:main\.)?$")
_CREATE = re.compile(r"CREATE (?:VIRTUAL )?TABLE (?:IF NOT EXISTS )?(\w+)")
# The writes every table of server documents has, made on the table each owner declares.
_DOCUMENTS_MODULE = "documents"
_DOCUMENTS_CLASS = "ServerDocuments"


def _owners() -> dict[str, str]:
    """The map in the package docstring: table → module."""
    owners: dict[str, str] = {}
    for line in (sync_engine.client.__doc__ or "").splitlines():
        found = _OWNER_LINE.match(line.strip())
        if found:
            for table in re.findall(r"``(\w+)``", found.group(1)):
                assert table not in owners, f"{table} has two owners in the docstring"
                owners[table] = found.group(2)
    return owners


def _sources(*, migrations: bool) -> dict[str, Path]:
    return {
        ".".join(path.relative_to(CLIENT).with_suffix("").parts): path
        for path in sorted(CLIENT.rglob("*.py"))
        if migrations or "migrations" not in path.parts
    }


def _docstrings(tree: ast.AST) -> set[int]:
    nodes = [tree, *(n for n in ast.walk(tree)
                     if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef))]
    out = set()
    for node in nodes:
        body = getattr(node, "body", [])
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            out.add(id(body[0].value))
    return out


def _sql_texts(path: Path) -> list[tuple[str, bool]]:
    """The string constants of a module but its docstrings; True where a formatted value
    follows the text (part of an f-string)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    texts: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = node.values
            for i, part in enumerate(parts):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    skip.add(id(part))
                    followed = i + 1 < len(parts) and isinstance(parts[i + 1], ast.FormattedValue)
                    texts.append((part.value, followed))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in skip):
            texts.append((node.value, False))
    return texts


def _declared_documents(module: str, path: Path) -> list[str]:
    """The tables a module declares as ``ServerDocuments("table", …)``: the writes that
    :mod:`sync_engine.client.documents` makes to it are the declaring module's. The name must be
    written out there, and the class is used for nothing else."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = {id(n.func): n for n in ast.walk(tree) if isinstance(n, ast.Call)}
    tables = []
    for node in ast.walk(tree):
        name = node.id if isinstance(node, ast.Name) else (
            node.attr if isinstance(node, ast.Attribute) else None)
        if name != _DOCUMENTS_CLASS:
            continue
        call = calls.get(id(node))
        assert call is not None and call.args and isinstance(call.args[0], ast.Constant) \
            and isinstance(call.args[0].value, str), (
                f"{module} uses {_DOCUMENTS_CLASS} other than to declare a table by its name "
                f"written out (line {node.lineno})")
        tables.append(call.args[0].value)
    return tables


def _written(text: str) -> list[str]:
    """The local tables ``text`` writes. A table of another database attached (the catalog
    pack being made, ``pack.products``) is not one; FTS5's own tables count as theirs."""
    out = []
    for schema, table in _WRITE.findall(text):
        if schema not in ("", "main") or not table:
            continue
        shadow = _FTS5_OWN.match(table)
        out.append(shadow.group(1) if shadow else table)
    return out


def _writes() -> dict[str, set[str]]:
    """Table → the modules whose SQL writes it, or that declare it as server documents."""
    writers: dict[str, set[str]] = {}
    for module, path in _sources(migrations=False).items():
        for text, followed in _sql_texts(path):
            # The one exception: the documents module writes the tables declared elsewhere
            # (see _declared_documents).
            assert module == _DOCUMENTS_MODULE or not (
                followed and _WRITE_OF_A_NAME_MADE_LATER.search(text)), (
                f"{module} writes a table whose name is made at run time: write it out, so that "
                f"whoever reads the code (and this test) sees which table it writes: {text!r}")
            for table in _written(text):
                writers.setdefault(table, set()).add(module)
        if module != _DOCUMENTS_MODULE:
            for table in _declared_documents(module, path):
                writers.setdefault(table, set()).add(module)
    return writers


def test_every_table_has_one_owner_in_the_package_docstring() -> None:
    created = set()
    for path in _sources(migrations=True).values():
        created.update(_CREATE.findall(path.read_text(encoding="utf-8")))
    assert created, "no CREATE TABLE found: the test reads the wrong files"
    assert set(_owners()) == created


def test_each_table_is_written_by_its_owner_alone() -> None:
    owners = _owners()
    writers = _writes()
    assert set(writers) <= set(owners), f"unknown tables written: {set(writers) - set(owners)}"
    for table, modules in sorted(writers.items()):
        assert modules == {owners[table]}, f"{table} is written by {sorted(modules)}"
    # And the map is not stale: each owner does write its tables.
    assert set(writers) == set(owners)


def test_the_scan_finds_writes_however_they_are_written() -> None:
    """The patterns the scan relies on, on the kinds of statement the client has."""
    assert _written("INSERT OR IGNORE INTO favourites (user_id) VALUES") == ["favourites"]
    assert _written("REPLACE INTO product_search (id) VALUES (?)") == ["product_search"]
    assert _written(
        "INSERT INTO stock (a) VALUES ON CONFLICT (a) DO UPDATE SET a = excluded.a"
    ) == ["stock"]
    assert _written("UPDATE outbox SET state = 'done' WHERE seq = ?") == ["outbox"]
    assert _written("DELETE FROM orders WHERE id = ?") == ["orders"]
    assert _written("SELECT * FROM orders WHERE id = ?") == []
    assert _written("INSERT INTO main.products SELECT * FROM pack.products") == ["products"]
    assert _written("INSERT INTO pack.products SELECT * FROM main.products") == []
    assert _written("INSERT INTO pack.") == []  # (the name follows, in an f-string)
    assert _written("INSERT INTO product_search_fts_idx SELECT 1") == ["product_search_fts"]
    assert _WRITE_OF_A_NAME_MADE_LATER.search("DELETE FROM ")
    assert _WRITE_OF_A_NAME_MADE_LATER.search("DELETE FROM main.")
    assert not _WRITE_OF_A_NAME_MADE_LATER.search("INSERT INTO pack.")


def test_a_table_of_documents_is_declared_by_its_name_written_out(tmp_path: Path) -> None:
    declared = tmp_path / "declared.py"
    declared.write_text('TABLE = ServerDocuments("shipments")\n'
                        'OTHER = documents.ServerDocuments("returns", required=("status",))\n')
    assert _declared_documents("declared", declared) == ["shipments", "returns"]
    for made_later in ('TABLE = ServerDocuments(name)\n', 'make = ServerDocuments\n'):
        declared.write_text(made_later)
        with pytest.raises(AssertionError, match="declare a table by its name written out"):
            _declared_documents("declared", declared)
