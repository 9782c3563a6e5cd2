"""Scenario text is inert in memo.md: rendered by a CommonMark renderer it yields no active
content (no raw HTML of its own, no script, no event handler, no ``javascript:`` link)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from deterrence.memo.render import md_escape, render_html

#: the raw HTML the memo itself writes (small print, line breaks)
OWN_HTML = {"<sub>", "</sub>", "<br>"}
HOSTILE = [
    "<script>alert(1)</script>",
    "<iframe src=javascript:alert(1)></iframe>",
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<img src=x onerror=alert(1)>",
    "line one\n<script>alert(2)</script>\nline three",
    "`code` ``` <b>x</b> `",
    "&lt;script&gt; &#106;avascript:",
    "| a | b |\n|---|---|\n| <svg onload=alert(1)> | x |",
    "[ref]: javascript:alert(1)\n[ref]",
]


class _Active(HTMLParser):
    def __init__(self, page=False):
        super().__init__()
        self.found = []
        self.page = page  # a whole page: its own <style> sheet is expected

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "style", "svg", "form", "img", "a"}:
            if tag == "img" and all(
                k != "src" or v.startswith(("figures/", "data:image/png;base64,")) for k, v in attrs
            ):
                pass
            elif tag == "style" and not attrs and self.page:
                pass  # the page's own style sheet
            else:
                self.found.append((tag, attrs))
        for k, v in attrs:
            url = k in {"href", "src", "action", "formaction", "data", "xlink:href"}
            if k.startswith("on") or (url and "javascript:" in (v or "").lower().replace(" ", "")):
                self.found.append((tag, k, v))


def active_content(markdown: str) -> list:
    md = MarkdownIt("commonmark").enable("table")
    raw = [
        t.content
        for tok in md.parse(markdown)
        for t in ([tok] + list(tok.children or []))
        if t.type in ("html_block", "html_inline") and t.content.strip() not in OWN_HTML
    ]
    parser = _Active()
    parser.feed(md.render(markdown))
    return raw + parser.found


def memo_of(text: str) -> str:
    """Scenario text in every place the memo templates put it (through the ``md`` filter)."""
    e = md_escape(text)
    return "\n".join(
        [
            f"# {e}",
            "",
            f"Scenario: {e}, **{e}**, _{e}_",
            "",
            f"<sub>{e}</sub>",
            "",
            f"- {e}",
            f"1. {e}",
            "",
            f"| {e} | value |",
            "|---|---:|",
            f"| {e} | **{e}** |",
            "",
            f"![{e}](figures/window.png)",
            "",
        ]
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_scenario_text_is_inert(text):
    assert active_content(memo_of(text)) == []


def test_the_check_sees_unescaped_content():
    # the detector itself: raw markdown with these strings is flagged (markdown-it already
    # refuses javascript: link targets, so the raw-HTML cases are the ones to catch)
    for text in (HOSTILE[0], HOSTILE[1], HOSTILE[5], HOSTILE[6]):
        assert active_content(text), text


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_inert_in_the_html_page_too(text):
    # render_html keeps raw HTML on (the memo's own <sub>, <br>): escaping must hold there
    parser = _Active(page=True)
    parser.feed(render_html(memo_of(text), [], title="t"))
    assert parser.found == []


@given(st.text(alphabet=st.sampled_from(list("<>[]()!&`*_|\\:/=\"' \nabcjsvrtip")), max_size=60))
@settings(max_examples=150, deadline=None)
def test_any_text_is_inert(text):
    assert active_content(memo_of("javascript:" + text)) == []
    assert active_content(memo_of("<script " + text)) == []


def test_escaped_text_reads_back_literally():
    md = MarkdownIt("commonmark")
    text = "Iran's <retaliation> [2024] & r* | p_us_entry"
    html = md.render(md_escape(text))
    assert "Iran's &lt;retaliation&gt; [2024] &amp; r* | p_us_entry" in html


def test_full_memo_of_a_hostile_scenario(tmp_path):
    import deterrence as dt

    s = dt.load_scenario("iran-2024").replace(
        title="<script>alert(1)</script> [x](javascript:alert(1))",
        description="<iframe src=javascript:alert(2)></iframe>",
    )
    rep = dt.report(s, tmp_path / "memo")
    text = rep.markdown.read_text()
    assert "alert(1)" in text  # shown, as text
    assert active_content(text) == []
    page = rep.html.read_text()
    assert "<script>" not in page and "<iframe" not in page
    parser = _Active(page=True)
    parser.feed(page)
    assert parser.found == []
