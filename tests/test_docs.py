"""The documentation site builds with no warning, its code runs, its links resolve, and it renders.

The site is Sphinx (MyST pages, autodoc API, myst-nb notebooks); ``make docs`` builds the same
thing into ``docs/_build/html``. Here it is built once into a temporary directory with ``-W``
(warnings are errors), then read: every relative link and image of every page resolves, the Python
on the hand-written pages runs, and headless Chromium renders the front page and a models page with
their images loaded.
"""

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGES = sorted(
    p
    for p in DOCS.rglob("*.md")
    if not p.is_relative_to(DOCS / "_build") and p.name not in {"gallery.md", "README.md"}
)
CHROMIUM = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")

pytest.importorskip("sphinx", reason="the docs extra is part of the test extra")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "html"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            str(DOCS),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    return out


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (tag, name) in {
                ("a", "href"),
                ("img", "src"),
                ("link", "href"),
                ("script", "src"),
            }:
                self.links.append(value)


def test_the_site_has_every_section(site):
    for page in [
        "index.html",
        "getting-started.html",
        "guides/analyst.html",
        "guides/instructor.html",
        "guides/researcher.html",
        "models/index.html",
        "models/calibrated-window.html",
        "gallery.html",
        "notebooks.html",
        "api/index.html",
    ]:
        assert (site / page).is_file(), page
    # the API reference reaches the modules (generated, so new modules appear without edits)
    api = {p.name for p in (site / "api" / "_generated").glob("*.html")}
    assert {"deterrence.game.html", "deterrence.models.retaliation.html"} <= api
    # every notebook is rendered
    notebooks = {p.stem for p in (DOCS.parent / "notebooks").glob("*.ipynb")}
    assert notebooks and notebooks <= {p.stem for p in (site / "notebooks").glob("*.html")}
    # the gallery shows every chart image
    gallery = (site / "gallery.html").read_text()
    for png in (DOCS / "figures").glob("*.png"):
        assert png.name in gallery


def test_no_broken_internal_link(site):
    broken = []
    for page in site.rglob("*.html"):
        if page.relative_to(site).parts[0] in {"_static", "_sources"}:
            continue  # the theme's raw templates, not pages
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            if re.match(r"^[a-z][a-z0-9+.-]*:", link) or link.startswith("//"):
                continue  # external and data: links
            url = urlsplit(link).path  # without ?query (cache busting) and #anchor
            if not url:
                continue
            target = (page.parent / unquote(url)).resolve()
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
    assert not broken, "\n".join(broken[:30])


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_python_on_the_page_runs(page, tmp_path, monkeypatch):
    code = "\n".join(re.findall(r"```python\n(.*?)```", page.read_text(), flags=re.S))
    if not code:
        pytest.skip("no Python on this page")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, str(page), "exec"), {})  # noqa: S102 - our own documentation


PROBE = """<script>
// not "load": the page asks MathJax from its CDN, which an offline machine never answers
document.addEventListener("DOMContentLoaded", function () { setTimeout(function () {
  var images = Array.prototype.map.call(document.images, function (img) {
    return {src: img.getAttribute("src"), complete: img.complete, width: img.naturalWidth};
  });
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({images: images, text: document.body.innerText.length});
  document.body.appendChild(out);
}, 3000); });
</script>"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize("page", ["index.html", "gallery.html", "models/calibrated-window.html"])
def test_pages_render_in_a_browser(site, page, tmp_path):
    html = site / page
    probe = html.with_name("probe-" + html.name)
    probe.write_text(html.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"))
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
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1200,1600",
        "--virtual-time-budget=10000",
        "--dump-dom",
        probe.as_uri(),
    ]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    finally:
        probe.unlink()
    assert proc.returncode == 0, proc.stderr[-2000:]
    found = re.search(r'<pre id="probe">(.*?)</pre>', proc.stdout, flags=re.S)
    assert found, "the page's scripts did not run"
    result = json.loads(found.group(1).replace("&amp;", "&"))
    assert result["text"] > 500  # a page with text, not a blank one
    for img in result["images"]:
        assert img["complete"] and img["width"] > 0, img
    if page == "gallery.html":
        assert len(result["images"]) >= len(list((DOCS / "figures").glob("*.png")))
