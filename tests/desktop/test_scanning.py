"""The clerk's scan syntax, one rule for shipping and returns: ``12*code`` counts twelve."""

from __future__ import annotations

import pytest

from desktop.views.clerk.scanning import parse_scan


@pytest.mark.parametrize(("text", "expected"), [
    ("6901234567892", (1, "6901234567892")),
    ("SKU-0001", (1, "SKU-0001")),
    ("12*6901234567892", (12, "6901234567892")),
    (" 3 x SKU-0001 ", (3, "SKU-0001")),
    ("2×SKU-0001", (2, "SKU-0001")),
    ("*SKU-0001", (1, "*SKU-0001")),  # no count: the text as typed, refused as unknown
])
def test_a_scan_is_a_code_and_how_many(text: str, expected: tuple[int, str]) -> None:
    assert parse_scan(text) == expected
