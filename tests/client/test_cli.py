"""dinghuo-cli: login, sync, status, orders (list, show, create from JSON/CSV, edit, submit,
cancel, export), conflicts, customers, search — tables with headers, money as ¥1,234.56,
orders named by number, local number or id, errors in one line with their exit codes."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sync_engine.client.cli import main
from sync_engine.server.accounts import throttle
from tests.client.conftest import Env
from tests.client.server_state import count_orders, server_order, set_base_price

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.live


@pytest.fixture
def env(live_env: Env) -> Env:
    """The CLI opens its own connection to the server: one on loopback."""
    return live_env


@pytest.fixture(autouse=True)
def no_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables keep their natural width, whatever the terminal running the tests says."""
    monkeypatch.delenv("COLUMNS", raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def signed_in(env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str],
              monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """rep1 signed in and synced on a CLI device of its own; the global options to use it."""
    data = ["--data-dir", str(tmp_path / "cli")]
    monkeypatch.setenv("DINGHUO_PASSWORD", "demo")
    assert run(capsys, *data, "login", "--server", env.url, "--user", "rep1")[0] == 0
    assert run(capsys, *data, "sync")[0] == 0
    return data


def table_rows(out: str) -> list[str]:
    """The data rows of a table (the lines after the header's rule, up to a blank line)."""
    lines = out.splitlines()
    rule = next(i for i, line in enumerate(lines) if set(line.strip()) == {"─"})
    rows = []
    for line in lines[rule + 1:]:
        if not line.strip():
            break
        rows.append(line.strip())
    return rows


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
    assert code == 0 and "submitted (waiting to be sent)" in out
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
    assert code == 0 and "¥8.50" in out
    code, out, _ = run(capsys, *data, "orders", "list", "--customer", "CUST-B")
    assert code == 0 and len(table_rows(out)) == 1
    code, out, _ = run(capsys, *data, "orders", "list", "--customer", "CUST-B", "--json")
    assert code == 0 and len(json.loads(out)) == 1

    export = tmp_path / "orders_export.csv"
    assert run(capsys, *data, "export", str(export))[0] == 0
    rows = list(csv.DictReader(export.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 3 and {r["status"] for r in rows} == {"confirmed", "draft"}
    assert {r["price_basis"] for r in rows} == {"不含税 tax-exclusive"}  # says which prices

    code, out, _ = run(capsys, *data, "search", "SKU-0003")
    assert code == 0 and table_rows(out)[0].startswith("SKU-0003 ")
    code, out, _ = run(capsys, *data, "search", "SKU-0003", "--json")
    assert json.loads(out)[0]["id"] == env.seed.products[2]
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


def test_cli_says_how_long_to_wait_after_wrong_passwords(
        env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    login = ["--data-dir", str(tmp_path / "cli"), "login", "--server", env.url, "--user", "rep1"]
    # The throttle's clock stands still, so the 2 s wait cannot pass on a slow machine before
    # the right password is tried.
    now = throttle.utcnow()
    monkeypatch.setattr(throttle, "utcnow", lambda: now)
    monkeypatch.setenv("DINGHUO_PASSWORD", "wrong-password")
    for _ in range(throttle.ACCOUNT.free + 1):
        assert run(capsys, *login)[0] == 5
    monkeypatch.setenv("DINGHUO_PASSWORD", "demo")
    code, _out, err = run(capsys, *login)
    assert code == 1 and err.count("\n") == 1
    assert re.fullmatch(r"dinghuo-cli: error: Too many sign-in attempts\. Try again in \d+ s\.\n",
                        err), err


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


# --- what it looks like ----------------------------------------------------------------------


def test_money_is_always_yuan_with_separators_and_two_decimals() -> None:
    from decimal import Decimal

    from sync_engine.client.cli.output import money, percent, unit_price

    assert money(Decimal("168.9600")) == "¥168.96"
    assert money(Decimal("57.93")) == "¥57.93"
    assert money(Decimal("1234567.5")) == "¥1,234,567.50"
    assert money(Decimal("0.005")) == "¥0.01"  # half up, as the domain rounds
    assert money(Decimal("-3")) == "-¥3.00"
    assert unit_price(Decimal("6.9400")) == "¥6.94"
    assert unit_price(Decimal("0.0850")) == "¥0.0850"  # a sub-cent price keeps its digits
    assert percent(Decimal("0.1300")) == "13%" and percent(Decimal("0.09")) == "9%"


def test_listings_have_a_header_and_chinese_columns_line_up(
        env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.cells import cell_len

    data = signed_in(env, tmp_path, capsys, monkeypatch)
    orders = tmp_path / "orders.csv"
    orders.write_text("customer,sku,quantity\nCUST-A,SKU-0001,12\nCUST-B,SKU-0002,300\n",
                      encoding="utf-8")
    assert run(capsys, *data, "orders", "create", str(orders))[0] == 0
    code, out, _ = run(capsys, *data, "orders", "list")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["Order", "Customer", "Status", "Total", "Created",
                                              "Sync"]
    rows = table_rows(out)
    assert len(rows) == 2 and {r.split()[1] for r in rows} == {"客户A", "客户B"}
    assert "¥3,000.00" in out or "¥3,390.00" in out  # 300 × ¥10.00 (+ tax): separators
    # The Total column's right edge is at the same screen column on every line, Chinese
    # names (two columns a character) before it or not.
    header_edge = cell_len(lines[0][:lines[0].index("Total") + len("Total")])
    for line in lines[2:]:
        amount = next(word for word in line.split() if word.startswith("¥"))
        assert cell_len(line[:line.index(amount) + len(amount)]) == header_edge, line
    assert not any(re.search(r"\b[0-9a-f]{8}-[0-9a-f]{4}-", line) for line in lines)  # no ids


def test_every_listing_has_json(env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    data = signed_in(env, tmp_path, capsys, monkeypatch)
    for listing in (["orders", "list"], ["conflicts", "list"], ["conflicts"], ["customers"],
                    ["search", "SKU"], ["status"]):
        code, out, _ = run(capsys, *data, *listing, "--json")
        assert code == 0, listing
        json.loads(out)
    code, out, _ = run(capsys, *data, "customers", "--json")
    assert {c["code"] for c in json.loads(out)} >= {"CUST-A", "CUST-B"}
    assert json.loads(run(capsys, *data, "status", "--json")[1])["server"] == env.url


def test_help_describes_the_order_file_and_the_exit_codes(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "orders", "create", "--help")
    text = " ".join(out.split())
    assert code == 0
    assert '{"customer": "CUST-A",' in text and '"lines": [{"sku": "SKU-0001", "quantity": 12}' \
        in text
    assert "customer,sku,quantity,notes,delivery_date" in text and "--draft" in text
    assert "multiple of its pack size" in text
    code, out, _ = run(capsys, "--help")
    text = " ".join(out.split())
    assert "Exit codes: 0 ok, 1 an error" in text and "login --server" in text
    code, out, _ = run(capsys, "search", "--help")
    assert "(default: 20)" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from sync_engine.version import installed_version

    code, out, _ = run(capsys, "--version")
    assert code == 0 and out == f"dinghuo-cli {installed_version()}\n"


# --- signing in ------------------------------------------------------------------------------


def test_login_names_its_server(env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    data = ["--data-dir", str(tmp_path / "cli")]
    monkeypatch.setenv("DINGHUO_PASSWORD", "demo")
    monkeypatch.delenv("DINGHUO_SERVER", raising=False)
    code, _out, err = run(capsys, *data, "login", "--user", "rep1")
    assert code == 2
    assert err == "dinghuo-cli: error: say which server to sign in to: dinghuo-cli login " \
        "--server URL --user NAME\n"
    code, _out, err = run(capsys, *data, "sync")
    assert code == 1 and "no server is configured" in err and "login --server URL" in err
    code, out, _ = run(capsys, *data, "login", "--server", env.url, "--user", "rep1")
    assert code == 0 and out == f"signed in to {env.url} as rep1 (sales rep)\n"
    assert run(capsys, *data, "sync")[0] == 0  # the server is remembered


# --- unknown values ----------------------------------------------------------------------------


def test_unknown_values_are_errors(env: Env, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    data = signed_in(env, tmp_path, capsys, monkeypatch)
    code, out, err = run(capsys, *data, "orders", "list", "--status", "bogus")
    assert code == 2 and out == ""
    assert "invalid choice: 'bogus'" in err
    for status in ("draft", "submitted", "confirmed", "partially_shipped", "shipped", "closed",
                   "cancelled", "rejected"):
        assert f"'{status}'" in err
    code, _out, err = run(capsys, *data, "orders", "list", "--from", "yesterday")
    assert code == 2 and "'yesterday' is not a date: write YYYY-MM-DD" in err
    code, _out, err = run(capsys, *data, "orders", "list", "--customer", "CUST-Z")
    assert code == 1 and err.count("\n") == 1 and "no customer 'CUST-Z'" in err
    code, _out, err = run(capsys, *data, "orders", "show", "DH99999999")
    assert code == 1 and err.count("\n") == 1 and "no order 'DH99999999'" in err
    code, _out, err = run(capsys, *data, "conflicts", "resolve", "1", "maybe")
    assert code == 2 and "invalid choice: 'maybe'" in err


# --- orders by number, edit, submit, cancel -------------------------------------------------


def test_orders_named_by_number_local_number_or_id_edited_and_cancelled(
        env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = signed_in(env, tmp_path, capsys, monkeypatch)
    order_csv = tmp_path / "order.csv"
    order_csv.write_text("customer,sku,quantity\nCUST-A,SKU-0002,3\nCUST-A,SKU-0003,2\n",
                         encoding="utf-8")
    code, out, _ = run(capsys, *data, "orders", "create", str(order_csv), "--draft")
    assert code == 0 and "draft (on this device only)" in out
    [draft] = json.loads(run(capsys, *data, "orders", "list", "--json")[1])
    local = draft["local_number"]

    code, out, _ = run(capsys, *data, "orders", "edit", local, "--set", "SKU-0002=6",
                       "--remove", "SKU-0003", "--notes", "gate 3", "--delivery-date",
                       "2031-05-02")
    assert code == 0 and out.startswith(f"order {local} changed; now ¥")
    code, out, _ = run(capsys, *data, "orders", "show", local)
    assert code == 0 and "SKU-0002" in out and "商品2" in out and "6 瓶" in out
    assert "SKU-0003" not in out and "gate 3" in out and "2031-05-02" in out
    code, _out, err = run(capsys, *data, "orders", "edit", local)
    assert code == 2 and "nothing to change" in err
    code, _out, err = run(capsys, *data, "orders", "edit", local, "--set", "SKU-0002")
    assert code == 2 and "write SKU=QUANTITY" in err

    assert run(capsys, *data, "orders", "submit", local)[0] == 0
    assert run(capsys, *data, "sync")[0] == 0
    [synced] = json.loads(run(capsys, *data, "orders", "list", "--json")[1])
    number = synced["number"]
    assert number.startswith("DH") and synced["id"] == draft["id"]
    shown = {ref: run(capsys, *data, "orders", "show", ref) for ref in
             (number, number.lower(), local, draft["id"])}
    assert all(code == 0 for code, _o, _e in shown.values())
    assert len({out for _c, out, _e in shown.values()}) == 1  # one order, however named
    server = server_order(env.db_url, draft["id"])
    assert server is not None and [ln.quantity for ln in server.lines] == [6]

    code, out, _ = run(capsys, *data, "orders", "cancel", number, "--reason", "客户取消")
    assert code == 0 and out.startswith(f"order {number} cancelled")
    assert run(capsys, *data, "sync")[0] == 0
    server = server_order(env.db_url, draft["id"])
    assert server is not None and server.status == "cancelled"
    code, out, _ = run(capsys, *data, "orders", "list", "--status", "cancelled")
    assert [row.split()[0] for row in table_rows(out)] == [number]


# --- conflicts -------------------------------------------------------------------------------


def test_conflicts_are_listed_shown_with_both_sides_and_resolved(
        env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = signed_in(env, tmp_path, capsys, monkeypatch)
    s = env.seed
    order_json = tmp_path / "order.json"
    order_json.write_text(json.dumps({"customer": "CUST-B",
                                      "lines": [{"sku": "SKU-0003", "quantity": 4}]}))
    assert run(capsys, *data, "orders", "create", str(order_json))[0] == 0  # at ¥10.00
    set_base_price(env.db_url, s.products[2], "10.50")
    code, out, _ = run(capsys, *data, "sync")
    assert code == 3 and "1 conflict needs your decision: `dinghuo-cli conflicts`" in out
    assert count_orders(env.db_url) == 0

    code, out, _ = run(capsys, *data, "conflicts")
    [row] = table_rows(out)[:1]
    conflict_id = row.split()[0]
    assert "客户B" in row and "submit" in row and "Prices changed" in row
    code, out, _ = run(capsys, *data, "conflicts", "show", conflict_id)
    assert code == 0
    assert "SKU-0003 商品3: quoted ¥10.00, now ¥10.50" in out
    assert "Yours" in out and "At today's prices" in out
    assert "¥40.00" in out and "¥42.00" in out  # 4 × the quoted price, 4 × today's

    code, _out, err = run(capsys, *data, "conflicts", "resolve", conflict_id, "keep-mine")
    assert code == 2 and "--accept-new-prices" in err
    assert run(capsys, *data, "conflicts", "--json")[1] != "[]\n"  # still open
    code, out, _ = run(capsys, *data, "conflicts", "resolve", conflict_id, "keep-mine",
                       "--accept-new-prices")
    assert code == 0 and "sent again" in out
    assert run(capsys, *data, "sync")[0] == 0
    assert count_orders(env.db_url) == 1
    assert run(capsys, *data, "conflicts")[1] == "nothing needs your decision\n"
    code, out, _ = run(capsys, *data, "conflicts", "list", "--all")
    assert code == 0 and len(table_rows(out)) == 1


def test_a_conflict_taken_theirs_or_edited(env: Env, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    data = signed_in(env, tmp_path, capsys, monkeypatch)
    s = env.seed
    for quantity in (4, 5):
        order_json = tmp_path / f"order{quantity}.json"
        order_json.write_text(json.dumps({"customer": "CUST-B", "lines": [
            {"sku": "SKU-0003", "quantity": quantity}]}))
        assert run(capsys, *data, "orders", "create", str(order_json))[0] == 0
    set_base_price(env.db_url, s.products[2], "10.50")
    assert run(capsys, *data, "sync")[0] == 3
    first, second = sorted(json.loads(run(capsys, *data, "conflicts", "--json")[1]),
                           key=lambda c: c["id"])
    code, out, _ = run(capsys, *data, "conflicts", "resolve", str(first["id"]), "take-theirs")
    assert code == 0 and "the server's version is kept" in out
    code, out, _ = run(capsys, *data, "conflicts", "resolve", str(second["id"]), "edit")
    assert code == 0 and "is now the draft L" in out
    draft = out.split("is now the draft ")[1].split(":")[0]
    code, out, _ = run(capsys, *data, "orders", "show", draft)
    assert code == 0 and "draft" in out and "5 瓶" in out
    assert json.loads(run(capsys, *data, "conflicts", "--json")[1]) == []
