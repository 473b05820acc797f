"""The embed preview page and the article page in a real browser: headless Chromium plays every video and loads
every GIF; the article works from disk, offline (tests/browser_checks.py)."""

from __future__ import annotations

from click.testing import CliRunner

from render import cli
from tests.browser_checks import assert_everything_played, assert_the_article_works_from_disk, play_page


def test_preview_page_plays_every_video_and_gif(portrait_render, tmp_path):
    result = CliRunner().invoke(cli, ["embed", str(portrait_render), "--html", str(portrait_render / "preview.html")])
    assert result.exit_code == 0, result.output
    report = play_page(portrait_render, "preview.html", tmp_path / "profile")
    assert report["images"]
    assert_everything_played(report)


def test_the_article_page_works_from_disk_offline(portrait_render, tmp_path):
    """The 9:16 build (the 16:9 one is checked on the batch's wide row, in tests/test_batch.py)."""
    assert len(assert_the_article_works_from_disk(portrait_render, tmp_path)) == 5
