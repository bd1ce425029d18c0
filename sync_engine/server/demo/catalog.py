"""A realistic bilingual catalogue of Chinese retail/wholesale goods, for demos and benchmarks.

:func:`generate_products` crosses ~40 real brands with their product kinds, flavours and sizes,
in a deterministic order per seed. Rows carry the columns of the product CSV import (see
:mod:`sync_engine.server.ops.importer`), so the same rows can seed a database directly or be
written as an ERP file with :func:`write_products_csv`.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO

__all__ = ["PRODUCT_COLUMNS", "ean13_check_digit", "generate_products", "write_products_csv"]

PRODUCT_COLUMNS = (
    "sku", "barcode", "name_zh", "name_en", "category", "unit", "case_unit", "case_qty",
    "pack_size", "min_qty", "tax_rate", "base_price",
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


# Category: (Chinese name, SKU prefix, VAT rate). Basic foods (grain, oil, dairy) are 9%.
_CATEGORIES = {
    "饮料": ("BEV", "0.13"),
    "乳制品": ("DAI", "0.09"),
    "酒类": ("ALC", "0.13"),
    "休闲零食": ("SNK", "0.13"),
    "方便食品": ("INS", "0.13"),
    "调味品": ("CND", "0.13"),
    "粮油": ("GRN", "0.09"),
    "日化清洁": ("HHC", "0.13"),
    "个人护理": ("PER", "0.13"),
    "纸品": ("PAP", "0.13"),
}

_NONE: tuple[tuple[str, str], ...] = (("", ""),)


def _k(zh: str, en: str, unit: str, case_unit: str, case_qtys: tuple[int, ...],
       sizes: tuple[str, ...], price: float,
       flavours: tuple[tuple[str, str], ...] = _NONE) -> _Kind:
    return _Kind(zh, en, unit, case_unit, case_qtys, sizes, flavours, price)


_SODA_SIZES = ("330ml", "500ml", "1.25L", "2L")
_WATER_SIZES = ("380ml", "550ml", "1.5L", "4L")
_TEA_FLAVOURS = (("冰红茶", "Iced Black Tea"), ("绿茶", "Green Tea"), ("茉莉清茶", "Jasmine Tea"),
                 ("乌龙茶", "Oolong Tea"), ("蜂蜜柚子茶", "Honey Pomelo Tea"))
_JUICE_FLAVOURS = (("橙汁", "Orange"), ("苹果汁", "Apple"), ("葡萄汁", "Grape"),
                   ("芒果汁", "Mango"), ("桃汁", "Peach"))
_NOODLE_FLAVOURS = (("红烧牛肉面", "Braised Beef"), ("老坛酸菜牛肉面", "Pickled Cabbage Beef"),
                    ("香辣牛肉面", "Spicy Beef"), ("鲜虾鱼板面", "Shrimp & Fish Cake"),
                    ("番茄鸡蛋面", "Tomato & Egg"), ("藤椒牛肉面", "Green Pepper Beef"))
_MILK_FLAVOURS = (("纯牛奶", "Pure Milk"), ("低脂牛奶", "Low-Fat Milk"),
                  ("高钙奶", "High-Calcium Milk"), ("早餐奶", "Breakfast Milk"))
_YOGURT_FLAVOURS = (("原味", "Original"), ("草莓味", "Strawberry"), ("黄桃味", "Yellow Peach"),
                    ("蓝莓味", "Blueberry"))
_DETERGENT_SCENTS = (("薰衣草香", "Lavender"), ("清新柠檬", "Fresh Lemon"),
                     ("自然清香", "Natural Fresh"), ("茶籽除菌", "Tea Seed Antibacterial"))
_TISSUE_TYPES = (("抽纸", "Facial Tissue"), ("卷纸", "Toilet Roll"), ("手帕纸", "Pocket Tissue"),
                 ("湿巾", "Wet Wipes"))

_BRANDS: tuple[_Brand, ...] = (
    _Brand("可口可乐", "Coca-Cola", "饮料", (
        _k("可乐", "Coke", "瓶", "箱", (12, 24), _SODA_SIZES, 3.0,
           (("", ""), ("零度", "Zero Sugar"), ("香草味", "Vanilla"))),
        _k("雪碧", "Sprite", "瓶", "箱", (12, 24), _SODA_SIZES, 3.0),
        _k("芬达", "Fanta", "瓶", "箱", (12, 24), _SODA_SIZES, 3.0,
           (("橙味", "Orange"), ("葡萄味", "Grape"))),
        _k("美汁源果粒橙", "Minute Maid Pulpy Orange", "瓶", "箱", (12,), ("420ml", "1.25L"), 3.5),
    )),
    _Brand("百事", "Pepsi", "饮料", (
        _k("可乐", "Cola", "罐", "箱", (24,), ("330ml", "500ml", "2L"), 2.8,
           (("", ""), ("无糖", "Zero"))),
        _k("七喜", "7UP", "瓶", "箱", (12, 24), _SODA_SIZES, 2.8),
        _k("美年达", "Mirinda", "瓶", "箱", (12, 24), _SODA_SIZES, 2.8,
           (("橙味", "Orange"), ("青苹果味", "Green Apple"))),
    )),
    _Brand("农夫山泉", "Nongfu Spring", "饮料", (
        _k("饮用天然水", "Natural Water", "瓶", "箱", (12, 24), _WATER_SIZES, 1.8),
        _k("东方树叶", "Oriental Leaf", "瓶", "箱", (15,), ("500ml", "900ml"), 4.5,
           (("乌龙茶", "Oolong"), ("茉莉花茶", "Jasmine"), ("红茶", "Black Tea"))),
        _k("NFC果汁", "NFC Juice", "瓶", "箱", (12,), ("300ml", "900ml"), 8.0, _JUICE_FLAVOURS),
        _k("尖叫", "Scream Sports Drink", "瓶", "箱", (15,), ("550ml",), 4.0),
    )),
    _Brand("怡宝", "C'estbon", "饮料", (
        _k("纯净水", "Purified Water", "瓶", "箱", (12, 24), _WATER_SIZES, 1.6),
    )),
    _Brand("康师傅", "Master Kong", "方便食品", (
        _k("袋面", "Instant Noodles", "袋", "箱", (24,), ("85g", "105g"), 3.0, _NOODLE_FLAVOURS),
        _k("桶面", "Cup Noodles", "桶", "箱", (12,), ("110g", "140g"), 4.5, _NOODLE_FLAVOURS),
        _k("冰红茶", "Iced Tea", "瓶", "箱", (15, 24), ("500ml", "1L"), 3.0),
        _k("茉莉清茶", "Jasmine Tea", "瓶", "箱", (15,), ("500ml", "1L"), 3.0),
    )),
    _Brand("统一", "Uni-President", "方便食品", (
        _k("老坛酸菜牛肉面", "Pickled Cabbage Beef Noodles", "袋", "箱", (24,), ("121g",), 3.2),
        _k("汤达人", "Soup Master Noodles", "桶", "箱", (12,), ("130g",), 6.5,
           (("日式豚骨", "Tonkotsu"), ("韩式辣牛肉", "Korean Spicy Beef"))),
        _k("茶饮料", "Tea Drink", "瓶", "箱", (15,), ("500ml",), 3.0, _TEA_FLAVOURS),
        _k("阿萨姆奶茶", "Assam Milk Tea", "瓶", "箱", (15,), ("500ml",), 4.0,
           (("原味", "Original"), ("煎茶奶绿", "Green Milk Tea"))),
    )),
    _Brand("今麦郎", "Jinmailang", "方便食品", (
        _k("一菜一面", "Noodles", "桶", "箱", (12,), ("120g",), 4.0, _NOODLE_FLAVOURS),
    )),
    _Brand("白象", "Baixiang", "方便食品", (
        _k("汤好喝", "Rich Broth Noodles", "桶", "箱", (12,), ("115g",), 4.5,
           (("老母鸡汤面", "Hen Soup"), ("骨汤面", "Bone Broth"))),
    )),
    _Brand("伊利", "Yili", "乳制品", (
        _k("", "", "盒", "提", (12, 16, 24), ("250ml",), 3.0, _MILK_FLAVOURS),
        _k("安慕希酸奶", "Ambrosial Yogurt", "盒", "箱", (12,), ("205g", "230g"), 5.0,
           _YOGURT_FLAVOURS),
        _k("金典有机奶", "Satine Organic Milk", "盒", "提", (12,), ("250ml",), 5.5),
        _k("优酸乳", "Youtaiyou Drink", "盒", "箱", (24,), ("250ml",), 2.5,
           (("原味", "Original"), ("草莓味", "Strawberry"))),
    )),
    _Brand("蒙牛", "Mengniu", "乳制品", (
        _k("", "", "盒", "提", (12, 16, 24), ("250ml",), 3.0, _MILK_FLAVOURS),
        _k("纯甄酸奶", "Just Yogurt", "盒", "箱", (12,), ("200g",), 4.8, _YOGURT_FLAVOURS),
        _k("特仑苏", "Deluxe Milk", "盒", "提", (12,), ("250ml",), 5.5,
           (("", ""), ("有机", "Organic"), ("低脂", "Low-Fat"))),
    )),
    _Brand("光明", "Bright Dairy", "乳制品", (
        _k("莫斯利安酸奶", "Momchilovtsi Yogurt", "盒", "箱", (12,), ("200g",), 5.0,
           _YOGURT_FLAVOURS),
        _k("优倍鲜牛奶", "Youbei Fresh Milk", "瓶", "箱", (12,), ("950ml",), 14.0),
    )),
    _Brand("青岛啤酒", "Tsingtao", "酒类", (
        _k("经典啤酒", "Classic Lager", "罐", "箱", (24,), ("330ml", "500ml"), 4.0),
        _k("纯生啤酒", "Draft Beer", "瓶", "箱", (12, 24), ("500ml", "600ml"), 5.5),
        _k("白啤", "Wheat Beer", "罐", "箱", (12,), ("500ml",), 7.0),
    )),
    _Brand("雪花", "Snow", "酒类", (
        _k("勇闯天涯", "Brave the World", "罐", "箱", (24,), ("330ml", "500ml"), 3.5),
        _k("纯生", "Draft", "瓶", "箱", (12,), ("500ml",), 5.0),
    )),
    _Brand("百威", "Budweiser", "酒类", (
        _k("啤酒", "Lager", "罐", "箱", (24,), ("330ml", "500ml"), 5.0),
    )),
    _Brand("王老吉", "Wong Lo Kat", "饮料", (
        _k("凉茶", "Herbal Tea", "罐", "箱", (24,), ("310ml",), 3.5),
        _k("凉茶", "Herbal Tea", "瓶", "箱", (15,), ("500ml", "1.5L"), 4.5),
    )),
    _Brand("加多宝", "JDB", "饮料", (
        _k("凉茶", "Herbal Tea", "罐", "箱", (24,), ("310ml",), 3.5),
    )),
    _Brand("红牛", "Red Bull", "饮料", (
        _k("维生素功能饮料", "Vitamin Energy Drink", "罐", "箱", (24,), ("250ml",), 5.5),
    )),
    _Brand("元气森林", "Genki Forest", "饮料", (
        _k("气泡水", "Sparkling Water", "瓶", "箱", (15,), ("480ml",), 5.0,
           (("白桃味", "White Peach"), ("青瓜味", "Cucumber"), ("卡曼橘味", "Calamansi"),
            ("葡萄味", "Grape"))),
        _k("外星人电解质水", "Alienergy Electrolyte", "瓶", "箱", (15,), ("500ml",), 5.5,
           (("荔枝海盐", "Lychee Sea Salt"), ("青柠", "Lime"))),
    )),
    _Brand("旺旺", "Want Want", "休闲零食", (
        _k("仙贝", "Rice Crackers", "袋", "箱", (12, 24), ("52g", "150g", "400g"), 4.0),
        _k("雪饼", "Snow Crackers", "袋", "箱", (12, 24), ("84g", "150g"), 4.0),
        _k("旺仔牛奶", "Want Milk", "罐", "箱", (24,), ("145ml", "245ml"), 3.5),
        _k("QQ糖", "QQ Gummies", "袋", "箱", (24,), ("20g", "70g"), 2.0,
           (("葡萄味", "Grape"), ("水蜜桃味", "Peach"), ("草莓味", "Strawberry"))),
    )),
    _Brand("达利园", "Daliyuan", "休闲零食", (
        _k("蛋黄派", "Egg Yolk Pie", "盒", "箱", (12,), ("250g", "460g"), 12.0),
        _k("法式软面包", "French Soft Bread", "袋", "箱", (12,), ("200g", "360g"), 9.0,
           (("香橙味", "Orange"), ("奶油味", "Cream"))),
        _k("可比克薯片", "Copico Chips", "罐", "箱", (24,), ("45g", "105g"), 5.0,
           (("原味", "Original"), ("番茄味", "Tomato"), ("烧烤味", "BBQ"))),
    )),
    _Brand("乐事", "Lay's", "休闲零食", (
        _k("薯片", "Potato Chips", "袋", "箱", (12, 24), ("40g", "75g", "135g"), 5.5,
           (("原味", "Original"), ("黄瓜味", "Cucumber"), ("青柠味", "Lime"),
            ("意大利红烩味", "Italian Red Meat"), ("墨西哥鸡汁番茄味", "Mexican Tomato Chicken"))),
    )),
    _Brand("奥利奥", "Oreo", "休闲零食", (
        _k("夹心饼干", "Sandwich Cookies", "盒", "箱", (12, 24), ("97g", "194g", "388g"), 7.0,
           (("原味", "Original"), ("草莓味", "Strawberry"), ("巧克力味", "Chocolate"))),
    )),
    _Brand("三只松鼠", "Three Squirrels", "休闲零食", (
        _k("每日坚果", "Daily Nuts", "袋", "箱", (20,), ("25g",), 5.0),
        _k("夏威夷果", "Macadamia Nuts", "袋", "箱", (20,), ("160g",), 25.0),
        _k("碧根果", "Pecans", "袋", "箱", (20,), ("120g",), 22.0),
    )),
    _Brand("良品铺子", "Bestore", "休闲零食", (
        _k("猪肉脯", "Pork Jerky", "袋", "箱", (20,), ("100g", "200g"), 18.0),
        _k("芒果干", "Dried Mango", "袋", "箱", (20,), ("108g",), 12.0),
    )),
    _Brand("徐福记", "Hsu Fu Chi", "休闲零食", (
        _k("沙琪玛", "Sachima", "袋", "箱", (12,), ("311g", "469g"), 13.0,
           (("鸡蛋味", "Egg"), ("黑糖味", "Brown Sugar"))),
    )),
    _Brand("海天", "Haitian", "调味品", (
        _k("味极鲜酱油", "Superior Soy Sauce", "瓶", "箱", (6, 12), ("380ml", "760ml", "1.9L"),
           6.0),
        _k("蚝油", "Oyster Sauce", "瓶", "箱", (12,), ("260g", "700g"), 5.5),
        _k("陈醋", "Aged Vinegar", "瓶", "箱", (12,), ("450ml",), 4.5),
        _k("黄豆酱", "Soybean Paste", "瓶", "箱", (12,), ("340g",), 5.0),
    )),
    _Brand("李锦记", "Lee Kum Kee", "调味品", (
        _k("薄盐生抽", "Less-Salt Light Soy", "瓶", "箱", (12,), ("500ml", "1.65L"), 9.0),
        _k("旧庄蚝油", "Premium Oyster Sauce", "瓶", "箱", (12,), ("255g", "510g"), 12.0),
    )),
    _Brand("老干妈", "Lao Gan Ma", "调味品", (
        _k("风味豆豉油制辣椒", "Chili Oil with Black Bean", "瓶", "箱", (24,), ("280g",), 9.5),
        _k("香辣脆油辣椒", "Spicy Chili Crisp", "瓶", "箱", (24,), ("210g",), 9.0),
        _k("风味鸡油辣椒", "Chicken Chili Oil", "瓶", "箱", (24,), ("280g",), 10.0),
    )),
    _Brand("太太乐", "Totole", "调味品", (
        _k("鸡精", "Chicken Bouillon", "袋", "箱", (20,), ("200g", "454g"), 8.0),
    )),
    _Brand("金龙鱼", "Arawana", "粮油", (
        _k("黄金比例调和油", "Blended Oil", "桶", "箱", (4, 6), ("1.8L", "5L"), 35.0),
        _k("花生油", "Peanut Oil", "桶", "箱", (4, 6), ("1.8L", "5L"), 45.0),
        _k("东北大米", "Northeast Rice", "袋", "件", (4,), ("5kg", "10kg"), 38.0),
    )),
    _Brand("福临门", "Fortune", "粮油", (
        _k("大豆油", "Soybean Oil", "桶", "箱", (4, 6), ("1.8L", "5L"), 30.0),
        _k("五常大米", "Wuchang Rice", "袋", "件", (4,), ("5kg",), 55.0),
    )),
    _Brand("鲁花", "Luhua", "粮油", (
        _k("5S压榨一级花生油", "5S Pressed Peanut Oil", "桶", "箱", (4, 6), ("1.6L", "5L"), 60.0),
    )),
    _Brand("立白", "Liby", "日化清洁", (
        _k("洗衣液", "Laundry Liquid", "瓶", "箱", (6, 12), ("1kg", "2kg", "3kg"), 18.0,
           _DETERGENT_SCENTS),
        _k("洗洁精", "Dish Soap", "瓶", "箱", (12,), ("500g", "1.29kg"), 6.5,
           (("柠檬", "Lemon"), ("生姜", "Ginger"))),
        _k("洗衣粉", "Washing Powder", "袋", "件", (10,), ("1.5kg",), 15.0),
    )),
    _Brand("蓝月亮", "Blue Moon", "日化清洁", (
        _k("深层洁净洗衣液", "Deep Clean Laundry Liquid", "瓶", "箱", (6,), ("1kg", "3kg"), 25.0,
           _DETERGENT_SCENTS),
        _k("洗手液", "Hand Wash", "瓶", "箱", (12,), ("500g",), 16.0,
           (("芦荟", "Aloe"), ("野菊花", "Wild Chrysanthemum"))),
    )),
    _Brand("汰渍", "Tide", "日化清洁", (
        _k("洗衣粉", "Washing Powder", "袋", "件", (10,), ("1.6kg", "3kg"), 19.0),
    )),
    _Brand("心相印", "Hearttex", "纸品", (
        _k("", "", "包", "提", (6, 10, 24), ("3层100抽", "4层130g"), 3.5, _TISSUE_TYPES),
    )),
    _Brand("维达", "Vinda", "纸品", (
        _k("", "", "包", "提", (6, 10, 24), ("3层100抽", "4层140g"), 3.8, _TISSUE_TYPES),
    )),
    _Brand("清风", "Breeze", "纸品", (
        _k("", "", "包", "提", (6, 10, 24), ("2层150抽", "3层100抽"), 3.0, _TISSUE_TYPES),
    )),
    _Brand("舒肤佳", "Safeguard", "个人护理", (
        _k("香皂", "Soap Bar", "块", "箱", (48, 72), ("100g", "125g"), 5.0,
           (("纯白清香", "Pure White"), ("柠檬清新", "Lemon Fresh"))),
        _k("沐浴露", "Body Wash", "瓶", "箱", (12,), ("400ml", "720ml"), 25.0),
    )),
    _Brand("海飞丝", "Head & Shoulders", "个人护理", (
        _k("去屑洗发露", "Anti-Dandruff Shampoo", "瓶", "箱", (12,), ("200ml", "400ml", "750ml"),
           30.0, (("清爽去油", "Oil Control"), ("丝质柔滑", "Silky Smooth"))),
    )),
    _Brand("高露洁", "Colgate", "个人护理", (
        _k("牙膏", "Toothpaste", "支", "箱", (48, 72), ("90g", "140g"), 8.0,
           (("全面防蛀", "Cavity Protection"), ("美白", "Whitening"), ("清新薄荷", "Fresh Mint"))),
    )),
)

# Editions and regional versions tell apart the many SKUs of one product in big catalogues.
_EDITIONS = (("", ""), ("促销装", "Promo Pack"), ("新包装", "New Pack"), ("家庭装", "Family Pack"),
             ("量贩装", "Value Pack"), ("礼盒装", "Gift Box"), ("经典装", "Classic Pack"),
             ("限定版", "Limited Edition"), ("出口装", "Export Pack"), ("便携装", "Travel Pack"),
             ("超值装", "Super Value"))
_SIZE_EN = {"3层100抽": "3-ply 100 sheets", "2层150抽": "2-ply 150 sheets",
            "4层130g": "4-ply 130g", "4层140g": "4-ply 140g"}
_REGIONS = (("", ""), ("华东版", "East China"), ("华南版", "South China"),
            ("华北版", "North China"), ("西南版", "Southwest"), ("东北版", "Northeast"),
            ("华中版", "Central China"), ("西北版", "Northwest"), ("餐饮专供", "Catering"))


def ean13_check_digit(first12: str) -> str:
    """The EAN-13 check digit for a 12-digit prefix (weights 1,3,1,3,… from the left)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def _size_factor(index: int) -> float:
    # Each bigger size costs noticeably more per unit, but less per litre/kilo.
    return (1.0, 1.5, 2.6, 4.0)[min(index, 3)]


def _combinations() -> list[tuple[int, _Kind, tuple[str, str], int, int]]:
    combos = []
    for b, brand in enumerate(_BRANDS):
        for kind in brand.kinds:
            for flavour in kind.flavours:
                for s in range(len(kind.sizes)):
                    for q in kind.case_qtys:
                        combos.append((b, kind, flavour, s, q))
    return combos


_COMBOS = _combinations()


def generate_products(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """``n`` products with unique SKUs and valid unique EAN-13 barcodes, the same for one seed.

    Each dict has :data:`PRODUCT_COLUMNS`: ints for ``case_qty``/``pack_size``/``min_qty``,
    strings for ``tax_rate`` ("0.13"/"0.09") and ``base_price`` (two decimals).
    """
    if n < 0:
        raise ValueError("n must not be negative")
    rng = random.Random(seed)
    order = list(range(len(_COMBOS)))
    rng.shuffle(order)
    # A GS1 China company prefix (69x xxxx) per brand, distinct; items numbered per brand.
    companies = rng.sample(range(10_000, 100_000), len(_BRANDS))
    next_item = [rng.randrange(100, 5_000) for _ in _BRANDS]
    width = max(6, len(str(n)))
    products: list[dict[str, Any]] = []
    rand = rng.random
    for i in range(n):
        variant, pos = divmod(i, len(order))
        b, kind, (fl_zh, fl_en), s, case_qty = _COMBOS[order[pos]]
        brand = _BRANDS[b]
        size = kind.sizes[s]
        ed_zh, ed_en = _EDITIONS[variant % len(_EDITIONS)]
        rg_zh, rg_en = _REGIONS[(variant // len(_EDITIONS)) % len(_REGIONS)]
        # Beyond editions × regions names repeat, as the same goods from several suppliers do.
        zh = " ".join(p for p in (f"{brand.zh}{kind.zh}{fl_zh}", f"{size}×{case_qty}", ed_zh,
                                  rg_zh) if p)
        size_en = _SIZE_EN.get(size, size)
        en = " ".join(p for p in (brand.en, fl_en, kind.en, f"{size_en} x{case_qty}", ed_en,
                                  rg_en) if p)
        prefix, tax = _CATEGORIES[brand.category]
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
