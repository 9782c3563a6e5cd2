"""Writing outputs: atomically, and never over a user's file unasked.

Every file the package writes (the memo, its figures, a sweep's CSV) goes through
:func:`write_atomic`: a temporary file in the same directory, flushed and fsynced, then renamed
over the target (``os.replace``), so a reader sees the old file or the new one, never half of
one. :func:`prepare_memo_dir` refuses to overwrite an existing memo without ``force=True`` and
creates the output directory when missing.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from ..errors import OutputExistsError

__all__ = ["write_atomic", "prepare_memo_dir", "MEMO_FILES"]

#: Files of a memo; an existing one is never overwritten without force=True.
MEMO_FILES = ("memo.md", "memo.html")


def write_atomic(path, data, *, overwrite: bool = True) -> Path:
    """Write `data` (str as UTF-8, or bytes) to `path` atomically.

    The data go to a temporary file in the same directory, which is then renamed over `path`
    (``os.replace``): a reader sees the old file or the new one, never half of one, and a
    failure leaves no temporary file behind.

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
    path = Path(path)
    if not overwrite and path.exists():
        raise OutputExistsError(
            f"{path} already exists; pass --force (force=True in Python) to overwrite it, or "
            "choose another file name."
        )
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    # os.open with mode 0o666 lets the umask decide the permissions, as for an ordinary file
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if tmp.exists():
            tmp.unlink()
        raise
    return path


def prepare_memo_dir(out_dir, *, force: bool = False) -> Path:
    """The output directory of a memo, checked before any work is done.

    Raises NotADirectoryError when `out_dir` is a file, and OutputExistsError when it holds a
    memo and `force` is False; creates nothing (the figures' directory is made when written).
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(
            f"output directory {out} exists and is not a directory; choose another path."
        )
    if not force:
        for name in MEMO_FILES:
            if (out / name).exists():
                raise OutputExistsError(
                    f"{out / name} already exists; pass --force (force=True in Python) to "
                    "overwrite the memo, or choose another output directory."
                )
    return out
