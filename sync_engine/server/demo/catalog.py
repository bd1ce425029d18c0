"""A realistic bilingual catalogue of Chinese retail/wholesale goods, for demos and benchmarks.

:func:`generate_products` crosses ~40 real brands with their product kinds, flavours and sizes,
in a deterministic order per seed. The brands and kinds are data, in ``data/catalog.json``:
categories (SKU prefix, VAT rate — basic foods such as grain, oil and dairy are 9 % — and
English name), shared size and flavour sets, then per brand its kinds — small unit and case
unit, case quantities, sizes, a typical unit price in CNY at the first size, and flavours as
``[Chinese, English]`` pairs (a set's name, or a list; none given: one unnamed flavour) — and
the editions, regional versions and English size names that tell apart the many SKUs of one
product.

Rows carry the columns of the product CSV import (see :mod:`sync_engine.server.ops.importer`),
so the same rows can seed a database directly or be written as an ERP file with
:func:`write_products_csv`.
"""

from __future__ import annotations

import csv
import functools
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from sync_engine.server.demo.data import demo_data

__all__ = ["PRODUCT_COLUMNS", "ean13_check_digit", "generate_products", "write_products_csv"]

PRODUCT_COLUMNS = (
    "sku", "barcode", "name_zh", "name_en", "category", "category_en", "unit", "case_unit",
    "case_qty", "pack_size", "min_qty", "tax_rate", "base_price",
)


@dataclass(frozen=True, slots=True)
class _Kind:
    zh: str
    en: str
    unit: str  # the small unit
    case_unit: str
    case_qtys: tuple[int, ...]
    sizes: tuple[str, ...]
    flavours: tuple[tuple[str, str], ...]
    price: float  # typical unit price (CNY) at the first size; scaled for larger sizes


@dataclass(frozen=True, slots=True)
class _Brand:
    zh: str
    en: str
    category: str
    kinds: tuple[_Kind, ...]


@dataclass(frozen=True, slots=True)
class _Catalogue:
    """``data/catalog.json``, read."""

    categories: dict[str, tuple[str, str, str]]  # name → (SKU prefix, VAT rate, English name)
    brands: tuple[_Brand, ...]
    editions: tuple[tuple[str, str], ...]
    regions: tuple[tuple[str, str], ...]
    size_en: dict[str, str]
    combos: tuple[tuple[int, _Kind, tuple[str, str], int, int], ...]


@functools.cache
def _catalogue() -> _Catalogue:
    data = json.loads(demo_data("catalog.json"))
    brands = tuple(
        _Brand(b["zh"], b["en"], b["category"],
               tuple(_kind(k, data["size_sets"], data["flavour_sets"]) for k in b["kinds"]))
        for b in data["brands"]
    )
    return _Catalogue(
        categories={name: (c["sku_prefix"], c["tax_rate"], c["en"])
                    for name, c in data["categories"].items()},
        brands=brands,
        editions=_pairs(data["editions"]),
        regions=_pairs(data["regions"]),
        size_en=data["size_names_en"],
        combos=tuple(
            (b, kind, flavour, s, q)
            for b, brand in enumerate(brands)
            for kind in brand.kinds
            for flavour in kind.flavours
            for s in range(len(kind.sizes))
            for q in kind.case_qtys
        ),
    )


def _kind(k: dict[str, Any], size_sets: dict[str, list[str]],
          flavour_sets: dict[str, list[list[str]]]) -> _Kind:
    sizes = k["sizes"]
    flavours = k.get("flavours", [["", ""]])
    return _Kind(
        k["zh"], k["en"], k["unit"], k["case_unit"], tuple(k["case_qtys"]),
        tuple(size_sets[sizes] if isinstance(sizes, str) else sizes),
        _pairs(flavour_sets[flavours] if isinstance(flavours, str) else flavours),
        float(k["price"]),
    )


def _pairs(value: list[list[str]]) -> tuple[tuple[str, str], ...]:
    """``[Chinese, English]`` pairs from the data file."""
    return tuple((zh, en) for zh, en in value)


def ean13_check_digit(first12: str) -> str:
    """The EAN-13 check digit for a 12-digit prefix (weights 1,3,1,3,… from the left)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def _size_factor(index: int) -> float:
    # Each bigger size costs noticeably more per unit, but less per litre/kilo.
    return (1.0, 1.5, 2.6, 4.0)[min(index, 3)]


def generate_products(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """``n`` products with unique SKUs and valid unique EAN-13 barcodes, the same for one seed.

    Each dict has :data:`PRODUCT_COLUMNS`: ints for ``case_qty``/``pack_size``/``min_qty``,
    strings for ``tax_rate`` ("0.13"/"0.09") and ``base_price`` (two decimals).
    """
    if n < 0:
        raise ValueError("n must not be negative")
    cat = _catalogue()
    rng = random.Random(seed)
    order = list(range(len(cat.combos)))
    rng.shuffle(order)
    # A GS1 China company prefix (69x xxxx) per brand, distinct; items numbered per brand.
    companies = rng.sample(range(10_000, 100_000), len(cat.brands))
    next_item = [rng.randrange(100, 5_000) for _ in cat.brands]
    width = max(6, len(str(n)))
    products: list[dict[str, Any]] = []
    rand = rng.random
    for i in range(n):
        variant, pos = divmod(i, len(order))
        b, kind, (fl_zh, fl_en), s, case_qty = cat.combos[order[pos]]
        brand = cat.brands[b]
        size = kind.sizes[s]
        ed_zh, ed_en = cat.editions[variant % len(cat.editions)]
        rg_zh, rg_en = cat.regions[(variant // len(cat.editions)) % len(cat.regions)]
        # Beyond editions × regions names repeat, as the same goods from several suppliers do.
        zh = " ".join(p for p in (f"{brand.zh}{kind.zh}{fl_zh}", f"{size}×{case_qty}", ed_zh,
                                  rg_zh) if p)
        size_en = cat.size_en.get(size, size)
        en = " ".join(p for p in (brand.en, fl_en, kind.en, f"{size_en} x{case_qty}", ed_en,
                                  rg_en) if p)
        prefix, tax, category_en = cat.categories[brand.category]
        item = next_item[b]
        next_item[b] = item + 1
        body = f"69{companies[b]:05d}{item % 100_000:05d}"
        r = rand()
        pack_size = case_qty if r < 0.6 else (1 if r < 0.9 else max(1, case_qty // 2))
        min_qty = pack_size * (2 if rand() < 0.1 else 1)
        price = kind.price * _size_factor(s) * (0.85 + 0.3 * rand())
        products.append({
            "sku": f"{prefix}-{i + 1:0{width}d}",
            "barcode": body + ean13_check_digit(body),
            "name_zh": zh,
            "name_en": en,
            "category": brand.category,
            "category_en": category_en,
            "unit": kind.unit,
            "case_unit": kind.case_unit,
            "case_qty": case_qty,
            "pack_size": pack_size,
            "min_qty": min_qty,
            "tax_rate": tax,
            "base_price": f"{max(price, 0.5):.2f}",
        })
    return products


def write_products_csv(products: Iterable[dict[str, Any]], out: TextIO) -> None:
    """Write ``products`` as a product import file (header row, :data:`PRODUCT_COLUMNS`)."""
    writer = csv.DictWriter(out, fieldnames=PRODUCT_COLUMNS, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(products)
