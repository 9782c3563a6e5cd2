"""Who is the student? The id that per-student variants are drawn from.

In order: the folder of an nbgrader submission being autograded
(``autograded/<student>/<assignment>/``, when nbgrader sets ``NBGRADER_EXECUTION``), so a
student cannot borrow another's key; the ``DETERRENCE_STUDENT`` environment variable; the
JupyterHub user name (``JUPYTERHUB_USER``, which is the student's nbgrader id on a course
hub). None when none of them is set: the published numbers are used.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["student_id"]


def student_id(default: str | None = None) -> str | None:
    """The current student's id (see the module docstring), or `default`.

    Examples
    --------
    >>> import os
    >>> os.environ["DETERRENCE_STUDENT"] = "alice"
    >>> student_id()
    'alice'
    >>> del os.environ["DETERRENCE_STUDENT"]
    """
    if os.environ.get("NBGRADER_EXECUTION"):
        here = Path.cwd().resolve()
        if here.parent.parent.name in ("autograded", "submitted"):
            return here.parent.name
    for var in ("DETERRENCE_STUDENT", "JUPYTERHUB_USER"):
        value = os.environ.get(var, "").strip()
        if value:
            return value
    return default
