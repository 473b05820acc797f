"""Numbers as the captions write them, without the product's formatting: Python's ``f"{x:.Nf}"`` with ``-0.00`` ->
``0.00`` and a true minus sign; written numbers back to exact ``Decimal``; half-up rounding (``ROUND_HALF_UP``);
magnitudes with a power of ten; and the rounding edges where either writing is honest."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

MINUS = "\u2212"


def written(x: float, dec: int = 2) -> str:
    """``x`` with ``dec`` decimals as Python writes it, no negative zero, true minus sign."""
    s = f"{float(x):.{dec}f}"
    if s.startswith("-") and float(s) == 0:
        s = s[1:]
    return s.replace("-", MINUS)


def D(s: str) -> Decimal:
    """A written number back to an exact Decimal."""
    return Decimal(str(s).replace(MINUS, "-"))


def fmt_dec(d: Decimal, places: int) -> str:
    """An exact Decimal with ``places`` decimals, no negative zero, true minus sign."""
    q = d.quantize(Decimal(1).scaleb(-places))
    if q == 0:
        q = abs(q)
    return format(q, "f").replace("-", MINUS)


def half_up(d: Decimal, places: int = 2) -> Decimal:
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def hundredths(s: str) -> int:
    """A number written with two decimals ("−1.05") as an exact whole count of hundredths (-105)."""
    whole, _, frac = s.replace(MINUS, "-").partition(".")
    if len(frac) != 2:
        raise ValueError(f"{s!r} is not written with two decimals")
    return int(whole + frac)


def divided_half_up(h: int, divisor: str) -> int:
    """``h`` hundredths divided by the written ``divisor`` ("2.828"), rounded half away from zero (Decimal's
    ROUND_HALF_UP) to hundredths, in whole numbers only: |h|·10^p / v + 1/2, floored, for divisor = v / 10^p."""
    d = D(divisor)
    places = max(0, -d.as_tuple().exponent)
    v = int(d.scaleb(places))
    n = (2 * abs(h) * 10**places + v) // (2 * v)
    return -n if h < 0 else n


_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def parse_magnitude(s: str) -> tuple[float, float]:
    """A written magnitude ("2.0×10⁻¹⁰", "0.091", "−3.5") as (value, half a unit in its last written place)."""
    s = s.replace(MINUS, "-")
    if "×10" in s:
        mant, exp = s.split("×10")
        e = int(exp.translate(_SUP))
    else:
        mant, e = s, 0
    decimals = len(mant.split(".")[1]) if "." in mant else 0
    return float(mant) * 10.0**e, 0.5 * 10.0 ** (e - decimals)


def close_to(s: str, true: float) -> bool:
    value, half = parse_magnitude(s)
    return abs(value - true) <= half * (1 + 1e-9) + 1e-15


def near_half(x: float, dec: int = 2) -> bool:
    """True when ``x`` sits (within float noise) on a rounding edge of ``dec`` decimals: either writing is honest."""
    scaled = abs(x) * 10**dec
    return abs(scaled - math.floor(scaled) - 0.5) < 1e-7


def written_ok(s, x: float, dec: int = 2) -> bool:
    return s == written(x, dec) or (near_half(x, dec) and s in (written(x - 1e-9, dec), written(x + 1e-9, dec)))
