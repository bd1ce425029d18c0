"""Each printed document's text reads back whole and exact from its PDF, in both languages:
pdftotext (what copying, searching and a back office that files PDFs read) finds the SKUs,
quantities, amounts and Chinese names it printed, and no character of the document is missing or
changed. Set in an installed Noto Sans CJK, a digit among Latin letters ("SKU-0001", "27
bottles") had no text in the PDF, and 225 hanzi of GB2312 read back as radicals (户 as ⼾, 黄 as
⻩, 水 as ⽔): see ``desktop.printing.PAPER_FONTS``. The data is made of the words that failed;
every character of the app's Chinese face is checked too."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from desktop.confirmation import confirmation_html
from desktop.delivery_note import Paper, delivery_note_html, write_delivery_note
from desktop.demo.pdf_check import pdf_text as read_with_pypdf
from desktop.demo.pdf_check import unreadable
from desktop.i18n import Formatter, install_language
from desktop.picklist import pick_list_html
from desktop.printing import PAPER_CSS, PAPER_FONTS, html_document, write_pdf
from desktop.statement import statement_html
from sync_engine import domain as d
from sync_engine.client.values import ShipQueueItem, StatementView
from sync_engine.domain.statements import EntryKind, StatementEntry, build_statement
from tests.desktop import paper_fixtures
from tests.desktop.paper_fixtures import order_and_shipment, products
from tests.desktop.test_fonts import ROOT, fontconfig_env, installed_noto_cjk
from tests.desktop.test_paperwork import pdf_text
from tests.support.scripts import load_script

# Goods and a customer named with hanzi that Noto Sans CJK draws with a radical's glyph (户 门 长
# 黄 鱼 马 车 食 …, and the Kangxi radicals' 一 八 大 小 山 水 米 面 …): words a distributor
# prints every day. Each name fits its column on one line.
NAMES_ZH = ["卤味鸭脖", "麻辣鱼片", "黄桃罐头一箱八罐", "长城干红", "青岛啤酒", "龙井绿茶",
            "香米五斤", "鸟巢咖啡", "牛肉干", "风味麦片", "飞鹤奶粉", "马蹄糕", "大白菜",
            "护齿牙膏", "牛角面包", "贝贝南瓜", "小土豆", "猪骨高汤", "车厘子", "矿泉水",
            "食用油", "胶带", "齐鲁特产"]
N = len(NAMES_ZH)  # lines of goods: quantities 27, 51 … bottles
PRODUCTS = {i: dataclasses.replace(p, name_zh=NAMES_ZH[i - 1])
            for i, p in products(N).items()}
CUSTOMER = dataclasses.replace(paper_fixtures.CUSTOMER, name="韦记门市部",
                               address="长春市人民大街1188号金山大厦")
ORDER, SHIPMENT = order_and_shipment(N)
ORDER = dataclasses.replace(ORDER, customer_name=CUSTOMER.name)
# What every document names its customer by: the code, the Chinese name, digits in Chinese.
CUSTOMER_TEXT = [CUSTOMER.code, CUSTOMER.name, CUSTOMER.address]


@pytest.fixture(params=["en", "zh_CN"])
def fmt(request: pytest.FixtureRequest, qapp: Any) -> Iterator[Formatter]:
    install_language(request.param)
    try:
        yield Formatter()
    finally:
        install_language("en")


def _goods(fmt: Formatter) -> list[str]:
    """Each line's SKU, Chinese name and amount."""
    return [text for ln in ORDER.lines for text in (
        PRODUCTS[ln.product_id].sku, PRODUCTS[ln.product_id].name_zh, fmt.money(ln.gross))]


def confirmation(fmt: Formatter, path: Path) -> tuple[str, list[str]]:
    html_text = confirmation_html(ORDER, PRODUCTS, CUSTOMER, fmt)
    write_pdf(path, html_document(html_text))
    quantities = [fmt.count(ln.quantity, "瓶") for ln in ORDER.lines]
    prices = [fmt.unit_price(ln.unit_price) for ln in ORDER.lines]
    return html_text, [ORDER.number, *CUSTOMER_TEXT, *_goods(fmt), *quantities, *prices]


def pick_list(fmt: Formatter, path: Path) -> tuple[str, list[str]]:
    # Two orders: the totals by SKU, then each order; the second's first line shipped in part.
    first = dataclasses.replace(ORDER, lines=tuple(
        dataclasses.replace(ln, shipped_qty=0) for ln in ORDER.lines))
    second = dataclasses.replace(first, id="o-2", number="DH00005678", lines=(
        dataclasses.replace(first.lines[0], shipped_qty=10), *first.lines[1:]))
    items = [ShipQueueItem(o, CUSTOMER.code, 375, 0, 375, N) for o in (first, second)]
    html_text = pick_list_html(items, PRODUCTS, {CUSTOMER.id: CUSTOMER}, fmt, "2026-12-01")
    write_pdf(path, html_document(html_text))
    lines = first.lines
    to_pick = [fmt.count(n, "瓶") for n in (
        *(2 * ln.quantity - 10 * (ln is lines[0]) for ln in lines),  # the totals by SKU
        *(ln.quantity for ln in lines), lines[0].quantity - 10)]
    skus = [PRODUCTS[ln.product_id].sku for ln in lines]
    names = [PRODUCTS[ln.product_id].name_zh for ln in lines]
    shipped = f"已发 shipped 10 / {lines[0].quantity}"
    return html_text, ["DH00001234", "DH00005678", *CUSTOMER_TEXT, *skus, *names, *to_pick,
                       shipped]


def delivery_note(fmt: Formatter, path: Path) -> tuple[str, list[str]]:
    html_text = delivery_note_html(ORDER, SHIPMENT, PRODUCTS, CUSTOMER, fmt, Paper.A4)
    write_delivery_note(path, html_text, Paper.A4)
    quantities = [f"{ln.quantity} 瓶" for ln in ORDER.lines]  # the form's own unit words
    total = fmt.money(d.sum_money(ln.gross for ln in ORDER.lines))
    return html_text, [ORDER.number, *CUSTOMER_TEXT, *_goods(fmt), *quantities, total]


def statement(fmt: Formatter, path: Path) -> tuple[str, list[str]]:
    entries = [
        StatementEntry(dt.date(2026, 11, 3), EntryKind.SHIPMENT, "DH00001234", D("1234.56")),
        StatementEntry(dt.date(2026, 11, 9), EntryKind.RETURN, "DH00001234-R1", D("40.68")),
        StatementEntry(dt.date(2026, 11, 28), EntryKind.PAYMENT, "BANK-7781", D("1000.00")),
    ]
    view = StatementView(CUSTOMER.id, CUSTOMER.code, CUSTOMER.name, CUSTOMER.name_en,
                         CUSTOMER.address, CUSTOMER.phone, CUSTOMER.payment_terms,
                         build_statement("2026-11", entries))
    html_text = statement_html(view, fmt, "2026-12-01")
    write_pdf(path, html_document(html_text))
    amounts = [fmt.money(v) for v in (
        *(e.amount for e in entries), *(ln.balance for ln in view.statement.lines))]
    return html_text, [*CUSTOMER_TEXT, *(e.ref for e in entries), *amounts]


DOCUMENTS: dict[str, Callable[[Formatter, Path], tuple[str, list[str]]]] = {
    "confirmation": confirmation, "pick_list": pick_list, "delivery_note": delivery_note,
    "statement": statement}


def assert_reads_back(path: Path, plain_text: str, printed: list[str]) -> None:
    """The PDF at ``path`` holds each of ``printed`` exactly, and every character of the
    document (``plain_text``) as often (the PDF adds page numbers and repeated headers): the
    self-test's rule (desktop/demo/pdf_check.py), on pdftotext's reading."""
    text = pdf_text(path)
    lost = unreadable(text, plain_text, printed)
    assert not lost, f"{path.name}: not in the PDF's text: {lost}\n{text}"


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_the_pdf_reads_back_what_it_printed(fmt: Formatter, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.pdf"
    html_text, printed = DOCUMENTS[name](fmt, path)
    assert_reads_back(path, html_document(html_text).toPlainText(), printed)


def test_on_a_machine_with_only_a_chinese_font_the_documents_keep_their_digits(
        tmp_path: Path) -> None:
    """No DejaVu Sans, no Arial: only Noto Sans CJK, whose digits among Latin letters have no
    text in a PDF. Qt starts afresh in a subprocess that sees those fonts alone
    (tests/desktop/paper_probe.py) and prints every document in both languages."""
    env = fontconfig_env(tmp_path, [installed_noto_cjk()])
    done = subprocess.run([sys.executable, "-m", "tests.desktop.paper_probe", str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr
    written: dict[str, tuple[str, list[str]]] = json.loads(done.stdout)
    assert len(written) == 2 * len(DOCUMENTS)
    for pdf, (plain_text, printed) in written.items():
        assert_reads_back(Path(pdf), plain_text, printed)


@pytest.mark.parametrize("weight", ["normal", "bold"])
def test_every_character_of_the_apps_chinese_face_reads_back_as_itself(
        qapp: Any, tmp_path: Path, weight: str) -> None:
    """All of GB2312 (its hanzi, punctuation, full-width forms, …) set as the documents set
    text: no character comes back as another (户 as ⼾, 水 as ⽔, ～ as 〜) or not at all."""
    chars = [c for c in gb2312() if not c.isspace()]
    rows = "".join(f"<p>{html.escape(''.join(chars[i:i + 40]))}</p>"
                   for i in range(0, len(chars), 40))
    path = tmp_path / "gb2312.pdf"
    write_pdf(path, html_document(f"<html><head><style>{PAPER_CSS}</style></head>"
                                  f"<body style='font-weight: {weight}'>{rows}</body></html>"))
    lost = unreadable(pdf_text(path), "".join(chars), [])
    assert not lost, lost


def test_the_page_numbers_are_set_in_the_papers_faces(qapp: Any, tmp_path: Path) -> None:
    """Not in the app's screen font (an installed one): a page holding only Chinese embeds the
    app's Chinese face, and its number the app's Latin face, nothing else."""
    path = tmp_path / "numbered.pdf"
    write_pdf(path, html_document(f"<html><head><style>{PAPER_CSS}</style></head>"
                                  "<body><p>订货单</p></body></html>"))
    fonts = {line.split(b"/BaseFont", 1)[1].split()[0].decode().split("+")[-1].lstrip("/")
             for line in path.read_bytes().split(b"\n") if b"/BaseFont" in line}
    assert fonts == {"DejaVuSansDinghuo-Regular", "NotoSansSCDinghuo-Regular"}, fonts
    assert "1/1" in "".join(pdf_text(path).split())


def test_the_self_tests_check_finds_what_does_not_read_back(qapp: Any, tmp_path: Path) -> None:
    """``dinghuo --self-test`` reads its PDFs back with pypdf (the built app has no pdftotext):
    set in an installed Noto Sans CJK, 户 and 水 come back as radicals and the digits among
    Latin letters not at all; set as the documents are, all of it reads back."""
    installed_noto_cjk()
    printed = "客户 SKU-0042 矿泉水"
    for family, want in (("'Noto Sans CJK SC'", {"客户", "SKU-0042", "户 ×1", "水 ×1", "4 ×1"}),
                         (PAPER_FONTS, set())):
        path = tmp_path / "probe.pdf"
        write_pdf(path, html_document(f"<html><body style=\"font-family: {family}\">"
                                      f"<p>{printed}</p></body></html>"))
        lost = unreadable(read_with_pypdf(path), printed, ["客户", "SKU-0042", "矿泉"])
        assert want <= set(lost) and (want or not lost), (family, lost)


def gb2312() -> Iterator[str]:
    """Every character GB2312 encodes, as packaging/make_font_subset.py keeps them in the app's
    faces (loaded by its path: packaging/ is no package, and PyPI's ``packaging`` has the
    name)."""
    chars: Iterator[str] = load_script(ROOT / "packaging" / "make_font_subset.py").gb2312()
    return chars
