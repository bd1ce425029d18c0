"""The text rule: control characters, broken characters and over-long text are field issues
with a code and both languages' messages; anything else passes unchanged; nothing raises."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync_engine.domain import MESSAGES, TEXT_CODES, TextRule
from sync_engine.domain.text import NOTES, TRACKING_NUMBER

LINE = TextRule(20)
LINES = TextRule(40, lines=True)


@pytest.mark.parametrize(
    ("value", "code", "position", "char"),
    [
        ("rush\x00", "text_control_char", 5, "U+0000"),
        ("\x07bell", "text_control_char", 1, "U+0007"),
        ("del\x7f", "text_control_char", 4, "U+007F"),
        ("c1\x85x", "text_control_char", 3, "U+0085"),
        ("c1\x9f", "text_control_char", 3, "U+009F"),
        ("form\x0cfeed", "text_control_char", 5, "U+000C"),
        ("ab\ud800", "text_lone_surrogate", 3, "U+D800"),
        ("\udfffab", "text_lone_surrogate", 1, "U+DFFF"),
        ("two\nlines", "text_line_break", 4, "U+000A"),
        ("tab\there", "text_line_break", 4, "U+0009"),
        ("cr\rhere", "text_line_break", 3, "U+000D"),
    ],
)
def test_one_line_fields_refuse_control_and_broken_characters(
    value: str, code: str, position: int, char: str
) -> None:
    issue = LINE.check("carrier", value)
    assert issue is not None
    assert (issue.field, issue.code, dict(issue.params)) == (
        "carrier", code, {"position": position, "char": char})
    assert issue.is_error
    assert char in issue.message("en") and char in issue.message("zh")
    assert str(position) in issue.message("en") and str(position) in issue.message("zh")


def test_fields_of_several_lines_take_tab_and_line_breaks_only() -> None:
    assert LINES.check("notes", "line one\r\nline two\n\tindented") is None
    issue = LINES.check("notes", "ok\nthen\x00")
    assert issue is not None and issue.code == "text_control_char"
    assert issue.params["position"] == 8
    vertical_tab = LINES.check("notes", "a\x0bb")
    assert vertical_tab is not None and vertical_tab.code == "text_control_char"
    surrogate = LINES.check("notes", "\ud83d")
    assert surrogate is not None and surrogate.code == "text_lone_surrogate"


def test_length_is_counted_in_characters_and_checked_first() -> None:
    assert LINE.check("carrier", "顺" * 20) is None
    issue = LINE.check("carrier", "顺" * 21 + "\x00")
    assert issue is not None and issue.code == "text_too_long"
    assert dict(issue.params) == {"max_length": 20, "length": 22}
    assert issue.message("en") == (
        "This is 22 characters long; at most 20 fit here. Shorten it.")
    assert issue.message("zh") == "当前 22 个字符，此处最多 20 个字符。请删减。"


def test_ordinary_text_of_every_script_passes() -> None:
    for value in ("", "请周五前送货，谢谢！", "Ünïcödé — “quotes” ½", "emoji 🍺🚚", "SF1234567890",
                  "non\u00a0breaking", "=HYPERLINK(1)"):
        assert TRACKING_NUMBER.check("tracking_number", value) is None, value
    assert NOTES.check("notes", "x" * 2000) is None


def test_a_value_that_is_not_text_is_a_bug_not_an_issue() -> None:
    with pytest.raises(TypeError):
        LINE.check("carrier", 12)  # type: ignore[arg-type]


def _storable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in value


@given(value=st.text(st.characters(codec=None), max_size=40), lines=st.booleans(),
       max_length=st.integers(min_value=0, max_value=30))
def test_any_string_passes_or_gives_one_field_issue_never_an_exception(
    value: str, lines: bool, max_length: int
) -> None:
    rule = TextRule(max_length, lines=lines)
    issue = rule.check("notes", value)
    if issue is None:
        assert len(value) <= max_length and _storable(value)
        allowed = {"\t", "\n", "\r"} if lines else set()
        assert all(ch in allowed or not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F)
                   for ch in value)
        return
    assert issue.field == "notes" and issue.is_error
    assert issue.code in TEXT_CODES and issue.code in MESSAGES
    assert issue.message("en") and issue.message("zh")
    assert issue.to_dict()["message_zh"] == issue.message("zh")
