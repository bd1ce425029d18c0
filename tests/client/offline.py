"""An engine with a small replica made locally (no server): for tests of local operations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sync_engine.client import replica
from sync_engine.client.engine import Engine

WAREHOUSE = 1
CUSTOMER_A, CUSTOMER_B = 11, 12
AS_OF = "2026-11-25T08:00:00+00:00"


def product(pid: int, **over: Any) -> dict[str, Any]:
    data = {
        "id": pid, "sku": f"SKU-{pid:04d}", "barcode": f"69{pid:011d}", "name_zh": f"可口可乐{pid}",
        "name_en": f"Cola {pid}", "category": "饮料", "unit": "瓶", "case_unit": "箱",
        "case_qty": 6, "pack_size": 1, "min_qty": 1, "tax_rate": "0.13", "base_price": "10.00",
        "active": True, "sellable": True, "pinyin": "ke'kou'ke'le", "initials": "kkkl",
        "updated_at": AS_OF,
    }
    data.update(over)
    return data


def change(entity: str, key: str, data: dict[str, Any] | None, version: int = 1,
           op: str = "upsert") -> dict[str, Any]:
    return {"seq": 0, "entity": entity, "id": key, "op": op, "version": version, "data": data}


def base_changes() -> list[dict[str, Any]]:
    out = [change("warehouse", "1", {"id": 1, "code": "SH", "name": "上海仓"})]
    for pid in range(1, 6):
        over: dict[str, Any] = {}
        if pid == 3:
            over = {"pack_size": 6, "min_qty": 6}
        if pid == 5:
            over = {"active": False}
        out.append(change("product", str(pid), product(pid, **over)))
        out.append(change("stock", f"{pid}:1", {
            "product_id": pid, "warehouse_id": 1, "on_hand": 50, "reserved": 10,
            "available": 40, "as_of": AS_OF}))
    for cid, code, limit in ((CUSTOMER_A, "CUST-A", "1000.00"), (CUSTOMER_B, "CUST-B", None)):
        out.append(change("customer", str(cid), {
            "id": cid, "code": code, "name": f"客户{code[-1]}", "name_en": "", "address": "",
            "phone": "", "rep_id": 7, "warehouse_id": WAREHOUSE, "credit_limit": limit,
            "payment_terms": "", "active": True}))
    out.append(change("price", f"{CUSTOMER_A}:1", {
        "customer_id": CUSTOMER_A, "product_id": 1,
        "breaks": [{"min_qty": 1, "unit_price": "9.00"}, {"min_qty": 12, "unit_price": "8.50"}]}))
    return out


def offline_engine(path: Path, role: str = "sales_rep", **identity: Any) -> Engine:
    """An engine signed in (as far as the cache knows) with the small replica, never online."""
    engine = Engine(path)
    who = {"user_id": 7, "username": "rep", "display_name": "Rep", "role": role,
           "warehouse_id": identity.pop("warehouse_id", None),
           "customer_id": identity.pop("customer_id", None)}
    with engine.store.write() as db:
        engine.store.set_meta(db, "identity", json.dumps(who))
        replica.apply_changes(db, base_changes())
    return engine


def apply(engine: Engine, *changes: dict[str, Any]) -> None:
    """Apply feed changes as a pull would."""
    with engine.store.write() as db:
        replica.apply_changes(db, changes)
