"""Rendering the findings: the memo's Markdown from templates, its HTML from the Markdown.

Why these libraries: the memo is prose around numbers, written by analysts and read as Markdown
(``memo.md``) and in a browser (``memo.html``). The prose lives once, in Jinja2 templates
(``templates/memo.md.j2`` and one file per section under ``templates/sections/``): the
standard Python template engine, with macros, includes and filters for the number formats of
:mod:`deterrence.memo.words`. The HTML is *not* a second template of the same prose — two
templates would drift apart — but the Markdown rendered by markdown-it-py (CommonMark with
GitHub's tables, pure Python, the parser behind MyST and mdformat), whose token stream lets us
embed the figures as base64 PNGs, wrap tables for narrow screens and box the bottom line; a small
Jinja2 template (``templates/memo.html.j2``, autoescaped) holds the page and its style sheet.

Text that comes from a scenario file passes through the ``md`` filter (:func:`md_escape`), so a
name with ``*`` or ``|`` in it cannot break the Markdown, and ``<`` cannot inject HTML.
"""

from __future__ import annotations

import base64
import html
import math
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING

from ..analysis.findings import LAUNCH_CHART_MAX
from .figures import Figure
from .words import (
    LIKELIHOOD_TERMS,
    cap,
    chance,
    judge,
    likelihood_phrase,
    num,
    pct,
    span,
    unit_suffix,
)

if TYPE_CHECKING:
    from ..analysis.findings import Findings

__all__ = ["render_markdown", "render_html", "md_escape", "BLUF"]

#: The heading of the bottom line (boxed in the HTML file).
BLUF = "Bottom line up front"
#: How the memo names the response classes in prose.
CLASS_WORDS = {
    "restraint": "restraint",
    "calibrated": "a calibrated strike",
    "major": "a major strike",
}
#: Table columns (by header text) that hold long text: such a table spans the page width.
WIDE_COLUMNS = ("signposts: value where a conclusion changes", "observed response")
#: Table columns (by header text) kept on one line.
NOWRAP_COLUMNS = ("date",)

_MD_SPECIAL = re.compile(r"([\\*|<&`])")


def md_escape(text) -> str:
    """Text from a scenario as literal Markdown: ``\\``, ``*``, ``|``, ``<``, ``&`` and
    backticks are backslash-escaped (CommonMark escapes; GitHub and markdown-it agree).

    Examples
    --------
    >>> md_escape("r* | <b>")
    'r\\\\* \\\\| \\\\<b>'
    """
    return _MD_SPECIAL.sub(r"\\\1", str(text))


@cache
def _environment(kind: str):
    import jinja2

    if kind == "md":
        env = jinja2.Environment(
            loader=jinja2.PackageLoader("deterrence.memo", "templates"),
            autoescape=False,  # Markdown: text from scenarios goes through the md filter
            undefined=jinja2.StrictUndefined,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.filters.update(md=md_escape, cap=cap)
        env.globals.update(
            num=num,
            pct=pct,
            judge=judge,
            chance=chance,
            likelihood=likelihood_phrase,
            span=span,
            unit_suffix=unit_suffix,
            ceil=math.ceil,
            class_words=CLASS_WORDS,
            terms=LIKELIHOOD_TERMS,
            launch_chart_max=LAUNCH_CHART_MAX,
        )
        return env
    return jinja2.Environment(
        loader=jinja2.PackageLoader("deterrence.memo", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def render_markdown(
    findings: Findings, figures: Sequence[Figure], *, generated: str, version: str
) -> str:
    """The memo as Markdown, from the findings and the figures drawn for them."""
    f = findings
    s = f.scenario
    text = (
        _environment("md")
        .get_template("memo.md.j2")
        .render(
            f=f,
            s=s,
            p=s.parameters,
            me=f.retaliator,
            them=f.adversary,
            unit=f.unit,
            rho=f.rho,
            alpha=f.alpha,
            figs={fig.name: fig for fig in figures},
            generated=generated,
            version=version,
        )
    )
    # one blank line between blocks, whatever the templates' own spacing
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# -- HTML ---------------------------------------------------------------------------------------


def _cell_text(tokens, i: int) -> str:
    """The text of the table cell whose opening token is tokens[i]."""
    return tokens[i + 1].content.strip() if tokens[i + 1].type == "inline" else ""


def _decorate_tables(tokens, Token) -> list:
    """Wrap tables for narrow screens; mark long-text and one-line columns by their header."""
    out = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type != "table_open":
            out.append(tok)
            i += 1
            continue
        end = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
        table = tokens[i : end + 1]
        headers = [_cell_text(table, k) for k, t in enumerate(table) if t.type == "th_open"]
        classes = {}
        for col, text in enumerate(headers):
            if text in WIDE_COLUMNS:
                classes[col] = "long"
            elif text in NOWRAP_COLUMNS:
                classes[col] = "nowrap"
        col = 0
        for t in table:
            if t.type == "tr_open":
                col = 0
            elif t.type in ("th_open", "td_open"):
                if col in classes:
                    t.attrSet("class", classes[col])
                col += 1
        if any(c == "long" for c in classes.values()):
            table[0].attrSet("class", "wide")
        before = Token("html_block", "", 0)
        before.content = '<div class="table-wrap">\n'
        after = Token("html_block", "", 0)
        after.content = "</div>\n"
        out += [before, *table, after]
        i = end + 1
    return out


def _figure_html(fig: Figure) -> str:
    data = base64.b64encode(fig.png).decode("ascii")
    alt = html.escape(fig.caption)
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{alt}" '
        f'data-figure="{html.escape(fig.name)}"><figcaption>{alt}</figcaption></figure>\n'
    )


def _embed_figures(tokens, Token, figures: Mapping[str, Figure]) -> list:
    """A paragraph holding only ``![..](figures/NAME.png)`` becomes a <figure> with the PNG
    embedded; the ``_Figure: ..._`` paragraph after it is its caption, so it is dropped."""
    out = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kids = tokens[i + 1].children if i + 1 < len(tokens) else None
        if (
            tok.type == "paragraph_open"
            and kids
            and len(kids) == 1
            and kids[0].type == "image"
            and (m := re.fullmatch(r"figures/(\w+)\.png", kids[0].attrGet("src") or ""))
            and m.group(1) in figures
        ):
            block = Token("html_block", "", 0)
            block.content = _figure_html(figures[m.group(1)])
            out.append(block)
            i += 3
            if (
                i + 2 < len(tokens)
                and tokens[i].type == "paragraph_open"
                and tokens[i + 1].content.startswith("_Figure:")
            ):
                i += 3
            continue
        out.append(tok)
        i += 1
    return out


def _box_bottom_line(tokens, Token) -> list:
    """Everything between the bottom line's heading and the next heading goes in a box."""
    out = []
    inside = False
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            if inside:
                close = Token("html_block", "", 0)
                close.content = "</div>\n"
                out.append(close)
                inside = False
        out.append(tok)
        if tok.type == "heading_close" and tokens[i - 1].content == BLUF:
            box = Token("html_block", "", 0)
            box.content = '<div class="bluf">\n'
            out.append(box)
            inside = True
    if inside:
        close = Token("html_block", "", 0)
        close.content = "</div>\n"
        out.append(close)
    return out


def render_html(markdown: str, figures: Sequence[Figure], *, title: str) -> str:
    """One self-contained HTML page of the memo's Markdown: the style sheet inline and every
    figure embedded as a base64 PNG, so it can be mailed or opened offline."""
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    # html=True keeps the Markdown's own <sub> notes and <br> line breaks; text from scenarios
    # reaches the Markdown escaped (md_escape), so it cannot add tags
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = parser.parse(markdown)
    tokens = _embed_figures(tokens, Token, {fig.name: fig for fig in figures})
    tokens = _decorate_tables(tokens, Token)
    tokens = _box_bottom_line(tokens, Token)
    body = parser.renderer.render(tokens, parser.options, {})
    page = _environment("html").get_template("memo.html.j2")
    return page.render(title=title, body=body).rstrip() + "\n"
