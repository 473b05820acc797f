"""The embed preview page in a real browser: headless Chromium plays every video and loads every GIF."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from render import cli

PROBE = b"""<script>
window.addEventListener("load", () => {
  const videos = [...document.querySelectorAll("video")];
  const start = videos.map(v => v.currentTime);
  setTimeout(() => {
    const report = {
      videos: videos.map((v, i) => ({src: v.currentSrc, ready: v.readyState, t0: start[i], t1: v.currentTime,
                                    error: v.error ? v.error.code : null})),
      images: [...document.images].map(im => ({src: im.currentSrc, width: im.naturalWidth}))
    };
    fetch("/__report", {method: "POST", body: JSON.stringify(report)});
  }, 4000);
});
</script></body>"""

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--autoplay-policy=no-user-gesture-required",
]


class _Handler(SimpleHTTPRequestHandler):
    """Serves a folder; adds the probe script to the page under test and takes its report."""

    reports: queue.Queue
    page: str

    def do_GET(self):  # noqa: N802 - http.server's naming
        if self.path.startswith(f"/{self.page}"):
            body = (Path(self.directory) / self.page).read_bytes().replace(b"</body>", PROBE)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length", 0))
        self.reports.put(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def play_page(folder: Path, page: str, profile: Path) -> dict:
    """Open ``folder/page`` in headless Chromium over HTTP; return what its videos and images did in 4 s."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "chromium is missing: `make test` installs Debian's chromium package"
    reports: queue.Queue = queue.Queue()
    handler = type("Handler", (_Handler,), {"reports": reports, "page": page})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{page}"
    browser = subprocess.Popen(
        [chromium, *FLAGS, f"--user-data-dir={profile}", url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        return reports.get(timeout=120)
    except queue.Empty:
        pytest.fail("the page never reported back from Chromium")
    finally:
        browser.kill()
        browser.wait(timeout=30)
        server.shutdown()


def assert_everything_played(report: dict) -> None:
    """Every video reached readyState 4 and advanced; every image loaded."""
    assert report["videos"], "no video on the page"
    for video in report["videos"]:
        assert video["error"] is None and video["ready"] == 4, video
        assert video["t1"] > video["t0"], f"{video['src']} did not play"
    for image in report["images"]:
        assert image["width"] > 0, image


def test_preview_page_plays_every_video_and_gif(portrait_render, tmp_path):
    result = CliRunner().invoke(cli, ["embed", str(portrait_render), "--html", str(portrait_render / "preview.html")])
    assert result.exit_code == 0, result.output
    report = play_page(portrait_render, "preview.html", tmp_path / "profile")
    assert report["images"]
    assert_everything_played(report)
