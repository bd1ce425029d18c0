"""PySide6 must not release references it does not own when Python emits a signal: 6.12.0's
``SignalInstance.emit()`` returned True without a reference of its own, so each call took one
from True and the app aborted in ``bool_dealloc`` after a few hours (issue 13; pyproject
excludes that release). The soak test (``test_soak.py``) checks the whole app; this is the
quick check of the call itself."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Source(QObject):
    flag = Signal(bool)
    value = Signal(object)
    bare = Signal()


def test_emitting_signals_leaves_the_refcounts_of_true_false_and_none_alone(qtbot: object) -> None:
    source = _Source()
    seen: list[object] = []
    source.flag.connect(seen.append)
    source.value.connect(seen.append)
    source.bare.connect(lambda: seen.append(None))
    before = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    for _ in range(100):  # few enough that a leak fails here rather than aborting pytest
        source.flag.emit(True)
        source.flag.emit(False)
        source.value.emit(None)
        source.bare.emit()
    seen.clear()
    after = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    assert [a - b for a, b in zip(after, before, strict=True)] == [0, 0, 0]
