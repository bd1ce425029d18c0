"""The demo data set's fixed parts, as data files beside this module.

``catalog.json``     brands and their kinds, flavours and sizes (:mod:`..catalog` crosses them
                     into products)
``warehouses.json``  the two warehouses, with the city and streets their customers are in
``customers.csv``    the customers, their sales rep, credit limit, payment terms and price
                     basis (含税 or not)
``promotions.csv``   promotions, with dates in days from today and the product as a word of its
                     Chinese name (the first well-stocked product of the catalogue that has
                     it): 买十赠一 in cases, a week's 特价 (percent of the base price, 含税) for a
                     few stores, 满减
``users.csv``        the demo's users (password ``demo``)

What varies with the seed (products chosen, addresses, phones, stock, prices, orders) is made by
:mod:`..load` and :mod:`..orders`.
"""

from __future__ import annotations

import csv
import io
from importlib import resources


def demo_data(name: str) -> str:
    """The text of the data file ``name``."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def demo_rows(name: str) -> list[dict[str, str]]:
    """The rows of the CSV data file ``name``, by column name."""
    return list(csv.DictReader(io.StringIO(demo_data(name))))
