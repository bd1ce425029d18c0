"""dinghuo-cli returns: request from a shipped order (offline, sent by `sync`), list, show;
errors in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sync_engine.client.cli import main
from sync_engine.client.engine import Engine
from tests.client.conftest import Env
from tests.client.test_cli import run, signed_in, table_rows
from tests.client.test_returns_offline import _import_receivables

pytestmark = pytest.mark.live


@pytest.fixture
def env(live_env: Env) -> Env:
    return live_env


@pytest.fixture(autouse=True)
def no_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)


def _shipped(env: Env, username: str) -> tuple[Engine, str, str]:
    """``username``'s order of 12 × SKU-0001 for customer A, shipped: their device, the
    order's id and its number."""
    p1 = env.seed.products[0]
    device = env.device(username)
    order = device.create_draft(env.seed.customers["A"], {p1: 12})
    device.submit(order.id)
    device.sync_once()
    clerk = env.device("clerk1")
    clerk.confirm_shipment(order.id, {p1: 12})
    clerk.sync_once()
    device.sync_once()
    number = device.order(order.id).number
    assert number
    return device, order.id, number


def test_returns_request_list_show(env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _, _, number = _shipped(env, "rep1")
    data = signed_in(env, tmp_path, capsys, monkeypatch)

    code, out, err = run(capsys, *data, "returns", "request", number, "--set", "SKU-0001=20",
                         "--reason", "damaged")
    assert code == 1 and "12" in err and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, *data, "returns", "request", number, "--set", "SKU-0001=x",
                         "--reason", "damaged")
    assert code == 2
    assert main([*data, "returns", "request", number, "--reason", "lost",
                 "--set", "SKU-0001=1"]) == 2
    capsys.readouterr()
    code, out, err = run(capsys, *data, "returns", "request", number, "--set", "SKU-0001=5",
                         "--reason", "expired", "--note", "临期")
    assert code == 0 and "5 units" in out, err
    code, out, _ = run(capsys, *data, "returns", "list")
    assert "requested (pending sync)" in out and "(unsent)" in out
    assert run(capsys, *data, "sync")[0] == 0
    code, out, _ = run(capsys, *data, "returns", "list", "--json")
    [made] = json.loads(out)
    assert made["number"] == f"{number}-R1" and made["status"] == "requested"
    code, out, _ = run(capsys, *data, "returns", "show", made["number"])
    assert code == 0 and "SKU-0001" in out and "expired" in out and "临期" in out
    code, _, err = run(capsys, *data, "returns", "show", "DH99999999-R9")
    assert code == 1 and "no return" in err


def test_a_return_conflict_is_reduced_from_the_command_line(
        env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    p1 = env.seed.products[0]
    owner, order_id, number = _shipped(env, "owner1")
    data = signed_in(env, tmp_path, capsys, monkeypatch)  # rep1
    code, out, err = run(capsys, *data, "returns", "request", number, "--set", "SKU-0001=5",
                         "--reason", "damaged")
    assert code == 0, err
    owner.request_return(order_id, {p1: 9}, "unsold")  # the owner's device is faster
    owner.sync_once()
    code, out, _ = run(capsys, *data, "sync")
    assert code == 3  # a conflict
    code, out, _ = run(capsys, *data, "conflicts", "list", "--json")
    [conflict] = json.loads(out)
    cid = str(conflict["id"])
    code, out, _ = run(capsys, *data, "conflicts", "show", cid)
    assert "Still returnable" in out and "reduce|" in out
    code, out, err = run(capsys, *data, "conflicts", "resolve", cid, "keep-mine")
    assert code == 1 and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, *data, "conflicts", "resolve", cid, "reduce")
    assert code == 0 and "still returnable" in out, err
    assert run(capsys, *data, "sync")[0] == 0
    code, out, _ = run(capsys, *data, "returns", "list", "--json")
    mine = [r for r in json.loads(out) if r["reason"] == "damaged"]
    assert [(r["status"], [ln["quantity"] for ln in r["lines"]]) for r in mine] == [
        ("requested", [3])]


def test_customers_show_open_and_overdue_receivables_as_of_the_last_sync(
        env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A rep at a terminal sees what a customer owes before taking the order, offline too."""
    _import_receivables(env.db_url)
    data = signed_in(env, tmp_path, capsys, monkeypatch)
    code, out, _ = run(capsys, *data, "customers", "CUST-A")
    assert code == 0
    header = out.splitlines()[0]
    assert "Open" in header and "Overdue" in header
    row = next(r for r in table_rows(out) if r.startswith("CUST-A"))
    assert row.count("¥1,130.00") == 2  # open, and all of it overdue
    code, out, _ = run(capsys, *data, "customers", "CUST-B")
    row = next(r for r in table_rows(out) if r.startswith("CUST-B"))
    assert "¥1,130.00" not in row
