"""The article for a sentence: every rendered chapter of an output folder as one web page (``index.html``) and as
Markdown (``article.md``), made from the same files a ``render`` writes there.

A section's prose is its chapter's captions, in the order the video says them (read from the chapter's SRT): every
sentence that states a fact was made from a claim of the data, so the page says what the video says and nothing
typed by hand. The page is a Jinja2 template on the pages' one shell (autoescaped); the Markdown holds no raw HTML:
every character of ASCII punctuation in prose and titles is backslash-escaped, so a sentence can never become markup
in an editor.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from pipeline.embed import chapter_media, page
from pipeline.manifest import read_manifest

__all__ = ["TITLES", "article_markdown", "article_page", "article_sections", "md_escape"]

TITLES = {"zh": "自注意力，一步一步", "en": "Self-attention, step by step"}

_CUE = re.compile(r"^\d+\n[\d:,]+ --> [\d:,]+\n", re.M)
_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")


def md_escape(text: str) -> str:
    r"""``text`` as literal Markdown: each ASCII punctuation character backslash-escaped (CommonMark), newlines
    as spaces.

    >>> print(md_escape("<b>*x*</b> [a](b)"))
    \<b\>\*x\*\<\/b\> \[a\]\(b\)
    """
    return _PUNCT.sub(r"\\\1", " ".join(text.split()))


def _captions(srt: Path) -> list[str]:
    """The caption texts of an SRT file, in order."""
    blocks = _CUE.split(srt.read_text(encoding="utf-8"))
    return [" ".join(b.split()) for b in blocks if b.strip()]


def article_sections(out_dir: Path, summaries: dict[str, str], base: Path | None = None) -> list[dict]:
    """One section per chapter rendered in ``out_dir`` (in chapter order): its id, number, ``summary`` (from
    ``summaries``), media paths relative to ``base`` (:func:`pipeline.embed.chapter_media`) and its captions."""
    entries = read_manifest(out_dir)["chapters"]
    sections = []
    for media in chapter_media(out_dir, base):
        cid = media["chapter"]
        srt = out_dir / f"{cid}.srt"
        captions = _captions(srt) if srt.exists() else []
        number = entries[cid].get("number", 0)
        sections.append({**media, "number": number, "summary": summaries.get(cid, cid), "captions": captions})
    return sections


def _sentence(out_dir: Path) -> str | None:
    entries = read_manifest(out_dir)["chapters"].values()
    return next((e.get("sentence") for e in entries if e.get("sentence")), None)


def article_page(out_dir: Path, summaries: dict[str, str], lang: str) -> str:
    """``index.html`` of the article in ``out_dir``: a table of contents, then each chapter's section (its summary,
    video with poster and subtitles, and its captions as prose)."""
    sections = article_sections(out_dir, summaries)
    return page("article.html", TITLES[lang], lang=lang, width=900, sections=sections, sentence=_sentence(out_dir))


def article_markdown(out_dir: Path, summaries: dict[str, str], lang: str) -> str:
    """``article.md``: the same sections as Markdown (a GIF, else the poster, as the image), no raw HTML."""
    lines = [f"# {md_escape(TITLES[lang])}", ""]
    sentence = _sentence(out_dir)
    if sentence:
        lines += [f"> {md_escape(sentence)}", ""]
    for s in article_sections(out_dir, summaries):
        lines += [f"## {s['number']}\\. {md_escape(s['summary'])}", ""]
        image = s["gif"] or s["poster"]
        if image:
            lines += [f"![{md_escape(s['chapter'])}](<{image}>)", ""]
        lines += [md_escape(c) + "\n" for c in s["captions"]]
    return "\n".join(lines).rstrip() + "\n"
