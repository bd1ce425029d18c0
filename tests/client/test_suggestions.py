"""Reorder suggestions from order history: a pure function (no database, no clock)."""

from __future__ import annotations

import datetime as dt

from sync_engine.client.suggestions import PastOrder, suggest

TODAY = dt.date(2026, 12, 1)


def _day(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def test_usual_quantity_is_the_median_actually_ordered_and_interval_the_median_gap() -> None:
    history = [PastOrder(_day(56), {1: 24, 2: 6}), PastOrder(_day(42), {1: 36}),
               PastOrder(_day(28), {1: 24, 2: 12}), PastOrder(_day(14), {1: 48})]
    by_product = {s.product_id: s for s in suggest(history, TODAY)}
    one = by_product[1]
    assert one.usual_quantity == 24  # lower median of 24, 24, 36, 48: a quantity really ordered
    assert one.interval_days == 14 and one.times_ordered == 4
    assert one.last_ordered == _day(14) and one.next_due == TODAY and one.due
    two = by_product[2]
    assert two.usual_quantity == 6 and two.interval_days == 28
    assert two.next_due == _day(28) + dt.timedelta(days=28) and two.due


def test_not_due_before_the_interval_has_passed_and_due_ones_come_first() -> None:
    history = [PastOrder(_day(40), {1: 10, 2: 5}), PastOrder(_day(20), {1: 10}),
               PastOrder(_day(10), {2: 5}), PastOrder(_day(3), {3: 1}),
               PastOrder(_day(1), {3: 2})]
    found = suggest(history, TODAY)
    assert [s.product_id for s in found] == [1, 3, 2]
    assert [s.due for s in found] == [True, False, False]
    assert found[1].next_due == _day(1) + dt.timedelta(days=2)


def test_a_product_ordered_once_or_only_on_one_day_suggests_nothing() -> None:
    history = [PastOrder(_day(30), {1: 6}), PastOrder(_day(30), {1: 6, 2: 3}),
               PastOrder(_day(10), {3: 0})]
    assert suggest(history, TODAY) == []
    two_days = suggest([*history, PastOrder(_day(2), {1: 6})], TODAY)
    assert len(two_days) == 1
    assert two_days[0].usual_quantity == 6  # lower median of 12 (one day, two orders) and 6
    assert two_days[0].interval_days == 28 and not two_days[0].due


def test_empty_history() -> None:
    assert suggest([], TODAY) == []
