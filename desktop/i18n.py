"""Languages and locale formatting: Qt translators, and numbers, dates and money per locale.

Source strings are English (``self.tr``); ``resources/translations/dinghuo_<lang>.qm`` holds the
translations. Money stays ``Decimal`` all the way to the screen: QLocale only formats numbers
as floats, so amounts are rounded as Decimals and only the separators come from the locale.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QTimeZone,
    QTranslator,
)

from sync_engine.client.values import ProductView
from sync_engine.domain import Issue, credit
from sync_engine.protocol import parse_time

from .resources import resource_path

__all__ = [
    "LANGUAGES",
    "OWN_VEHICLE",
    "QT_TRANSLATE_NOOP",
    "Formatter",
    "carrier_choices",
    "carrier_of",
    "current_language",
    "domain_lang",
    "install_language",
    "system_language",
    "translate",
]

# Shown in the settings, each language in its own script.
LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}

_installed: list[QTranslator] = []
_current = "en"


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate`` for code outside a QObject (lupdate finds these too)."""
    return QCoreApplication.translate(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate knows
    """Marks ``text`` for translation in ``context`` where it is written (a table of words);
    :func:`translate` translates it where it is shown."""
    return text


def system_language() -> str:
    """The supported language closest to the system's ("zh_CN" for any Chinese locale)."""
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def install_language(lang: str) -> str:
    """Make ``lang`` the UI language (translator and default locale); returns it."""
    global _current
    app = QCoreApplication.instance()
    lang = lang if lang in LANGUAGES else "en"
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    translator = QTranslator(app)
    qm = resource_path("translations") / f"dinghuo_{lang}.qm"
    if qm.is_file() and translator.load(str(qm)):
        QCoreApplication.installTranslator(translator)
        _installed.append(translator)
    # Qt's own dialogs (buttons such as "Cancel") in the language too, when Qt ships them.
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    base = QTranslator(app)
    if base.load(f"qtbase_{lang}", str(qt_dir)):
        QCoreApplication.installTranslator(base)
        _installed.append(base)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China)
                       if lang == "zh_CN" else QLocale(QLocale.Language.English,
                                                        QLocale.Country.UnitedStates))
    _current = lang
    return lang


def current_language() -> str:
    """The UI language code in use."""
    return _current


def domain_lang() -> str:
    """The language code the domain's Issue messages use ("zh" or "en")."""
    return "zh" if _current == "zh_CN" else "en"


_CENT = Decimal("0.01")

_UNITS_EN: dict[str, tuple[str, str]] = {
    # The measure words (量词) of Chinese wholesale, as the English UI says them: singular,
    # plural. A word not here is data the app cannot translate and is shown as it is.
    "瓶": ("bottle", "bottles"), "箱": ("case", "cases"), "件": ("carton", "cartons"),
    "袋": ("bag", "bags"), "包": ("pack", "packs"), "提": ("multipack", "multipacks"),
    "罐": ("can", "cans"), "听": ("can", "cans"), "盒": ("box", "boxes"),
    "桶": ("tub", "tubs"), "杯": ("cup", "cups"), "支": ("tube", "tubes"),
    "块": ("bar", "bars"), "条": ("carton", "cartons"), "卷": ("roll", "rolls"),
    "个": ("piece", "pieces"), "只": ("piece", "pieces"), "片": ("sheet", "sheets"),
    "双": ("pair", "pairs"), "套": ("set", "sets"), "打": ("dozen", "dozen"),
    "板": ("tray", "trays"), "托": ("pallet", "pallets"), "斤": ("jin", "jin"),
    "公斤": ("kg", "kg"), "千克": ("kg", "kg"), "克": ("g", "g"), "升": ("L", "L"),
    "毫升": ("ml", "ml"),
}
_UNIT_COUNTS = ("min_qty", "pack_size", "available")  # the number an Issue puts before {unit}
_TERMS_EN = (("货到付款", "cash on delivery"), ("款到发货", "payment before delivery"),
             ("现款", "cash"), ("现金", "cash"))


# China's common carriers (快递): the name the data keeps (one vocabulary whatever the UI
# language of the clerk who typed it), the other names clerks type for it, the English name.
# A carrier not here is data the app cannot translate and is shown as it was typed.
OWN_VEHICLE = "自有车辆"  # the warehouse's own van: there is no waybill
_CARRIERS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("顺丰速运", ("顺丰", "顺丰快递"), "SF Express"),
    ("中通快递", ("中通",), "ZTO Express"),
    ("圆通速递", ("圆通", "圆通快递"), "YTO Express"),
    ("韵达快递", ("韵达", "韵达速递"), "Yunda Express"),
    ("申通快递", ("申通",), "STO Express"),
    ("京东物流", ("京东", "京东快递"), "JD Logistics"),
    ("德邦物流", ("德邦", "德邦快递"), "Deppon Logistics"),
    ("中国邮政", ("EMS", "邮政", "中国邮政EMS", "邮政EMS"), "China Post EMS"),
    ("极兔速递", ("极兔", "极兔快递"), "J&T Express"),
    ("百世快递", ("百世", "百世汇通"), "Best Express"),
    (OWN_VEHICLE, ("自有车", "自送"), "Own vehicle"),
)
_CARRIER_BY_NAME: dict[str, tuple[str, str]] = {
    name.casefold(): (canonical, english)
    for canonical, others, english in _CARRIERS
    for name in (canonical, *others, english)
}


def carrier_of(text: str) -> str:
    """The carrier the clerk means by ``text``, as the data keeps it: the canonical Chinese
    name of a known carrier under any of its names (顺丰, SF Express, ems …), else ``text`` as
    typed (trimmed)."""
    known = _CARRIER_BY_NAME.get(text.strip().casefold())
    return known[0] if known else text.strip()


def carrier_choices() -> list[tuple[str, str]]:
    """The known carriers a clerk picks from: (name in the UI language, name the data
    keeps), in the order they are offered."""
    return [(Formatter().carrier(canonical), canonical) for canonical, _o, _e in _CARRIERS]


class Formatter:
    """Formats values for display in the current locale."""

    def __init__(self, locale: QLocale | None = None, *, data_units: bool = False) -> None:
        self.locale = locale or QLocale()
        # Units and carriers as the data says them (瓶, 顺丰速运), in any UI language.
        self.data_units = data_units

    def with_data_units(self) -> Formatter:
        """This formatter, but saying units (and carriers) as the data does: for the Chinese
        business documents (送货单) whose fixed forms are laid out for those words."""
        return Formatter(self.locale, data_units=True)

    def integer(self, value: int) -> str:
        """A whole number with the locale's digit grouping."""
        return self.locale.toString(int(value))

    def decimal(self, value: Decimal, places: int = 2) -> str:
        """A Decimal rounded half-up to ``places``, with the locale's separators (no float)."""
        q = Decimal(1).scaleb(-places)
        rounded = value.quantize(q, rounding=ROUND_HALF_UP)
        sign = "-" if rounded < 0 else ""
        whole, _, frac = f"{abs(rounded):f}".partition(".")
        grouped = self.locale.toString(int(whole))
        if places == 0:
            return sign + grouped
        return f"{sign}{grouped}{self.locale.decimalPoint()}{frac}"

    def money(self, value: Decimal | None) -> str:
        """An amount in yuan, e.g. "¥1,234.50", "-¥3.00": THE money format of every screen,
        message and printed document (unit prices keep finer digits: :meth:`unit_price`)."""
        if value is None:
            return "—"
        return self._yuan(self.decimal(value.quantize(_CENT, rounding=ROUND_HALF_UP)))

    def unit_price(self, value: Decimal) -> str:
        """A unit price as :meth:`money`, but with four places when it has sub-cent precision
        ("¥0.1250"), so a price per bottle is never rounded away. Amounts inside messages are
        written this way too, since a message may quote a price."""
        places = 2 if value == value.quantize(_CENT) else 4
        return self._yuan(self.decimal(value, places))

    @staticmethod
    def _yuan(number: str) -> str:
        return f"-¥{number[1:]}" if number.startswith("-") else f"¥{number}"

    def issue(self, issue: Issue) -> str:
        """A domain issue as a sentence in the UI language, its amounts and units as on every
        screen (the unit agreeing with the number the sentence puts before it)."""
        word = issue.params.get("unit")
        if isinstance(word, str):
            number = next((issue.params[k] for k in _UNIT_COUNTS if k in issue.params), 2)
            issue = dataclasses.replace(issue, params={
                **issue.params, "unit": self.unit(word, number if isinstance(number, int) else 2)})
        return issue.message(domain_lang(), money=self.unit_price)

    def quantity(self, units: int, product: ProductView | None) -> str:
        """A quantity with its unit, and the whole cases it makes: "48 罐 (4 箱)",
        "9 包 (1 提 + 3 包)": THE quantity format of every screen (without the product, which
        says the unit, just the number)."""
        if product is None:
            return self.integer(units)
        text = self.count(units, product.unit)
        cases = self.cases(units, product)
        return f"{text} ({cases})" if cases else text

    def count(self, number: int, unit: str) -> str:
        """A number of one unit: "12 瓶", in the English UI "12 bottles"."""
        return f"{self.integer(number)} {self.unit(unit, number)}"

    def unit(self, word: str, number: int = 1) -> str:
        """A product's unit word (瓶, 箱 …) in the UI language, agreeing with ``number``: the
        data's own word in Chinese, the English one where the English UI knows it."""
        english = (_UNITS_EN.get(word.strip())
                   if domain_lang() == "en" and not self.data_units else None)
        if english is None:
            return word
        return english[0] if number == 1 else english[1]

    def carrier(self, text: str) -> str:
        """A shipment's carrier in the UI language: the English name of a known carrier in the
        English UI (顺丰 → SF Express); otherwise, and in Chinese, as typed."""
        known = _CARRIER_BY_NAME.get(text.strip().casefold())
        if known is None or domain_lang() != "en" or self.data_units:
            return text
        return known[1]

    @staticmethod
    def terms(text: str) -> str:
        """A customer's payment terms (账期) in the UI language: as the data says them in
        Chinese; in English where they are understood ("月结30天" → "monthly, 30 days")."""
        if domain_lang() != "en" or not text.strip():
            return text
        for word, english in _TERMS_EN:
            if word in text:
                return english
        days = credit.terms_days(text)
        if days is None or days == 0:
            return text
        if "月结" in text:
            return f"monthly, {days} days"
        if "票到" in text:
            return f"{days} days after invoice"
        return f"{days} days"

    def cases(self, units: int, product: ProductView) -> str:
        """The whole cases in ``units`` ("4 箱", "1 提 + 3 包"), or "" when not one case."""
        if product.case_qty <= 1 or units < product.case_qty:
            return ""
        cases, rest = divmod(units, product.case_qty)
        text = self.count(cases, product.case_unit)
        return text + (f" + {self.count(rest, product.unit)}" if rest else "")

    def percent(self, rate: Decimal) -> str:
        """A tax rate such as 0.13 as "13%"."""
        pct = (rate * 100).normalize()
        return f"{pct:f}%"

    def date(self, value: dt.date | None) -> str:
        """A date in the locale's short format."""
        if value is None:
            return ""
        return self.locale.toString(QDate(value.year, value.month, value.day),
                                    QLocale.FormatType.ShortFormat)

    def timestamp(self, at: str | dt.datetime | None) -> str:
        """A server timestamp (ISO 8601, UTC; or a protocol model's aware datetime) in local
        time, short format."""
        if not at:
            return ""
        parsed = at if isinstance(at, dt.datetime) else parse_time(at)
        if parsed is None:
            return str(at)  # shown as sent rather than hidden
        when = QDateTime.fromSecsSinceEpoch(int(parsed.timestamp()), QTimeZone.utc())
        return self.locale.toString(when.toLocalTime(), QLocale.FormatType.ShortFormat)
