"""Random, malformed and hostile pushes never crash the server: every answer is a 200 with one
result per mutation (applied, conflict or rejected) or a 4xx with an error body, never a 500."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync_engine.protocol import ARGS_BY_KIND
from tests.support.api import Api
from tests.support.seed import seed
from tests.support.server import app_server

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40),
    st.sampled_from(["1", "0", "-1", "12.50", "NaN", "1e400", "",
                     "00000000-0000-0000-0000-000000000000"]),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                  max_size=4),
    max_leaves=12,
)
field_names = st.sampled_from(sorted({"order_id", "customer_id", "lines", "product_id",
                                      "quantity", "unit_price", "notes", "delivery_date",
                                      "reason", "shipment_id", "favourite", "rep_id",
                                      "carrier", "tracking_number", "discrepancy"}))
args = st.dictionaries(field_names, json_values, max_size=6)
# Well-formed mutations with random values over a few ids, so later ones act on orders earlier
# ones made: this reaches the handlers (conflicts, stock, lifecycle), not just the parser.
ORDER_IDS = [f"00000000-0000-4000-8000-00000000000{i}" for i in range(4)]
order_ids = st.sampled_from(ORDER_IDS)
qty = st.integers(min_value=-3, max_value=120)
line = st.fixed_dictionaries({"product_id": st.integers(min_value=0, max_value=7),
                              "quantity": qty},
                             optional={"unit_price": st.sampled_from(["10.00", "9.00", "8.50",
                                                                      "0", "-1"])})
submit_args = st.fixed_dictionaries({"order_id": order_ids,
                                     "customer_id": st.integers(0, 4),
                                     "lines": st.lists(line, max_size=4)})
order_only = st.fixed_dictionaries({"order_id": order_ids},
                                   optional={"reason": st.text(max_size=10)})
update_args = st.fixed_dictionaries({"order_id": order_ids}, optional={
    "lines": st.lists(line, max_size=3), "notes": st.text(max_size=20)})
ship_args = st.fixed_dictionaries({
    "shipment_id": st.uuids().map(str), "order_id": order_ids,
    "lines": st.lists(st.fixed_dictionaries({"product_id": st.integers(0, 7),
                                             "quantity": qty}), max_size=3)})
favourite_args = st.fixed_dictionaries({"product_id": st.integers(0, 7),
                                        "favourite": st.booleans()})


def well_formed(kind: str, kind_args: st.SearchStrategy[dict[str, Any]]) -> Any:
    return st.fixed_dictionaries({
        "key": st.uuids().map(lambda u: u.hex),
        "kind": st.just(kind),
        "base_version": st.one_of(st.none(), st.integers(min_value=0, max_value=4)),
        "args": kind_args,
    })


plausible = st.one_of(
    well_formed("order.submit", submit_args),
    well_formed("order.update", update_args),
    well_formed("order.cancel", order_only),
    well_formed("order.confirm", order_only),
    well_formed("order.reject", order_only),
    well_formed("order.receive", order_only),
    well_formed("shipment.confirm", ship_args),
    well_formed("favourite.set", favourite_args),
)
garbage = st.fixed_dictionaries({
    "key": st.text(alphabet="abcdef0123456789", min_size=8, max_size=32),
    "kind": st.sampled_from([*ARGS_BY_KIND, "order.explode", ""]),
    "base_version": st.one_of(st.none(), st.integers(min_value=0, max_value=5)),
    "args": args,
})
mutation = st.one_of(plausible, plausible, plausible, garbage)


@pytest.fixture(scope="module")
def devices(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Api]]:
    """A server and two signed-in devices, for the whole module."""
    from sync_engine.server.storage.engine import migrate

    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'server.sqlite3'}"
    migrate(url)
    seed(url)
    with app_server(url) as server, Api(server, "rep1") as rep, Api(server, "clerk1") as clerk:
        yield [rep, clerk]


@pytest.mark.slow
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batch=st.lists(mutation, min_size=1, max_size=6))
def test_random_pushes_never_crash_the_server(devices: list[Api],
                                              batch: list[dict[str, Any]]) -> None:
    for api in devices:
        r = api.http.post("/v1/push", json={"client_id": api.client_id, "mutations": batch})
        assert r.status_code != 500, r.text
        body = r.json()
        if r.status_code == 200:
            assert len(body["results"]) == len(batch)
            for result in body["results"]:
                assert result["status"] in ("applied", "conflict", "rejected")
                if result["status"] == "rejected":
                    assert result["message"] and result["message_zh"]
        else:
            assert 400 <= r.status_code < 500
            assert body["error"]["code"] and body["error"]["message"]
