"""The HTML memo in a real browser: headless Chromium renders memo.html to a PNG that is not
blank, every embedded chart loads, and nothing needs a horizontal scroll bar at 1200 px.

Runs when Debian's ``chromium`` is installed (``apt-get install -y chromium``); skipped otherwise.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import deterrence as dt

CHROMIUM = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

WIDTH, HEIGHT = 1200, 2400
FIGURES = 6

# Appended to a copy of the memo: after the load event, record what the browser made of every
# image and of the table boxes, in an element that --dump-dom prints.
PROBE = """
<script>
window.addEventListener("load", function () {
  var images = Array.prototype.map.call(document.images, function (img) {
    return {figure: img.dataset.figure, complete: img.complete,
            width: img.naturalWidth, height: img.naturalHeight};
  });
  var tables = Array.prototype.map.call(document.querySelectorAll(".table-wrap"), function (t) {
    return {scroll: t.scrollWidth, client: t.clientWidth};
  });
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({images: images, tables: tables,
    page: {scroll: document.documentElement.scrollWidth, inner: window.innerWidth}});
  document.body.appendChild(out);
});
</script>
"""


def chromium(tmp_path, *args):
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        f"--window-size={WIDTH},{HEIGHT}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def memo(tmp_path_factory):
    return dt.report("iran-2024", tmp_path_factory.mktemp("browser") / "memo")


def test_screenshot_is_not_blank(memo, tmp_path):
    import matplotlib.image as mpimg
    import numpy as np

    shot = tmp_path / "memo.png"
    proc = chromium(tmp_path, f"--screenshot={shot}", memo.html.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    img = mpimg.imread(shot)[..., :3]
    assert img.shape[:2] == (HEIGHT, WIDTH)
    assert img.var() > 0.01  # text, tables and charts, not a white page
    # the bottom line's box (background #f4f8fb, border #0072B2) and chart colours are there
    blue = (np.abs(img - np.array([0x00, 0x72, 0xB2]) / 255).max(axis=2) < 0.02).sum()
    assert blue > 500
    # the page is laid out within its column: the margins stay white (the right one left of
    # the scroll bar)
    assert img[:, :40].min() > 0.95 and img[:, -80:-30].min() > 0.95


def test_every_image_loads_and_nothing_overflows(memo, tmp_path):
    page = memo.html.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>")
    probe_page = memo.html.with_name("probe.html")
    probe_page.write_text(page, encoding="utf-8")
    try:
        proc = chromium(tmp_path, "--virtual-time-budget=10000", "--dump-dom", probe_page.as_uri())
    finally:
        probe_page.unlink()
    assert proc.returncode == 0, proc.stderr[-2000:]
    found = re.search(r'<pre id="probe">(.*?)</pre>', proc.stdout, flags=re.S)
    assert found, "the probe script did not run"
    probe = json.loads(found.group(1).replace("&amp;", "&"))
    images = probe["images"]
    assert len(images) == FIGURES
    for img in images:
        png = memo.markdown.parent / "figures" / f"{img['figure']}.png"
        width, height = (
            int.from_bytes(png.read_bytes()[16:20]),
            int.from_bytes(png.read_bytes()[20:24]),
        )
        assert img["complete"] and (img["width"], img["height"]) == (width, height), img
    assert probe["page"]["scroll"] <= probe["page"]["inner"]  # no horizontal scroll bar
    assert probe["tables"] and all(t["scroll"] <= t["client"] for t in probe["tables"]), probe[
        "tables"
    ]
