"""A fleet of event streams on a real server: a change to one customer wakes exactly the
devices that may see it, a catalog change wakes every device (the benchmark's devices,
``tests/perf/bench_stream.py``, at a size a test can afford)."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from tests.perf.bench_stream import Device, Pulls, a_product, check, rep_numbers, setup
from tests.support.live import live_server

pytestmark = [pytest.mark.live, pytest.mark.slow]

DEVICES = 30


async def _until(done: object, what: str, timeout: float = 60) -> None:
    """Wait for ``done()`` (a hang guard, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while not done():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"never happened: {what}"
        await asyncio.sleep(0.02)


async def _fleet(base: str, specs: list[dict[str, object]], owners: dict[str, int],
                 secret: str) -> None:
    api = {"Authorization": f"Bearer {secret}"}
    pulls = Pulls()
    async with httpx.AsyncClient(timeout=60) as http:
        devices = [Device(base, str(s["token"]), int(s["user_id"]),  # type: ignore[call-overload]
                          str(s["kind"])) for s in specs]
        for d in devices:
            await d.pull(pulls)
        readies = [asyncio.Event() for _ in devices]
        tasks = [asyncio.create_task(d.listen(r)) for d, r in zip(devices, readies, strict=True)]
        tasks += [asyncio.create_task(d.run(pulls)) for d in devices]
        try:
            await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 60)
            # One customer of one rep, in warehouse SH (so the clerks see it too).
            code = next(c for c in sorted(owners) if c.endswith("1"))
            rep_id = owners[code]
            in_scope = [d for d in devices if d.kind in ("admin", "clerk")
                        or (d.kind == "rep" and d.user_id == rep_id)]
            others = [d for d in devices if d not in in_scope]
            assert len(in_scope) == 6 and len(others) == DEVICES - 6
            before = {id(d): len(d.seqs) for d in devices}
            for d in devices:
                d.watch |= {"fleet-customer", "fleet-catalog"}
            r = await http.post(base + "/v1/integration/customers", headers=api, json={"rows": [
                {"code": code, "name": "fleet-customer", "version": 2, "warehouse": "SH",
                 "rep": f"frep{rep_numbers(owners)[rep_id]}", "credit_limit": "50000"}]})
            check(r)
            await _until(lambda: all("fleet-customer" in d.pulled for d in in_scope),
                         "every in-scope device pulled the customer")
            customer_seq = max(d.seqs[-1] for d in in_scope)

            product = await a_product(http, base, devices)
            r = await http.post(base + "/v1/integration/products", headers=api, json={
                "rows": [{**product, "name_en": "fleet-catalog", "version": 2}]})
            check(r)
            await _until(lambda: all("fleet-catalog" in d.pulled for d in devices),
                         "every device pulled the catalog change")
            # Every stream says things in commit order: a device woken by the customer's commit
            # heard a number up to it before the catalog's.
            for d in others:
                heard = d.seqs[before[id(d)]:]
                assert heard and min(heard) > customer_seq, (d.kind, d.user_id, heard)
                assert "fleet-customer" not in d.pulled
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await pulls.aclose()


def test_a_customer_change_wakes_its_devices_only_and_the_catalog_wakes_all(
        db_url: str) -> None:
    specs, owners, secret = setup(db_url, DEVICES)
    assert {s["kind"] for s in specs} == {"rep", "admin", "clerk"}
    with live_server(db_url) as base:
        asyncio.run(_fleet(base, specs, owners, secret))
