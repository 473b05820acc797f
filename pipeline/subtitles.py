"""Captions as subtitles: the scene's caption log, timed to when each caption appeared."""

from __future__ import annotations

__all__ = ["cues", "to_srt", "to_vtt"]


def cues(log: tuple[tuple[float, str], ...], duration: float) -> list[tuple[float, float, str]]:
    """(start, end, text) for each caption; a caption lasts until the next one, the last until the end.

    >>> cues(((0.5, "a"), (2.0, "b")), 3.0)
    [(0.5, 2.0, 'a'), (2.0, 3.0, 'b')]
    """
    out = []
    for k, (start, text) in enumerate(log):
        end = log[k + 1][0] if k + 1 < len(log) else duration
        if end > start:
            out.append((start, end, text))
    return out


def _stamp(seconds: float, sep: str) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def to_srt(items: list[tuple[float, float, str]]) -> str:
    """SubRip text.

    >>> print(to_srt([(0.5, 2.0, "a")]))
    1
    00:00:00,500 --> 00:00:02,000
    a
    <BLANKLINE>
    """
    blocks = [f"{k}\n{_stamp(a, ',')} --> {_stamp(b, ',')}\n{t}\n" for k, (a, b, t) in enumerate(items, start=1)]
    return "\n".join(blocks)


def to_vtt(items: list[tuple[float, float, str]]) -> str:
    """WebVTT text; ``<`` and ``&`` are escaped so caption text is never read as markup.

    >>> print(to_vtt([(0.5, 2.0, "a < b")]))
    WEBVTT
    <BLANKLINE>
    00:00:00.500 --> 00:00:02.000
    a &lt; b
    <BLANKLINE>
    """
    body = [f"{_stamp(a, '.')} --> {_stamp(b, '.')}\n{_escape(t)}\n" for a, b, t in items]
    return "WEBVTT\n\n" + "\n".join(body)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("-->", "--&gt;")
