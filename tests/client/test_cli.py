"""dinghuo-cli: login, sync, status, orders, order create from JSON/CSV, export, search."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sync_engine.client.cli import main
from tests.client.conftest import Env
from tests.client.server_state import count_orders

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.live


@pytest.fixture
def env(live_env: Env) -> Env:
    """The CLI opens its own connection to the server: one on loopback."""
    return live_env


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_end_to_end(env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    data = ["--data-dir", str(tmp_path / "cli"), "--server", env.url]
    monkeypatch.setenv("DINGHUO_PASSWORD", "demo")
    assert run(capsys, *data, "login", "--user", "rep1")[0] == 0
    code, out, _ = run(capsys, *data, "sync")
    assert code == 0 and "pulled" in out

    order_json = tmp_path / "order.json"
    order_json.write_text(json.dumps({"customer": "CUST-A", "notes": "from json",
                                      "lines": [{"sku": "SKU-0001", "quantity": 12}]}))
    code, out, _ = run(capsys, *data, "order", "create", str(order_json))
    assert code == 0 and "submitted (pending sync)" in out
    order_csv = tmp_path / "orders.csv"
    order_csv.write_text("customer,sku,quantity\nCUST-B,SKU-0002,3\nCUST-B,SKU-0003,1\n"
                         "CUST-A,SKU-0004,2\n", encoding="utf-8")
    code, out, _ = run(capsys, *data, "order", "create", str(order_csv), "--draft")
    assert code == 0 and out.count("draft") == 2

    code, out, _ = run(capsys, *data, "status", "--json")
    status = json.loads(out)
    assert status["pending"] == 1 and status["counts"]["orders"] == 3
    assert run(capsys, *data, "sync")[0] == 0
    assert count_orders(env.db_url) == 1

    code, out, _ = run(capsys, *data, "orders", "list", "--status", "confirmed", "--json")
    [listed] = json.loads(out)
    assert listed["notes"] == "from json" and listed["number"].startswith("DH")
    code, out, _ = run(capsys, *data, "orders", "show", listed["id"])
    assert code == 0 and "8.50" in out
    code, out, _ = run(capsys, *data, "orders", "list", "--customer", "CUST-B")
    assert code == 0 and len(out.splitlines()) == 1

    export = tmp_path / "orders_export.csv"
    assert run(capsys, *data, "export", str(export))[0] == 0
    rows = list(csv.DictReader(export.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 3 and {r["status"] for r in rows} == {"confirmed", "draft"}

    code, out, _ = run(capsys, *data, "search", "SKU-0003")
    assert code == 0 and out.startswith(str(env.seed.products[2]))
    code, out, _ = run(capsys, *data, "status")
    assert "pending changes: 0" in out


def test_cli_errors_are_one_line_and_non_zero(env: Env, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path / "cli")]
    code, _out, err = run(capsys, *data, "sync")
    assert code == 1 and err.count("\n") == 1 and err.startswith("dinghuo-cli: error:")
    code, _out, err = run(capsys, *data, "orders", "show", "nope")
    assert code == 1 and "no order" in err
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"customer": "CUST-A", "lines": [{"sku": "SKU-0001",
                                                                "quantity": 1}]}))
    assert run(capsys, *data, "order", "create", str(bad))[0] == 1


def test_cli_in_a_subprocess_signs_in_from_the_environment(env: Env, tmp_path: Path) -> None:
    environ = {**os.environ, "DINGHUO_KEYRING": "memory", "DINGHUO_USER": "rep1",
               "DINGHUO_PASSWORD": "demo", "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "sync_engine.client.cli", "--data-dir", str(tmp_path / "sub"),
           "--server", env.url]
    done = subprocess.run([*cmd, "sync"], env=environ, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    wrong = subprocess.run([*cmd, "login", "--user", "rep1"], env={**environ,
                           "DINGHUO_PASSWORD": "wrong"}, capture_output=True, text=True,
                           timeout=60, check=False)
    assert wrong.returncode == 5 and len(wrong.stderr.splitlines()) == 1
