"""The policy memo: findings rendered through templates, with charts, written atomically.

=====================  ==========================================================================
:mod:`~.build`         :func:`report` → :class:`Report`: analyse, draw, render, write
:mod:`~.words`         ICD 203 likelihood words and the memo's number formats (template filters)
:mod:`~.render`        Jinja2 templates → ``memo.md``; markdown-it-py → ``memo.html``
:mod:`~.figures`       the charts, drawn once from the findings and encoded once as PNG
:mod:`~.output`        atomic writes; never over a user's memo without ``force=True``
``templates/``         ``memo.md.j2`` includes one template per section (``sections/*.md.j2``)
=====================  ==========================================================================

The numbers come from :func:`deterrence.analysis.analyse`; this package only chooses the words
around them and the layout.
"""

from __future__ import annotations

import importlib

_LAZY = {
    "report": "build",
    "Report": "build",
    "likelihood_phrase": "words",
    "LIKELIHOOD_TERMS": "words",
    "write_atomic": "output",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
