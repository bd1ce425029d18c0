"""Synthetic but realistic bilingual product catalog (for benchmarks, tests and demo data).

Names are built the way Chinese wholesale catalogs write them: brand + variant + product kind,
then size and packaging, e.g. "康师傅红烧牛肉面 五连包 105g×5" / "Master Kong Braised Beef
Noodles 5-pack 105g x5". Everything is derived from a seeded ``random.Random`` so the same
``(n, seed)`` always yields the same catalog.

Usage::

    from catalog_gen import generate_products
    products = generate_products(100_000, seed=1)

Why not :func:`sync_engine.server.demo.catalog.generate_products`: its names are more real
(only brand/product pairs that exist), but it builds them from a fixed list of combinations
times editions and regions, so names repeat: about half of 100,000 are distinct, and at
1,000,000 each name recurs about twenty times, which makes result sets and ties unrealistic
for a search benchmark. This generator keeps names nearly unique and varies their shape
(size glued to the name, in brackets, series suffixes), which exercises tokenisation. The
benchmark can still run on the demo catalog: ``bench_search.py --catalog demo``.
"""

from __future__ import annotations

import random
from typing import Any

# category code, category zh, tax rate, unit zh, case unit zh,
# brands (zh, en), kinds (zh, en, base price), variants (zh, en), sizes (label, price factor),
# packs (zh, en, case qty)
_Brand = tuple[str, str]
_Kind = tuple[str, str, float]
_Variant = tuple[str, str]
_Size = tuple[str, float]
_Pack = tuple[str, str, int]

_CATEGORIES: list[
    tuple[
        str, str, str, str, str, list[_Brand], list[_Kind], list[_Variant], list[_Size], list[_Pack]
    ]
] = [
    (
        "BEV",
        "饮料",
        "0.13",
        "瓶",
        "箱",
        [
            ("可口可乐", "Coca-Cola"),
            ("百事可乐", "Pepsi"),
            ("农夫山泉", "Nongfu Spring"),
            ("怡宝", "C'estbon"),
            ("康师傅", "Master Kong"),
            ("统一", "Uni-President"),
            ("王老吉", "Wanglaoji"),
            ("加多宝", "JDB"),
            ("元气森林", "Genki Forest"),
            ("娃哈哈", "Wahaha"),
            ("雪碧", "Sprite"),
            ("芬达", "Fanta"),
            ("红牛", "Red Bull"),
            ("东方树叶", "Oriental Leaf"),
            ("汇源", "Huiyuan"),
            ("椰树", "Coconut Palm"),
        ],
        [
            ("可乐", "Cola", 3.0),
            ("矿泉水", "Mineral Water", 2.0),
            ("纯净水", "Purified Water", 1.5),
            ("冰红茶", "Iced Black Tea", 3.0),
            ("绿茶", "Green Tea", 3.0),
            ("凉茶", "Herbal Tea", 4.0),
            ("苏打气泡水", "Sparkling Soda Water", 5.0),
            ("橙汁", "Orange Juice", 4.5),
            ("椰汁", "Coconut Milk Drink", 4.5),
            ("功能饮料", "Energy Drink", 6.0),
            ("乌龙茶", "Oolong Tea", 4.0),
            ("柠檬水", "Lemon Water", 3.5),
        ],
        [
            ("", ""),
            ("无糖", "Zero Sugar"),
            ("低糖", "Low Sugar"),
            ("原味", "Original"),
            ("柠檬味", "Lemon"),
            ("蜜桃味", "Peach"),
            ("青柠味", "Lime"),
            ("经典", "Classic"),
        ],
        [
            ("330ml", 1.0),
            ("500ml", 1.3),
            ("550ml", 1.35),
            ("600ml", 1.4),
            ("1.25L", 2.2),
            ("2L", 3.0),
            ("250ml", 0.9),
        ],
        [
            ("罐装", "Can", 24),
            ("瓶装", "Bottle", 24),
            ("整箱", "Case", 12),
            ("6连包", "6-pack", 4),
            ("", "", 24),
        ],
    ),
    (
        "DAI",
        "乳品",
        "0.09",
        "盒",
        "箱",
        [
            ("伊利", "Yili"),
            ("蒙牛", "Mengniu"),
            ("光明", "Bright Dairy"),
            ("三元", "Sanyuan"),
            ("君乐宝", "Junlebao"),
            ("新希望", "New Hope"),
            ("安慕希", "Ambrosial"),
            ("特仑苏", "Deluxe"),
            ("旺仔", "Want Want"),
            ("养乐多", "Yakult"),
        ],
        [
            ("纯牛奶", "Pure Milk", 3.0),
            ("酸奶", "Yogurt", 5.0),
            ("低脂牛奶", "Low Fat Milk", 3.5),
            ("早餐奶", "Breakfast Milk", 3.5),
            ("乳酸菌饮品", "Lactobacillus Drink", 2.5),
            ("奶粉", "Milk Powder", 60.0),
            ("奶酪棒", "Cheese Stick", 15.0),
            ("高钙奶", "High Calcium Milk", 3.8),
        ],
        [
            ("", ""),
            ("原味", "Original"),
            ("草莓味", "Strawberry"),
            ("香蕉味", "Banana"),
            ("脱脂", "Skimmed"),
            ("有机", "Organic"),
            ("儿童", "Kids"),
        ],
        [("250ml", 1.0), ("200ml", 0.85), ("1L", 3.2), ("100g", 0.8), ("400g", 2.5), ("900g", 4.0)],
        [
            ("盒装", "Carton", 24),
            ("利乐包", "Tetra Pak", 24),
            ("袋装", "Pouch", 20),
            ("礼盒装", "Gift Box", 6),
            ("", "", 12),
        ],
    ),
    (
        "NDL",
        "方便食品",
        "0.09",
        "袋",
        "箱",
        [
            ("康师傅", "Master Kong"),
            ("统一", "Uni-President"),
            ("今麦郎", "Jinmailang"),
            ("白象", "Baixiang"),
            ("日清", "Nissin"),
            ("农心", "Nongshim"),
            ("五谷道场", "Wugudaochang"),
            ("华丰", "Huafeng"),
            ("白家陈记", "Baijia"),
            ("海底捞", "Haidilao"),
        ],
        [
            ("红烧牛肉面", "Braised Beef Noodles", 4.0),
            ("老坛酸菜牛肉面", "Pickled Cabbage Beef Noodles", 4.0),
            ("香辣牛肉面", "Spicy Beef Noodles", 4.0),
            ("鲜虾鱼板面", "Shrimp Fishcake Noodles", 4.5),
            ("酸辣粉", "Hot and Sour Noodles", 6.0),
            ("自热火锅", "Self-heating Hotpot", 25.0),
            ("杯面", "Cup Noodles", 5.0),
            ("拌面", "Dry Noodles", 5.5),
            ("螺蛳粉", "River Snail Rice Noodles", 9.0),
        ],
        [
            ("", ""),
            ("经典", "Classic"),
            ("劲爽", "Extra"),
            ("大食袋", "Big Bag"),
            ("微辣", "Mild"),
            ("特辣", "Extra Hot"),
        ],
        [("105g", 1.0), ("120g", 1.1), ("85g", 0.9), ("145g", 1.3), ("400g", 3.5)],
        [
            ("五连包", "5-pack", 6),
            ("袋装", "Bag", 24),
            ("桶装", "Bucket", 12),
            ("整箱", "Case", 1),
            ("", "", 24),
        ],
    ),
    (
        "BER",
        "酒类",
        "0.13",
        "瓶",
        "箱",
        [
            ("青岛啤酒", "Tsingtao"),
            ("雪花啤酒", "Snow Beer"),
            ("燕京啤酒", "Yanjing"),
            ("哈尔滨啤酒", "Harbin"),
            ("百威", "Budweiser"),
            ("珠江啤酒", "Zhujiang"),
            ("茅台", "Moutai"),
            ("五粮液", "Wuliangye"),
            ("泸州老窖", "Luzhou Laojiao"),
            ("长城", "Great Wall"),
            ("张裕", "Changyu"),
            ("江小白", "Jiangxiaobai"),
        ],
        [
            ("啤酒", "Beer", 4.0),
            ("纯生", "Draft Beer", 6.0),
            ("白酒", "Baijiu", 120.0),
            ("干红葡萄酒", "Dry Red Wine", 80.0),
            ("黄酒", "Rice Wine", 20.0),
            ("精酿", "Craft Beer", 12.0),
            ("清爽型啤酒", "Light Beer", 3.5),
        ],
        [
            ("", ""),
            ("经典", "Classic"),
            ("冰爽", "Ice"),
            ("原浆", "Unfiltered"),
            ("小麦", "Wheat"),
            ("52度", "52%"),
            ("窖藏", "Cellar"),
        ],
        [("330ml", 1.0), ("500ml", 1.4), ("640ml", 1.7), ("750ml", 2.0), ("1L", 2.6)],
        [
            ("罐装", "Can", 24),
            ("瓶装", "Bottle", 12),
            ("礼盒装", "Gift Box", 6),
            ("整箱", "Case", 1),
            ("", "", 12),
        ],
    ),
    (
        "HOM",
        "日化",
        "0.13",
        "瓶",
        "箱",
        [
            ("立白", "Liby"),
            ("蓝月亮", "Blue Moon"),
            ("汰渍", "Tide"),
            ("奥妙", "OMO"),
            ("雕牌", "Diao"),
            ("超能", "Super"),
            ("威露士", "Walch"),
            ("滴露", "Dettol"),
            ("舒肤佳", "Safeguard"),
            ("海飞丝", "Head & Shoulders"),
            ("飘柔", "Rejoice"),
            ("高露洁", "Colgate"),
            ("云南白药", "Yunnan Baiyao"),
        ],
        [
            ("洗衣液", "Laundry Detergent", 25.0),
            ("洗衣粉", "Washing Powder", 15.0),
            ("洗洁精", "Dish Soap", 10.0),
            ("洗手液", "Hand Wash", 18.0),
            ("消毒液", "Disinfectant", 30.0),
            ("香皂", "Bar Soap", 5.0),
            ("洗发水", "Shampoo", 40.0),
            ("牙膏", "Toothpaste", 12.0),
            ("沐浴露", "Body Wash", 35.0),
            ("柔顺剂", "Fabric Softener", 22.0),
        ],
        [
            ("", ""),
            ("薰衣草香", "Lavender"),
            ("柠檬香", "Lemon"),
            ("深层洁净", "Deep Clean"),
            ("除菌", "Antibacterial"),
            ("护色", "Color Care"),
            ("清爽", "Fresh"),
        ],
        [
            ("500g", 1.0),
            ("1kg", 1.8),
            ("2kg", 3.2),
            ("3kg", 4.5),
            ("400ml", 0.9),
            ("750ml", 1.4),
            ("120g", 0.5),
        ],
        [
            ("瓶装", "Bottle", 12),
            ("袋装", "Refill Bag", 12),
            ("组合装", "Combo Pack", 6),
            ("家庭装", "Family Size", 4),
            ("", "", 12),
        ],
    ),
    (
        "PAP",
        "纸品",
        "0.13",
        "提",
        "箱",
        [
            ("心相印", "Hearttex"),
            ("维达", "Vinda"),
            ("清风", "Breeze"),
            ("洁柔", "C&S"),
            ("得宝", "Tempo"),
            ("舒洁", "Kleenex"),
            ("妮飘", "Nepia"),
            ("植护", "Beaut"),
        ],
        [
            ("抽纸", "Facial Tissue", 15.0),
            ("卷纸", "Toilet Roll", 20.0),
            ("手帕纸", "Pocket Tissue", 8.0),
            ("湿巾", "Wet Wipes", 10.0),
            ("厨房纸巾", "Kitchen Towel", 12.0),
            ("纸巾", "Tissue", 9.0),
        ],
        [
            ("", ""),
            ("三层", "3-ply"),
            ("四层", "4-ply"),
            ("无香", "Unscented"),
            ("加厚", "Thick"),
            ("婴儿", "Baby"),
        ],
        [
            ("100抽", 1.0),
            ("130抽", 1.2),
            ("10卷", 1.5),
            ("12卷", 1.8),
            ("80片", 0.8),
            ("18包", 1.6),
        ],
        [("", "", 8), ("整提", "Pack", 8), ("家庭装", "Family Pack", 6), ("箱装", "Case", 1)],
    ),
    (
        "SNK",
        "零食",
        "0.13",
        "袋",
        "箱",
        [
            ("乐事", "Lay's"),
            ("旺旺", "Want Want"),
            ("奥利奥", "Oreo"),
            ("好丽友", "Orion"),
            ("三只松鼠", "Three Squirrels"),
            ("良品铺子", "Bestore"),
            ("卫龙", "Weilong"),
            ("达利园", "Daliyuan"),
            ("徐福记", "Hsu Fu Chi"),
            ("德芙", "Dove"),
            ("士力架", "Snickers"),
            ("上好佳", "Oishi"),
        ],
        [
            ("薯片", "Potato Chips", 7.0),
            ("饼干", "Biscuits", 8.0),
            ("夹心饼干", "Sandwich Cookies", 9.0),
            ("坚果", "Mixed Nuts", 30.0),
            ("辣条", "Spicy Gluten Strips", 3.0),
            ("蛋黄派", "Egg Yolk Pie", 12.0),
            ("巧克力", "Chocolate", 15.0),
            ("雪饼", "Rice Crackers", 6.0),
            ("牛肉干", "Beef Jerky", 25.0),
            ("糖果", "Candy", 10.0),
        ],
        [
            ("", ""),
            ("原味", "Original"),
            ("番茄味", "Tomato"),
            ("烧烤味", "BBQ"),
            ("黄瓜味", "Cucumber"),
            ("香辣味", "Spicy"),
            ("牛奶味", "Milk"),
            ("每日", "Daily"),
        ],
        [("70g", 1.0), ("104g", 1.4), ("135g", 1.7), ("200g", 2.4), ("500g", 5.0), ("1kg", 9.0)],
        [
            ("袋装", "Bag", 22),
            ("罐装", "Tin", 12),
            ("礼盒装", "Gift Box", 6),
            ("分享装", "Sharing Pack", 10),
            ("", "", 20),
        ],
    ),
    (
        "CON",
        "调味品",
        "0.09",
        "瓶",
        "箱",
        [
            ("海天", "Haday"),
            ("李锦记", "Lee Kum Kee"),
            ("老干妈", "Laoganma"),
            ("太太乐", "Totole"),
            ("厨邦", "Chubang"),
            ("千禾", "Qianhe"),
            ("恒顺", "Hengshun"),
            ("六月鲜", "Liuyuexian"),
            ("王守义", "Wangshouyi"),
            ("加加", "Jiajia"),
        ],
        [
            ("生抽", "Light Soy Sauce", 10.0),
            ("老抽", "Dark Soy Sauce", 11.0),
            ("蚝油", "Oyster Sauce", 12.0),
            ("香醋", "Vinegar", 8.0),
            ("鸡精", "Chicken Bouillon", 9.0),
            ("辣椒酱", "Chili Sauce", 9.0),
            ("料酒", "Cooking Wine", 7.0),
            ("十三香", "Thirteen Spices", 5.0),
            ("豆瓣酱", "Bean Paste", 8.0),
            ("食盐", "Salt", 3.0),
        ],
        [
            ("", ""),
            ("特级", "Premium"),
            ("零添加", "No Additives"),
            ("减盐", "Low Salt"),
            ("金标", "Gold Label"),
            ("风味", "Flavored"),
        ],
        [("500ml", 1.0), ("1.28L", 2.2), ("1.9L", 3.0), ("280g", 0.8), ("454g", 1.1), ("45g", 0.4)],
        [("瓶装", "Bottle", 12), ("袋装", "Bag", 20), ("", "", 12), ("组合装", "Combo", 6)],
    ),
    (
        "GRO",
        "粮油",
        "0.09",
        "袋",
        "件",
        [
            ("金龙鱼", "Arawana"),
            ("福临门", "Fortune"),
            ("鲁花", "Luhua"),
            ("中粮", "COFCO"),
            ("十月稻田", "Shiyue Daotian"),
            ("五得利", "Wudeli"),
            ("香满园", "Xiangmanyuan"),
            ("多力", "Duoli"),
        ],
        [
            ("大米", "Rice", 40.0),
            ("面粉", "Flour", 25.0),
            ("花生油", "Peanut Oil", 90.0),
            ("调和油", "Blended Oil", 60.0),
            ("菜籽油", "Rapeseed Oil", 70.0),
            ("挂面", "Dried Noodles", 8.0),
            ("玉米油", "Corn Oil", 65.0),
            ("小米", "Millet", 15.0),
        ],
        [
            ("", ""),
            ("东北", "Northeast"),
            ("五常", "Wuchang"),
            ("压榨一级", "First Press"),
            ("高筋", "High Gluten"),
            ("有机", "Organic"),
            ("长粒香", "Long Grain"),
        ],
        [("5kg", 1.0), ("10kg", 1.9), ("2.5kg", 0.55), ("1kg", 0.25), ("5L", 1.0), ("1.8L", 0.4)],
        [("袋装", "Bag", 4), ("桶装", "Barrel", 4), ("", "", 4), ("礼盒装", "Gift Box", 2)],
    ),
]


_SIZE_UNITS_EN = {"抽": " sheets", "卷": " rolls", "片": " wipes", "包": " packs", "度": "%"}


def _ean13(number12: str) -> str:
    """Append the EAN-13 check digit (weights 1,3,1,3… from the left)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(number12))
    return number12 + str((10 - total % 10) % 10)


def generate_products(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """Return ``n`` synthetic products, deterministic for a given ``(n, seed)``.

    Keys: sku ("BEV-000123", unique), barcode (unique EAN-13, or None for about 3%), name_zh,
    name_en, category (Chinese category name), unit, case_unit, case_qty, pack_size, min_qty,
    tax_rate (str, e.g. "0.13"), base_price (str with 2 decimals, e.g. "3.50").
    Names repeat only in the combinations a real catalog repeats them (same brand, kind and size
    under another SKU), so search results have realistic sizes.
    """
    rng = random.Random(seed)
    products: list[dict[str, Any]] = []
    # Barcodes: a per-seed shuffled block keeps them unique without a set.
    barcode_base = rng.randrange(10_000_000, 90_000_000) * 100
    for i in range(n):
        code, cat_zh, tax, unit, case_unit, brands, kinds, variants, sizes, packs = rng.choice(
            _CATEGORIES
        )
        brand_zh, brand_en = rng.choice(brands)
        kind_zh, kind_en, kind_price = rng.choice(kinds)
        var_zh, var_en = rng.choice(variants)
        size, factor = rng.choice(sizes)
        pack_zh, pack_en, case_qty = rng.choice(packs)
        # Some catalogs put the size glued to the name, some separate it, some add a series
        # number; vary it so tokenisation is exercised on all three shapes.
        style = rng.random()
        series = rng.choice(["", "", "", "", "新品", "升级版", "促销装", "A款", "B款", "特惠"])
        if style < 0.6:
            name_zh = f"{brand_zh}{var_zh}{kind_zh} {size}"
        elif style < 0.85:
            name_zh = f"{brand_zh} {var_zh}{kind_zh}{size}"
        else:
            name_zh = f"{brand_zh}{var_zh}{kind_zh}（{size}）"
        if pack_zh:
            name_zh += f" {pack_zh}"
        if series:
            name_zh += f" {series}"
        size_en = size
        for zh, en in _SIZE_UNITS_EN.items():
            size_en = size_en.replace(zh, en)
        name_en = " ".join(p for p in (brand_en, var_en, kind_en, size_en, pack_en) if p)
        price = kind_price * factor * rng.uniform(0.8, 1.25)
        barcode = None if rng.random() < 0.03 else _ean13(f"69{barcode_base + i:010d}"[:12])
        pack_size = rng.choice([1, 1, 1, 2, 4, 6])
        products.append(
            {
                "sku": f"{code}-{i:06d}",
                "barcode": barcode,
                "name_zh": name_zh,
                "name_en": name_en,
                "category": cat_zh,
                "unit": unit,
                "case_unit": case_unit,
                "case_qty": case_qty,
                "pack_size": pack_size,
                "min_qty": pack_size * rng.choice([1, 1, 2, 5]),
                "tax_rate": tax,
                "base_price": f"{price:.2f}",
            }
        )
    return products


if __name__ == "__main__":
    for p in generate_products(10, seed=1):
        print(p)
