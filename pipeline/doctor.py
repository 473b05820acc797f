"""Checks that this machine can render: fonts, Pango/Cairo, PyAV with H.264, a writable output folder."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Check", "run_checks"]


@dataclass(frozen=True)
class Check:
    """One check: what was looked at, whether it passed, what was found, and how to fix a failure."""

    name: str
    ok: bool
    detail: str
    fix: str = ""


def _fonts() -> Check:
    try:
        from pipeline.outputs import missing_fonts
        from scenes.kit.theme import FONT, MONO_FONT

        missing = missing_fonts()
    except ImportError as exc:
        return Check("CJK fonts", False, f"manimpango missing ({exc})", "make setup")
    if missing:
        return Check("CJK fonts", False, f"missing: {', '.join(missing)}", "apt-get install fonts-noto-cjk")
    return Check("CJK fonts", True, f"{FONT}, {MONO_FONT}")


def _pango_cairo() -> Check:
    try:
        import cairo
        import manimpango
    except ImportError as exc:
        return Check("Pango/Cairo", False, str(exc), "apt-get install libpango1.0-dev, then make setup")
    return Check("Pango/Cairo", True, f"pango {manimpango.pango_version()}, cairo {cairo.cairo_version_string()}")


def _pyav() -> Check:
    try:
        import av

        av.codec.Codec("libx264", "w")
    except Exception as exc:  # noqa: BLE001 - any failure here means "cannot encode"
        return Check("PyAV/H.264", False, str(exc), "pip install av (make setup)")
    codec = ".".join(map(str, av.library_versions["libavcodec"]))
    return Check("PyAV/H.264", True, f"av {av.__version__}, libavcodec {codec}")


def _writable(out_dir: Path) -> Check:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out_dir, prefix=".doctor-"):
            pass
    except OSError as exc:
        return Check("output folder", False, f"{out_dir}: {exc.strerror or exc}", "choose another --out")
    return Check("output folder", True, f"{out_dir} is writable")


def run_checks(out_dir: Path) -> list[Check]:
    """Every check, in order."""
    return [_fonts(), _pango_cairo(), _pyav(), _writable(out_dir)]
