"""Writing outputs: atomically, and never over a user's file unasked.

Every file the package writes goes through ``deterrence._output`` (regular files only,
claimed atomically, a memo staged and swapped in as one set); :func:`write_atomic` is its
single-file form. :func:`prepare_memo_dir` refuses to overwrite an existing memo without ``force=True`` and
creates the output directory when missing.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import OutputExistsError

__all__ = ["write_atomic", "prepare_memo_dir", "MEMO_FILES"]

#: Files of a memo; an existing one is never overwritten without force=True.
MEMO_FILES = ("memo.md", "memo.html")


def write_atomic(path, data, *, overwrite: bool = True) -> Path:
    """Write `data` (str as UTF-8, or bytes) to `path` atomically.

    The shared writer (``deterrence._output.write_file``): a temporary file in the same
    directory, renamed over `path` (or linked into place when not overwriting, so a concurrent
    writer cannot be clobbered): a reader sees the old file or the new one, and a failure leaves
    no temporary file behind. Only regular files are written (a device or FIFO raises
    UnsafeOutputError).

    Parameters
    ----------
    path : str or os.PathLike
        The file to write; its directory must exist.
    data : str or bytes
    overwrite : bool, keyword-only, default True
        When False, an existing `path` raises OutputExistsError (a FileExistsError).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomic(d / "a.txt", "hello").read_text()
    'hello'
    >>> sorted(p.name for p in d.iterdir())
    ['a.txt']
    """
    from .._output import write_file

    return write_file(path, data, force=overwrite)


def prepare_memo_dir(out_dir, *, force: bool = False) -> Path:
    """The output directory of a memo, checked before any work is done.

    Raises NotADirectoryError when `out_dir` is a file, and OutputExistsError when it holds a
    memo and `force` is False; creates nothing (the figures' directory is made when written).
    """
    from .._output import check_target

    out = check_target(out_dir, directory=True)
    if not force:  # any file of the set: an earlier figure alone counts
        figs = out / "figures"
        earlier = sorted(figs.glob("*.png")) if figs.is_dir() else []
        for name in (*(out / n for n in MEMO_FILES), *earlier):
            if os.path.lexists(name):
                raise OutputExistsError(
                    f"{name} already exists; pass --force (force=True in Python) to "
                    "overwrite the memo, or choose another output directory."
                )
    return out
