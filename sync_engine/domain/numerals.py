"""Amounts in Chinese capital numerals (大写金额), as written on delivery notes, invoices and
cheques so that a figure cannot be altered.

The rules (those of the banks' 支付结算办法):

- digits 零壹贰叁肆伍陆柒捌玖, places 拾佰仟 within a group of four, groups 万 and 亿;
  ten is 壹拾 (never a bare 拾);
- zeros between non-zero digits, however many, are written once as 零 (壹万零伍元整,
  壹佰万零壹佰元整); trailing zeros of a group are not written (壹拾万元整);
- 元 closes the yuan; an amount with no 分 ends in 整 (壹元整, 伍角整); a zero 角 between
  元 and 分 is 零 (壹元零伍分);
- less than a yuan has no 元: 0.05 is 伍分; zero is 零元整; a negative amount starts with 负.

Amounts are rounded to the fen first (the money rule, :func:`.money.to_money`).
"""

from __future__ import annotations

from decimal import Decimal

from .money import require_decimal, to_money

__all__ = ["capital_amount"]

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("", "拾", "佰", "仟")
_GROUPS = ("", "万", "亿", "万亿")


def _group(n: int) -> str:
    """A group of four digits (1..9999), without leading zeros and without its group unit."""
    out: list[str] = []
    zero = False
    for place in range(3, -1, -1):
        digit = n // 10**place % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[digit] + _PLACES[place])
    return "".join(out)


def _yuan(n: int) -> str:
    groups: list[int] = []
    while n:
        groups.append(n % 10_000)
        n //= 10_000
    if len(groups) > len(_GROUPS):
        raise ValueError("amount too large for capital numerals")
    out: list[str] = []
    zero = False  # a zero (a whole group, or a group's leading digits) since the last digit
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero = bool(out)
            continue
        if out and (zero or group < 1000):
            out.append("零")
        out.append(_group(group) + _GROUPS[index])
        zero = False
    return "".join(out)


def capital_amount(value: Decimal) -> str:
    """``value`` (yuan) in capital numerals: ``Decimal("1234.56")`` → 壹仟贰佰叁拾肆元伍角陆分."""
    amount = to_money(require_decimal(value, "amount"))
    sign = "负" if amount < 0 else ""
    fen_total = int(abs(amount) * 100)
    yuan, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    if fen_total == 0:
        return "零元整"
    out = _yuan(yuan) + "元" if yuan else ""
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif yuan and fen:
        out += "零"
    if fen:
        out += _DIGITS[fen] + "分"
    else:
        out += "整"
    return sign + out
