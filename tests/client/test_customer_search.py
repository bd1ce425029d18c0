"""Finding a customer by code, name in either language, or pinyin (full or initials)."""

from __future__ import annotations

from sync_engine.client.customer_search import find_customers
from sync_engine.client.values import CustomerView


def _customer(i: int, code: str, name: str, name_en: str) -> CustomerView:
    return CustomerView(id=i, code=code, name=name, name_en=name_en, address="", phone="",
                        rep_id=None, warehouse_id=1, credit_limit=None, payment_terms="",
                        active=True)


CUSTOMERS = [
    _customer(1, "C0001", "上海联华超市(徐汇店)", "Lianhua Supermarket (Xuhui)"),
    _customer(2, "C0002", "好邻居便利店(漕河泾店)", "Good Neighbour Convenience (Caohejing)"),
    _customer(3, "C0012", "徐家汇食品批发部", "Xujiahui Food Wholesale"),
    _customer(4, "C0020", "世纪联华(杨浦店)", "Century Lianhua (Yangpu)"),
]


def _codes(text: str) -> list[str]:
    return [c.code for c in find_customers(CUSTOMERS, text)]


def test_the_exact_code_comes_first_then_codes_starting_with_the_text() -> None:
    assert _codes("C0002") == ["C0002"]
    assert _codes("c002") == ["C0020"]  # case folded
    assert _codes("Ｃ０００２") == ["C0002"]  # full-width, as a Chinese keyboard may type it
    assert _codes("c00") == ["C0001", "C0002", "C0012", "C0020"]


def test_names_in_either_language_and_their_pinyin() -> None:
    assert _codes("联华") == ["C0001", "C0020"]
    assert _codes("good") == ["C0002"]
    assert _codes("lianhua") == ["C0001", "C0020"]  # C0001's English name starts with it
    assert _codes("lhcs") == ["C0001"]  # initials of 联华超市
    assert _codes("hlj") == ["C0002"]  # 好邻居
    assert _codes("xuhui") == ["C0001"]  # full pinyin
    assert _codes("xu hui") == ["C0012", "C0001"]  # two terms: 徐家汇 xujiahui has both too
    assert _codes("联华 徐汇") == ["C0001"]  # every term must match


def test_names_starting_with_the_text_rank_before_other_matches() -> None:
    # "xu" starts 徐家汇's pinyin and English name; it is inside 联华(徐汇)'s.
    assert _codes("xu")[0] == "C0012"


def test_nothing_for_an_empty_text_or_no_match() -> None:
    assert _codes("") == [] and _codes("   ") == []
    assert _codes("zzz") == []
    assert find_customers(CUSTOMERS, "c0", limit=2) == CUSTOMERS[:2]


def test_pinyin_keys_are_made_only_for_pinyin() -> None:
    """A code or a Chinese name needs no pinyin: pypinyin's dictionaries (some 50 MB) are
    loaded only for a term of latin letters that is not in the code or the names."""
    from sync_engine.client.customer_search import _keys

    _keys.cache_clear()
    assert _codes("C0002") == ["C0002"] and _codes("联华") == ["C0001", "C0020"]
    assert _codes("c00") == ["C0001", "C0002", "C0012", "C0020"]
    assert _keys.cache_info().currsize == 0
    assert _codes("hlj") == ["C0002"]
    assert _keys.cache_info().currsize == len(CUSTOMERS)
