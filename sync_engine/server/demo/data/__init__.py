"""The demo data set's fixed parts, as data files beside this module.

``catalog.json``     brands and their kinds, flavours and sizes (:mod:`..catalog` crosses them
                     into products)
``warehouses.json``  the two warehouses, with the city and streets their customers are in
``customers.csv``    the customers, their sales rep, credit limit and payment terms
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
