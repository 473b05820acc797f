"""Pages in a real browser, for the tests: headless Chromium over HTTP (:func:`play_page`: what the videos and
images did) or from disk, offline (:func:`assert_the_article_works_from_disk`: an article page's
checks and screenshots of its sections)."""

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
    return _report(chromium, [f"--user-data-dir={profile}", url], reports, server)


def _report(chromium: str, args: list[str], reports: queue.Queue, server: ThreadingHTTPServer) -> dict:
    """Run Chromium with ``args`` until the page's probe reports (2 minutes at most); then stop it and the server."""
    browser = subprocess.Popen([chromium, *FLAGS, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


ARTICLE_PROBE = """<script>
window.__errors = [];
window.addEventListener("error", (e) => window.__errors.push(String(e.message)));
const __consoleError = console.error;
console.error = (...args) => { window.__errors.push(args.join(" ")); __consoleError(...args); };
</script></head>"""

ARTICLE_REPORT = """<script>
window.addEventListener("load", () => {
  const videos = [...document.querySelectorAll("video")];
  videos.forEach((v) => v.play());
  const start = videos.map((v) => v.currentTime);
  const bars = (box) => [...box.querySelectorAll(".bar-row")].map(
    (r) => [r.dataset.key, r.querySelector(".v").textContent]);
  const heatmaps = {};
  for (const box of document.querySelectorAll(".heatmap")) {
    const rows = box.querySelectorAll(".grid tbody tr");
    rows[rows.length - 1].dispatchEvent(new MouseEvent("mouseenter"));
    const entry = {title: box.querySelector(".head-title").textContent, rows: rows.length, hover: bars(box)};
    const button = box.querySelectorAll(".gallery button")[5];
    if (button) {
      button.click();
      entry.clicked = {title: box.querySelector(".head-title").textContent, bars: bars(box)};
    }
    heatmaps[box.dataset.heat] = entry;
  }
  setTimeout(() => {
    const report = {
      videos: videos.map((v, i) => ({src: v.currentSrc, ready: v.readyState, t0: start[i], t1: v.currentTime,
                                    error: v.error ? v.error.code : null})),
      images: [...document.images].map((im) => ({src: im.currentSrc, width: im.naturalWidth})),
      tracks: [...document.querySelectorAll("track")].map((t) => [t.srclang, t.track.mode]),
      resources: performance.getEntriesByType("resource").map((e) => e.name),
      errors: window.__errors,
      heatmaps,
      sections: [...document.querySelectorAll("section")].map((e) => {
        const r = e.getBoundingClientRect();
        return {id: e.id, top: Math.round(r.top + scrollY), height: Math.round(r.height)};
      }),
      height: document.documentElement.scrollHeight,
    };
    fetch("http://127.0.0.1:PORT/__report", {method: "POST", mode: "no-cors", body: JSON.stringify(report)});
  }, 4000);
});
</script></body>"""


BROWSER_OWN = ("http://update.googleapis.com/service/", "http://clients2.google.com/time/")  # no page makes these


class _Proxy(_Handler):
    """Every HTTP request the browser makes comes here (it is the browser's proxy): the probe's report, and any
    request the page should never make, which is recorded (not Chromium's own background checks, which it makes
    with or without a page: its component updater and its clock)."""

    requests: list

    def do_GET(self):  # noqa: N802
        if not self.path.startswith(BROWSER_OWN):
            self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def do_POST(self):  # noqa: N802
        if self.path.endswith("/__report"):
            super().do_POST()
            return
        if not self.path.startswith(BROWSER_OWN):
            self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()


def open_from_disk(page: Path, profile: Path) -> tuple[dict, list]:
    """Open ``page`` from file:// in headless Chromium, every HTTP request going to a recording proxy; return the
    probe's report (videos, tracks, heatmap read-backs, resources, console errors) and the requests seen."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "chromium is missing: `make test` installs Debian's chromium package"
    reports: queue.Queue = queue.Queue()
    requests: list = []
    handler = type("Proxy", (_Proxy,), {"reports": reports, "page": page.name, "requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(page.parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    html = page.read_text(encoding="utf-8")
    probed = page.with_name("probe." + page.name)
    probed.write_text(
        html.replace("</head>", ARTICLE_PROBE).replace("</body>", ARTICLE_REPORT.replace("PORT", str(port))),
        encoding="utf-8",
    )
    proxy = [f"--proxy-server=http://127.0.0.1:{port}", "--proxy-bypass-list=<-loopback>"]
    proxy.append("--disable-features=NetworkTimeServiceQuerying")  # the browser's own clock check
    args = [*proxy, f"--window-size={PAGE_WIDTH},900", f"--user-data-dir={profile}", probed.as_uri()]
    try:
        return _report(chromium, args, reports, server), requests
    finally:
        probed.unlink()


PAGE_WIDTH = 1000  # the window's width in both runs, so the probe's section boxes are where the screenshot has them


def screenshot_sections(page: Path, report: dict, folder: Path) -> list[Path]:
    """Screenshot the whole page from file:// (no network: the proxy is a closed port) and cut out each section
    where the probe measured it; returns the section images (folder/<id>.png), each asserted not blank."""
    from PIL import Image

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    folder.mkdir(parents=True, exist_ok=True)
    whole = folder / "page.png"
    height = min(report["height"], 16_000)
    args = [f"--window-size={PAGE_WIDTH},{height}", f"--screenshot={whole}", "--virtual-time-budget=5000"]
    args += ["--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>", f"--user-data-dir={folder}/p"]
    subprocess.run([chromium, *FLAGS, *args, page.as_uri()], capture_output=True, timeout=120, check=True)
    shots = []
    with Image.open(whole) as image:
        for section in report["sections"]:
            box = (0, section["top"], PAGE_WIDTH, min(section["top"] + section["height"], image.height))
            crop = image.convert("RGB").crop(box)
            colours = crop.getcolors(maxcolors=1 << 16)
            assert colours is None or len(colours) > 16, f"section {section['id']} looks blank"
            crop.save(folder / f"{section['id']}.png")
            shots.append(folder / f"{section['id']}.png")
    return shots


def _article_folder(render: Path, folder: Path) -> Path:
    """The fixture's intuition render plus worked-example, attention-matrix and real-model with their real traces
    (their default sentences) and the intuition video standing in for theirs (a page test, not a render test)."""
    from scenes import get_chapter

    shutil.copytree(render, folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    base = manifest["chapters"]["intuition"]
    for cid in ("worked-example", "attention-matrix", "real-model"):
        spec = get_chapter(cid)
        data = spec.data(None, None, None, None, ())
        trace = {"chapter": cid, **data.to_dict()}
        (folder / f"{cid}.trace.json").write_text(json.dumps(trace, ensure_ascii=False), encoding="utf-8")
        files = []
        for item in (f for f in base["files"] if f["format"] != "trace"):
            name = item["path"].replace("intuition", cid, 1)
            shutil.copyfile(folder / item["path"], folder / name)
            files.append({**item, "path": name})
        manifest["chapters"][cid] = {**base, "chapter": cid, "number": spec.number, "tokens": list(data.tokens)}
        manifest["chapters"][cid]["files"] = [*files, {"path": f"{cid}.trace.json", "format": "trace"}]
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return folder


def _expected_row(words: list[str], weights: list[float], special: float, outside: float, labels: dict) -> list:
    """The bars of one row as the page must show them, rounded here with Python's own formatting."""
    bars = [[w, f"{v:.2f}"] for w, v in zip(words, weights, strict=True)]
    for key, share in (("special", special), ("outside", outside)):
        if f"{share:.2f}" != "0.00":
            bars.append([labels[key], f"{share:.2f}"])
    return bars


def assert_the_article_works_from_disk(render: Path, tmp_path: Path) -> list[Path]:
    """The article page around ``render`` (one chapter's render, with three more chapters' real traces), opened from
    file://: every video plays with both subtitle tracks, no console error, no network request, hovering a heatmap's
    row (and clicking a head of the gallery) shows that row's weights from the trace, and every section is
    screenshotted; returns the section images."""
    from pipeline.article import WORDS, article_page

    folder = _article_folder(render, tmp_path / "article")
    summaries = {cid: cid for cid in ("intuition", "worked-example", "attention-matrix", "real-model")}
    (folder / "index.html").write_text(article_page(folder, summaries, "en"), encoding="utf-8")
    assert (folder / "index.html").stat().st_size <= 300_000  # HTML, CSS, script and heatmap numbers; no media
    report, requests = open_from_disk(folder / "index.html", tmp_path / "profile")

    assert requests == [], requests  # nothing beyond the page's folder
    assert report["errors"] == []
    assert len(report["videos"]) == 4
    assert_everything_played(report)
    assert sorted(lang for lang, _ in report["tracks"]) == ["en"] * 4 + ["zh"] * 4  # two tracks a video
    assert all(src.startswith(folder.as_uri()) for src in report["resources"]), report["resources"]

    labels = WORDS["en"]
    matrix = json.loads((folder / "attention-matrix.trace.json").read_text(encoding="utf-8"))["attention"]
    row = matrix["weights"][-1]
    outside = max(0.0, 1 - sum(row) - matrix["special"][-1])
    hover = report["heatmaps"]["attention-matrix"]
    assert hover["rows"] == len(matrix["tokens"])
    assert hover["hover"] == _expected_row(matrix["tokens"], row, matrix["special"][-1], outside, labels)

    model = json.loads((folder / "real-model.trace.json").read_text(encoding="utf-8"))["model"]
    clicked = report["heatmaps"]["real-model"]["clicked"]
    assert clicked["title"] == "layer 1 · head 6"
    row, special = model["word_attention"][0][5][-1], model["word_special"][0][5][-1]
    outside = max(0.0, 1 - sum(row) - special)
    assert clicked["bars"] == _expected_row(model["words"], row, special, outside, labels)

    chapters = ["intuition", "worked-example", "attention-matrix", "real-model"]
    assert [s["id"] for s in report["sections"]] == [*chapters, "made"]
    return screenshot_sections(folder / "index.html", report, tmp_path / "screens")
