"""The policy memo: a scenario in, a short analyst's memo with charts out.

:func:`report` runs the analysis (:func:`deterrence.analysis.analyse`), draws the charts from its
findings (:mod:`deterrence.memo.figures`), renders the templates (:mod:`deterrence.memo.render`)
and writes three things into an output directory (:mod:`deterrence.memo.output`): ``memo.md``,
``memo.html`` (one self-contained file: the style sheet inline and every chart embedded as a
base64 PNG, so it can be mailed or opened offline) and the charts in ``figures/*.png``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..analysis.findings import Findings, analyse
from .figures import draw_figures
from .output import prepare_memo_dir, write_atomic
from .render import render_html, render_markdown

__all__ = ["report", "Report"]


@dataclass(frozen=True)
class Report:
    """What :func:`report` wrote.

    Attributes
    ----------
    markdown, html : pathlib.Path
        ``memo.md`` and ``memo.html``.
    figures : tuple of pathlib.Path
        The PNG files in ``figures/``.
    findings : Findings
        The numbers of the memo.
    """

    markdown: Path
    html: Path
    figures: tuple[Path, ...]
    findings: Findings

    def __repr__(self):
        return f"<Report {self.markdown} ({len(self.figures)} figures)>"


def report(scenario, out_dir, *, force: bool = False) -> Report:
    """Write the policy memo of a scenario: ``memo.md``, ``memo.html`` and ``figures/*.png``.

    The memo follows analysts' conventions: a bottom line up front; key judgments in the
    likelihood words of ICD 203 with the number beside each word; the recommended response and
    the calibrated window; the equilibria of the retaliation game and the crisis tree's
    subgame-perfect plan; "what would have to be true" (inverse solves); an assumptions table
    in the manner of Assumption-Based Planning (Dewar et al. 1993, RAND MR-114) with the
    signposts to watch; defence saturation, proxy risk and the scenario's backtest events.
    Every number comes from :func:`deterrence.analysis.analyse`.

    Parameters
    ----------
    scenario : Scenario, str or os.PathLike
        A scenario, the name of a bundled one (``"iran-2024"``) or the path of a TOML file.
    out_dir : str or os.PathLike
        Output directory, created (with its parents) when missing.
    force : bool, keyword-only, default False
        Overwrite an existing memo in `out_dir`.

    Returns
    -------
    Report
        The paths written and the :class:`~deterrence.analysis.findings.Findings`.

    Raises
    ------
    OutputExistsError
        `out_dir` already holds a memo and `force` is False (the message names the file).
    NotADirectoryError
        `out_dir` exists and is not a directory.
    ScenarioError
        An unknown or invalid scenario (see :func:`deterrence.load_scenario`).

    Examples
    --------
    ``dt.report("iran-2024", "report/")`` writes the memo of the seed scenario (a few seconds).
    An existing memo is kept unless ``force=True``:

    >>> import pathlib, tempfile
    >>> import deterrence as dt
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (out / "memo.md").write_text("an earlier memo")
    >>> dt.report("iran-2024", out)
    Traceback (most recent call last):
    ...
    deterrence.errors.OutputExistsError: .../memo.md already exists; pass --force (force=True in Python) to overwrite the memo, or choose another output directory.
    """
    out = prepare_memo_dir(out_dir, force=force)
    findings = analyse(scenario)
    s = findings.scenario
    figures = draw_figures(findings)
    fig_dir = out / "figures"
    fig_dir.mkdir(parents=True, exist_ok=True)
    paths = tuple(write_atomic(fig_dir / f"{fig.name}.png", fig.png) for fig in figures)
    markdown = render_markdown(
        findings, figures, generated=datetime.date.today().isoformat(), version=__version__
    )
    md = write_atomic(out / "memo.md", markdown)
    page = write_atomic(
        out / "memo.html", render_html(markdown, figures, title=f"Memo: {s.title or s.name}")
    )
    return Report(markdown=md, html=page, figures=paths, findings=findings)
