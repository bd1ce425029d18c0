"""The exact index rows of awkward products: missing and blank fields, full-width and
compatibility forms, combining accents, emoji, astral Han, mixed scripts, pinyin and initials
whose word counts differ, non-ASCII white space and a name over 1,023 characters.

Pinned as :func:`index_rows` makes them, so that a change to how it makes them (a faster way,
say) changes no byte by accident: the query side folds and splits text the same way, and a row
indexed otherwise would be found otherwise. A change meant to alter them changes these too."""

from __future__ import annotations

from typing import Any

import pytest

from sync_engine.client.search import index_rows

# (label, product row, its index row: id, rank key, barcode, han, py, ini, words, head, bi)
_CASES: list[tuple[str, dict[str, Any], tuple[Any, ...]]] = [
    ('empty', {'id': 1}, (1, 1, None, '', '', '', '  ', '', '')),
    ('nones',
     {'id': 2,
      'sku': None,
      'barcode': None,
      'name_zh': None,
      'name_en': None,
      'pinyin': None,
      'initials': None,
      'active': False},
     (2, 4611686018427387906, None, '', '', '', '  ', '', '')),
    ('only_spaces',
     {'id': 3,
      'sku': '   ',
      'barcode': '  ',
      'name_zh': '   ',
      'name_en': '   ',
      'pinyin': '   ',
      'initials': '   '},
     (3, 13510798882111491, '', '', '', '', '    ¤    ', '', '')),
    ('full_width',
     {'id': 4,
      'sku': '\uff22\uff25\uff36\uff0d\uff10\uff11\uff12',
      'barcode': '\uff16\uff19\uff10\uff11\uff12',
      'name_zh': '\uff2b\uff2f\uff0d\uff13\uff13可口可乐',
      'name_en': '\uff26\uff35\uff2c\uff2c Width 500\uff2d\uff2c',
      'pinyin': "ke'kou'ke'le \uff2b\uff2f 33",
      'initials': 'kkkl \uff2b\uff2f 33'},
     (4,
      40532396646334468,
      '69012',
      '可 口 可 乐',
      '°ke °kou °ke °le',
      '°kk °kk °kl °l',
      'full width 500ml ¤bev ¤012 ko 33',
      '·可口可乐 ·kekoukele ·kkkl ·full ·bev ·可 ·k ·f ·b §bev012 ¦01 ¦33 ¦50',
      '可口 口可 可乐')),
    ('compatibility_forms',
     {'id': 5,
      'sku': '\u216b-\u2460',
      'name_zh': '\u337f\uf900豈 \xbckg',
      'name_en': '\ufb01ne \ufb00 \xb2\xb3 12',
      'pinyin': "zhu'shi hui she \xbckg",
      'initials': 'zshs \xbckg'},
     (5,
      31525197391593477,
      None,
      '豈 豈',
      '°zhu °shi °hui',
      '°zs °sh °hs °s1 °1⁄ °⁄4 °4k °kg °g',
      'fine ff 23 12 ¤xii ¤1 ',
      '·豈豈 ·zhushihui ·zshs1⁄4kg ·fine ·xii ·豈 ·z ·f ·x §xii1 ¦12 ¦23',
      '豈豈')),
    ('combining_accents',
     {'id': 6,
      'sku': 'é-99',
      'barcode': '69e\u0301',
      'name_zh': '咖啡 café',
      'name_en': 'Cafe\u0301 Crème 250ml',
      'pinyin': "ka'fei cafe\u0301",
      'initials': 'kf cafe\u0301'},
     (6,
      31525197391593478,
      '69e',
      '咖 啡',
      '°ka °fei',
      '°kf °f',
      'cafe creme 250ml ¤e ¤99 cafe',
      '·咖啡 ·kafei ·kf ·cafe ·e ·咖 ·k ·c §e99 ¦25 ¦99',
      '咖啡')),
    ('emoji',
     {'id': 7,
      'sku': 'EMO-1',
      'name_zh': '\U0001f600可乐\U0001f37a 330ml',
      'name_en': '\U0001f600 Cola 330ml',
      'pinyin': "ke'le 330ml",
      'initials': 'kl 330ml'},
     (7,
      45035996273704967,
      None,
      '可 乐',
      '°ke °le',
      '°kl °l',
      '\U0001f600 cola 330ml ¤emo ¤1 330ml',
      '·可乐 ·kele ·kl ·\U0001f600 ·emo ·可 ·k ·e §emo1 ¦33',
      '可乐')),
    ('astral_han',
     {'id': 8,
      'sku': 'AST-2',
      'name_zh': '\U00020000\U00020001饮料\U0002f800',
      'name_en': 'Rare',
      'pinyin': "he'kao'yin'liao'si",
      'initials': 'hkyls'},
     (8,
      22517998136852488,
      None,
      '\U00020000 \U00020001 饮 料 丽',
      '°he °kao °yin °liao °si',
      '°hk °ky °yl °ls °s',
      'Rare ¤AST ¤2 ',
      '·\U00020000\U00020001饮料 ·hekaoyinli ·hkyls ·rare ·ast ·\U00020000 ·h ·r ·a §ast2',
      '\U00020000\U00020001 \U00020001饮 饮料 料丽')),
    ('mixed_scripts',
     {'id': 9,
      'sku': 'MIX-3',
      'name_zh': '中文English混合123abc 한국어 カップ',
      'name_en': 'Mixed 한국어 カップ 12pack',
      'pinyin': "zhong'wen english hun'he 123abc",
      'initials': 'zw english hh 123abc'},
     (9,
      112589990684262409,
      None,
      '中 文 混 合',
      '°zhong °wen °hun °he',
      '°zw °wh °hh °h',
      'mixed 한국어 カッフ 12pack ¤mix ¤3 english 123abc',
      '·中文混合 ·zhongwenhu ·zwhh ·mixed ·mix ·中 ·z ·m §mix3 ¦12',
      '中文 文混 混合')),
    ('pinyin_longer_than_initials',
     {'id': 10,
      'sku': 'BEV-000123',
      'name_zh': '可口可乐 330ml×24',
      'name_en': 'Coca-Cola 330ml x24',
      'pinyin': "ke'kou'ke'le 330ml 24 extra words",
      'initials': 'kkkl 330ml'},
     (10,
      58546795155816458,
      None,
      '可 口 可 乐',
      '°ke °kou °ke °le',
      '°kk °kk °kl °l',
      'Coca-Cola 330ml x24 ¤BEV ¤000123 330ml',
      '·可口可乐 ·kekoukele ·kkkl ·coca ·bev ·可 ·k ·c ·b §bev000123 ¦00 ¦33',
      '可口 口可 可乐')),
    ('initials_longer_than_pinyin',
     {'id': 11,
      'sku': 'bev 12 34',
      'name_zh': '阿姨 a 牌',
      'name_en': 'Auntie A',
      'pinyin': "a'yi a",
      'initials': 'ay a p extra'},
     (11,
      27021597764222987,
      None,
      '阿 姨 牌',
      '°a °yi',
      '°ay °y',
      'Auntie A ¤bev ¤12 ¤34 a',
      '·阿姨牌 ·ayi ·ay ·auntie ·bev ·阿 ·a ·b §bev1234 ¦12 ¦34',
      '阿姨 姨牌')),
    ('single_letter_syllables',
     {'id': 12,
      'sku': 'N-1',
      'name_zh': '嗯 呣 阿',
      'name_en': '',
      'pinyin': 'n m a',
      'initials': 'n m a'},
     (12, 22517998136852492, None, '嗯 呣 阿', '', '', ' ¤N ¤1 n m a', '·嗯呣阿 ·n ·嗯 §n1',
      '嗯呣 呣阿')),
    ('odd_white_space',
     {'id': 13,
      'sku': 'ab\x8512',
      'name_zh': '可\x85乐 12kg',
      'name_en': 'x\x8512kg \u2028 99g',
      'pinyin': 'ke\x8512kg le',
      'initials': 'k\x8512kg l'},
     (13,
      36028797018963981,
      None,
      '可 乐',
      '°ke °le',
      '°kl °l',
      'x\x8512kg \u2028 99g ¤ab\x8512 12kg',
      '·可乐 ·kele ·kl ·x\x8512kg ·ab\x8512 ·可 ·k ·x ·a §ab12 ¦12 ¦99',
      '可乐')),
]


@pytest.mark.parametrize(("row", "expected"), [case[1:] for case in _CASES],
                         ids=[case[0] for case in _CASES])
def test_index_row_of_an_awkward_product(row: dict[str, Any], expected: tuple[Any, ...]) -> None:
    assert index_rows([row])[row["id"]] == expected


def test_index_rows_of_a_batch_are_its_rows_one_by_one() -> None:
    """A batch gives each product the row it gets alone, in the batch's order, and the
    vocabulary of all their ``words`` (but the SKU numbers)."""
    rows = [case[1] for case in _CASES]
    table = index_rows(rows)
    assert list(table.items()) == [(case[1]["id"], case[2]) for case in _CASES]
    assert sorted(word for (word,) in table.words) == _WORDS


def test_a_repeated_id_keeps_its_first_place_and_its_last_row() -> None:
    first = {"id": 1, "name_zh": "可乐", "pinyin": "ke'le", "initials": "kl", "sku": "A-1"}
    second = {"id": 2, "name_zh": "雪碧", "pinyin": "xue'bi", "initials": "xb", "sku": "B-2"}
    renamed = {**first, "name_zh": "可口可乐", "pinyin": "ke'kou'ke'le", "initials": "kkkl"}
    table = index_rows([first, second, renamed])
    assert list(table) == [1, 2]
    assert table[1] == index_rows([renamed])[1]
    assert table[2] == index_rows([second])[2]


def test_a_name_over_1023_characters() -> None:
    """The rank key caps the name's length at 1,023; every Han character is still indexed."""
    name = "中" * 1100 + "文"
    row = {"id": 14, "sku": "LONG-1", "name_zh": name, "name_en": "A" * 30,
           "pinyin": "zhong'" * 3 + "wen", "initials": "zzzw"}
    assert index_rows([row])[14] == (
        14, 1023 << 52 | 14, None, " ".join(name), "°zhong °zhong °zhong °wen",
        "°zz °zz °zw °w", "A" * 30 + " ¤LONG ¤1 ",
        "·中中中中 ·zhongzhong ·zzzw ·aaaaaaaaaa ·long ·中 ·z ·a ·l §long1",
        " ".join(["中中"] * 1099 + ["中文"]),
    )


def test_ids_outside_the_rank_keys_range_are_refused() -> None:
    for product_id in (-1, 1 << 52):
        with pytest.raises(ValueError, match="outside"):
            index_rows([{"id": product_id}])


_WORDS = [
    '12', '123abc', '12kg', '12pack', '23', '250ml', '33', '330ml', '500ml', '99g', 'a',
    'auntie', 'cafe', 'coca', 'cola', 'creme', 'english', 'ff', 'fine', 'full', 'ko', 'm',
    'mixed', 'n', 'rare', 'width', 'x', 'x24', '¤', '¤ab', '¤ast', '¤bev', '¤e', '¤emo',
    '¤mix', '¤n', '¤xii', '한국어', 'カッフ', '😀',
]
