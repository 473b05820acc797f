"""Numbers as the videos write them: a fixed count of decimals, a true minus sign, and exact sums of what is shown.

Claims speak about the numbers a viewer reads, so the rounding lives here, below the scenes: a tie is a tie of the
written numbers, a sum is the sum a calculator gives for the written numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["WEIGHT_DECIMALS", "fmt", "fmt_magnitude", "fmt_percent", "round_written", "shown", "sum_shown"]

WEIGHT_DECIMALS = 2  # attention weights and every matrix computed from the inputs


def fmt(value: float, decimals: int) -> str:
    """Format a number with a fixed count of decimals and a true minus sign; never prints "-0.00".

    >>> fmt(2.104, 2), fmt(-0.004, 2), fmt(-1.5, 1), fmt(float("-inf"), 2)
    ('2.10', '0.00', '−1.5', '−∞')
    """
    if math.isinf(value):  # a masked score
        return "−∞" if value < 0 else "∞"
    s = f"{float(value):.{decimals}f}"
    if float(s) == 0:
        s = s.lstrip("-")
    return s.replace("-", "−")


def shown(value: float, decimals: int) -> Decimal:
    """The number a viewer reads when ``value`` is written with ``decimals`` digits, as an exact decimal.

    >>> shown(0.6849, 2), shown(-0.25, 1)
    (Decimal('0.68'), Decimal('-0.2'))
    """
    return Decimal(fmt(value, decimals).replace("−", "-"))


def round_written(value: Decimal, decimals: int) -> str:
    """An exact decimal rounded as a person with a calculator rounds (half up), written like :func:`fmt`.

    >>> round_written(Decimal("0.685"), 2), round_written(Decimal("-0.125"), 2)
    ('0.69', '−0.13')
    """
    q = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return fmt(float(q), decimals) if q else fmt(0.0, decimals)


def sum_shown(values: Iterable[float], decimals: int) -> Decimal:
    """The exact sum of ``values`` as written with ``decimals`` digits (what adding the shown numbers gives).

    >>> sum_shown([1 / 3, 1 / 3, 1 / 3], 2)
    Decimal('0.99')
    """
    return sum((shown(v, decimals) for v in values), Decimal(0))


def fmt_magnitude(value: float) -> str:
    """A positive number of any size with two significant digits, plain text (no TeX).

    >>> [fmt_magnitude(x) for x in (0.00314, 2.4e-7, 0.25, 3.14, 11639.5)]
    ['0.0031', '2.4×10⁻⁷', '0.25', '3.1', '1.2×10⁴']
    """
    if 1e-3 <= value < 10:
        return f"{value:.2g}"
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa}×10{str(int(exponent)).translate(_SUPERSCRIPT)}"


def fmt_percent(share: float, decimals: int = 1) -> str:
    """A share as a percentage.

    >>> fmt_percent(0.07274), fmt_percent(0.2, 0)
    ('7.3%', '20%')
    """
    return f"{fmt(100 * share, decimals)}%"


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
