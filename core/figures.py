"""Numbers as people read them: one format on every page, chart and human-readable
part of an export, following the active language.

Vietnamese (the default): thousands "1.654", decimals "2,9", percent "2,9 %".
English: "1,654", "2.9", "2.9%". The separators come from the locale's format module
(config/formats/vi); the percent sign's spacing from ``PERCENT_SIGNS``. A whole
result drops its zero decimals ("10 %", not "10,0 %"), as the statistics tables have
always shown rates. Machine-readable files (CSV, JSON, open data) keep raw numbers.
Templates use the same functions through ``{% load figures %}``.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import get_language

MISSING = "—"
# Vietnamese puts a space before the percent sign; a no-break space keeps "2,9 %"
# on one line. Other languages write it closed up.
PERCENT_SIGNS = {"vi": "\u00a0%"}
DEFAULT_PERCENT_SIGN = "%"


def _decimal(value):
    if value is None or isinstance(value, bool):
        return None
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def number(value, decimals=0):
    """``value`` rounded half up to ``decimals`` places, grouped in thousands, in
    the active language: number(1654) == "1.654", number(2.94, 1) == "2,9",
    number(40.0, 1) == "40". None (or anything not a number) gives "—"."""
    amount = _decimal(value)
    if amount is None:
        return MISSING
    places = max(int(decimals), 0)
    amount = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if amount == amount.to_integral_value():
        amount, places = amount.to_integral_value(), 0
    if amount == 0:
        amount = abs(amount)  # no "-0"
    return formats.number_format(
        amount, decimal_pos=places, use_l10n=True, force_grouping=True
    )


def percent_sign(language=None):
    code = (language or get_language() or "").split("-")[0]
    return PERCENT_SIGNS.get(code, DEFAULT_PERCENT_SIGN)


def percent(value, decimals=1):
    """A share already in percent (0–100): percent(2.9) == "2,9 %" in Vietnamese,
    "2.9%" in English; None gives "—"."""
    text = number(value, decimals)
    return text if text == MISSING else text + percent_sign()
