"""Units: backoff schedule, outbox claiming and leases, base versions, result recording, the
store's migrations (an old database with unsent orders is upgraded without loss)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from sync_engine.client import outbox, replica
from sync_engine.client.backoff import Backoff
from sync_engine.client.engine import Engine
from sync_engine.client.store import DB_FILENAME, Store, _alembic_config
from sync_engine.client.sync import Counts, record_results
from sync_engine.protocol import FieldError, MutationResult
from tests.client.offline import CUSTOMER_A, change, offline_engine


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_backoff_grows_with_jitter_caps_and_resets() -> None:
    clock = FakeClock()
    backoff = Backoff(base=1, cap=60, clock=clock, rand=lambda: 0.0)
    assert backoff.due()
    assert [backoff.failed() for _ in range(8)] == [0.5, 1, 2, 4, 8, 16, 30, 30]
    assert not backoff.due() and backoff.remaining() == 30
    clock.now += 30
    assert backoff.due()
    high = Backoff(base=1, cap=60, clock=clock, rand=lambda: 0.999)
    assert 0.99 < high.failed() < 1.0
    backoff.succeeded()
    assert backoff.due() and backoff.failures == 0
    for _ in range(200):  # no overflow, never a budget: it just keeps trying at the cap
        assert backoff.failed() <= 60
    with pytest.raises(ValueError):
        Backoff(base=0)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return offline_engine(tmp_path / "dev")


def _submit(engine: Engine) -> str:
    draft = engine.create_draft(CUSTOMER_A, {1: 1})
    engine.submit(draft.id)
    return draft.id


def test_claim_takes_one_mutation_per_entity_in_order(engine: Engine) -> None:
    first = _submit(engine)
    engine.set_line(first, 2, 1)
    second = _submit(engine)
    with engine.store.write() as db:
        claimed = outbox.claim(db, "me", limit=10)
    assert [(c.kind, c.entity) for c in claimed] == [
        ("order.submit", f"order:{first}"), ("order.submit", f"order:{second}")]
    engine.close()


def test_rows_in_flight_are_not_claimed_again_and_hold_their_entity(engine: Engine) -> None:
    first = _submit(engine)
    engine.set_line(first, 2, 1)  # a later mutation of the same order
    second = _submit(engine)
    with engine.store.write() as db:
        sent = outbox.claim(db, "me", limit=1)
        assert [c.entity for c in sent] == [f"order:{first}"]
        # Its answer is not recorded yet: neither it nor the order's next mutation goes again.
        later = outbox.claim(db, "me", in_flight={c.seq for c in sent})
        assert [c.entity for c in later] == [f"order:{second}"]
    engine.close()


def test_leases_keep_a_second_instance_off_until_they_expire(engine: Engine) -> None:
    _submit(engine)
    clock = FakeClock()
    with engine.store.write() as db:
        assert len(outbox.claim(db, "host:1:a", now=clock, alive=lambda _o: True)) == 1
        assert outbox.claim(db, "host:2:b", now=clock, alive=lambda _o: True) == []
        # The owner died: its lease is taken over at once.
        assert len(outbox.claim(db, "host:2:b", now=clock, alive=lambda _o: False)) == 1
        clock.now += outbox.DEFAULT_LEASE + 1  # or it expires
        [taken] = outbox.claim(db, "host:3:c", now=clock, alive=lambda _o: True)
        outbox.release(db, "host:3:c", [taken.seq])
        assert len(outbox.claim(db, "host:4:d", now=clock, alive=lambda _o: True)) == 1
    engine.close()


def test_results_are_recorded_once_and_conflicts_hold_later_changes(engine: Engine) -> None:
    order_id = _submit(engine)
    engine.set_notes(order_id, "x")
    with engine.store.write() as db:
        [row] = outbox.claim(db, "me")
        counts = Counts()
        result = MutationResult(key=row.key, kind=row.kind, status="rejected", reason="invalid",
                                message="bad", errors=[FieldError(field="lines[0].quantity",
                                                                  code="x", message="bad")])
        record_results(db, [row], [result], counts)
        record_results(db, [row], [result], counts)  # a second answer changes nothing
        states = [r[0] for r in db.execute("SELECT state FROM outbox ORDER BY seq")]
        assert outbox.claim(db, "me") == []
    assert counts.rejected == 1 and states == ["rejected", "held"]
    assert engine.order(order_id).sync_state == "attention"
    [conflict] = engine.conflicts()
    assert conflict.held == 1 and conflict.errors[0]["field"] == "lines[0].quantity"
    engine.close()


def test_serialised_mutations_carry_base_versions_only_where_needed(engine: Engine) -> None:
    order_id = _submit(engine)
    engine.set_notes(order_id, "a")
    engine.cancel(order_id)
    with engine.store.read() as db:
        rows = db.execute("SELECT seq, key, kind, entity, base_version, args FROM outbox"
                          " ORDER BY seq").fetchall()
    # As they go out in a push body.
    bodies = [json.loads(outbox.mutation(outbox.Claimed(*r)).model_dump_json(exclude_unset=True))
              for r in rows]
    assert [(b["kind"], b["base_version"]) for b in bodies] == [
        ("order.submit", None), ("order.update", 1), ("order.cancel", None)]
    assert bodies[1]["args"] == {"order_id": order_id, "notes": "a"}
    engine.close()


# ---------------------------------------------------------------------- migrations

_OLD_OUTBOX = (
    "INSERT INTO outbox (key, kind, entity, base_version, args, state, created_at)"
    " VALUES (?, 'order.submit', ?, NULL, ?, 'pending', '2026-11-01T00:00:00+00:00')"
)


def test_an_old_database_with_unsent_orders_is_upgraded_without_loss(tmp_path: Path) -> None:
    data_dir = tmp_path / "old"
    data_dir.mkdir()
    path = data_dir / DB_FILENAME
    # Build the database as release 0001 made it, with two orders still in the outbox.
    cfg = _alembic_config()
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(cfg, "0001")
    db = sqlite3.connect(path)
    orders = ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"]
    for i, order_id in enumerate(orders):
        db.execute("INSERT INTO orders (id, local_number, customer_id, status, notes, created_at,"
                   " updated_at, net, tax, gross) VALUES (?, ?, 11, 'submitted', 'old', "
                   "'2026-11-01', '2026-11-01', '9.00', '1.17', '10.17')", (order_id, f"L{i}"))
        db.execute("INSERT INTO order_lines (order_id, line_no, product_id, quantity,"
                   " unit_price, tax_rate) VALUES (?, 1, 1, 1, '9.00', '0.13')", (order_id,))
        args = {"order_id": order_id, "customer_id": 11,
                "lines": [{"product_id": 1, "quantity": 1, "unit_price": "9.00"}]}
        db.execute(_OLD_OUTBOX, (f"key-{i:06d}", f"order:{order_id}", json.dumps(args)))
    db.commit()
    assert "claimed_by" not in {r[1] for r in db.execute("PRAGMA table_info(outbox)")}
    db.close()

    with Engine(data_dir) as engine:  # opening it upgrades it
        assert engine.store.revision() == "0006_category_en"
        with engine.store.read() as conn:
            columns = {r[1] for r in conn.execute("PRAGMA table_info(outbox)")}
        assert {"claimed_by", "answered_at", "sent_by"} <= columns
        with engine.store.read() as conn:
            assert "category_en" in {r[1] for r in conn.execute("PRAGMA table_info(products)")}
        assert engine.status().pending == 2
        assert [engine.order(o).display_status for o in orders] == [
            "submitted (pending sync)"] * 2
        with engine.store.write() as conn:
            claimed = outbox.claim(conn, "me")
        assert sorted(c.key for c in claimed) == ["key-000000", "key-000001"]
        assert json.loads(claimed[0].args)["order_id"] == orders[0]


def test_store_is_wal_and_reopens_without_migrating(tmp_path: Path) -> None:
    store = Store(tmp_path)
    with store.read() as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    again = Store(tmp_path)
    assert again.revision() == "0006_category_en"
    again.close()


def test_a_changed_search_schema_is_rebuilt_from_the_products(tmp_path: Path) -> None:
    engine = offline_engine(tmp_path / "dev")
    with engine.store.write() as db:  # as an older app version would have left it
        db.execute("DROP TABLE product_search_fts")
        db.execute("CREATE VIRTUAL TABLE product_search_fts USING fts5(old)")
    engine.close()
    with Engine(tmp_path / "dev") as again:
        assert [p.id for p in again.search_products("SKU-0002")] == [2]


def test_an_answer_recorded_after_the_feed_brought_a_newer_state_keeps_the_newer(
    engine: Engine,
) -> None:
    """The submit's answer comes late (lost with a killed server instance, replayed through
    another) while a pull has already brought the order as the back office confirmed it: the
    older answer must not take the order back to version 1 (the device would never converge:
    the feed does not send version 2 again)."""
    order_id = _submit(engine)
    submitted = {"id": order_id, "number": "DH00000001", "customer_id": CUSTOMER_A,
                 "warehouse_id": 1, "status": "submitted", "notes": "",
                 "lines": [{"product_id": 1, "quantity": 1, "unit_price": "9.00",
                            "tax_rate": "0.13"}]}
    confirmed = {**submitted, "status": "confirmed"}
    with engine.store.write() as db:
        [row] = outbox.claim(db, "me")
        replica.apply_changes(db, [change("order", order_id, confirmed, version=2)])
        answer = MutationResult(key=row.key, kind=row.kind, status="applied", entity="order",
                                id=order_id, version=1, data=submitted, replayed=True)
        record_results(db, [row], [answer], Counts())
    view = engine.order(order_id)
    assert (view.server_version, view.status, view.sync_state) == (2, "confirmed", "synced")
    engine.close()


def test_a_pushed_batchs_answers_are_recorded_with_one_write_of_each_orders_row(
    engine: Engine,
) -> None:
    """Recording a batch of applied submits: each order's row read once and written once (its
    totals and promotions with the rest), one time of answer and one ``last_applied`` for the
    batch. Read and written twice each, and the meta row once per order, it was the most of a
    1,000-order push's client CPU on the encrypted replica."""
    order_ids = [_submit(engine) for _ in range(3)]
    with engine.store.write() as db:
        rows = outbox.claim(db, "me")
        answers = [
            MutationResult(key=row.key, kind=row.kind, status="applied", entity="order",
                           id=order_id, version=1, data={
                               "id": order_id, "number": f"DH0000000{n}",
                               "customer_id": CUSTOMER_A, "warehouse_id": 1,
                               "status": "submitted", "notes": "",
                               "lines": [{"product_id": 1, "quantity": 2, "unit_price": "9.00",
                                          "tax_rate": "0.13"}],
                               "totals": {"net": "18.00", "tax": "2.34", "gross": "20.34"},
                               "promotions": []})
            for n, (row, order_id) in enumerate(zip(rows, order_ids, strict=True))]
        statements: list[str] = []
        db.set_trace_callback(statements.append)
        record_results(db, rows, answers, Counts())
        db.set_trace_callback(None)
        answered = {r[0] for r in db.execute("SELECT answered_at FROM outbox")}
        last = db.execute("SELECT value FROM meta WHERE key = 'last_applied'").fetchone()[0]

    def count(start: str) -> int:
        return sum(s.lstrip().upper().startswith(start) for s in statements)

    assert count("SELECT SERVER_VERSION") + count("SELECT LOCAL_NUMBER") == 3
    assert count("UPDATE ORDERS") == 3
    assert sum("meta" in s and not s.lstrip().upper().startswith("SELECT")
               for s in statements) == 1
    assert len(answered) == 1 and last == rows[-1].key
    for n, order_id in enumerate(order_ids):
        view = engine.order(order_id)
        assert (view.number, view.status, view.sync_state) == (f"DH0000000{n}", "submitted",
                                                               "synced")
        assert (str(view.net), str(view.gross), len(view.lines)) == ("18.00", "20.34", 1)
    engine.close()
