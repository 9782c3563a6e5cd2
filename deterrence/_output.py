"""The one module that writes files: regular files only, claimed atomically, swapped in whole.

Every file the library or the CLI writes goes through :func:`write_file` (one file) or
:func:`write_set` (a set of files in one directory, such as a memo: ``memo.md``, ``memo.html``,
``figures/*.png``). The contract, tested in ``tests/faults/``:

- Only regular files are written or replaced: an existing device, FIFO, socket or directory at
  the target raises :class:`~deterrence.errors.UnsafeOutputError` (``-o /dev/null --force``
  never replaces the device).
- Without ``force`` the target is claimed atomically: a single file is linked into place
  (``os.link`` fails if the name exists), a set is checked and swapped under an advisory lock on
  the parent directory, so of two concurrent runs exactly one succeeds and the other gets
  :class:`~deterrence.errors.OutputExistsError` naming the path. "Exists" means any file of
  the set.
- The new content is staged beside the target (a hidden ``.NAME.deterrence-*`` file or
  directory) and swapped in with renames while SIGINT and SIGTERM are held back, so an interrupt
  leaves the old set or the new set. SIGTERM during staging raises ``KeyboardInterrupt`` so the
  staged files are removed; after a clean exit, SIGINT or SIGTERM no temporary file remains.
- A run killed with SIGKILL leaves at worst a hidden staging entry (and, if killed inside the
  swap, the old directory renamed aside and the target absent: never a mix of old and new
  files); the next run on that target removes the stale staging entries and puts the old
  directory back before it starts.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import stat
import threading
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path

from .errors import OutputExistsError, OutputNotADirectoryError, UnsafeOutputError

__all__ = ["check_target", "write_file", "write_set"]

_TAG = ".deterrence-"


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a directory"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def check_target(path, *, directory: bool = False) -> Path:
    """Refuse an output path that exists and is not a regular file (or not a directory).

    Parameters
    ----------
    path : str or os.PathLike
    directory : bool, default False
        The target is an output directory (a memo) rather than a file.

    Returns
    -------
    pathlib.Path
        `path`, absolute.

    Raises
    ------
    UnsafeOutputError
        `path` is a device, FIFO, socket (or a directory where a file is expected, or a file
        where a directory is expected). Symbolic links are followed for the check.

    Examples
    --------
    >>> check_target("/dev/null")
    Traceback (most recent call last):
    ...
    deterrence.errors.UnsafeOutputError: output /dev/null is a character device, not a regular file; deterrence writes only regular files. Choose a file name (or -o - for standard output).
    """
    p = Path(os.path.abspath(os.fspath(path)))
    try:
        mode = os.stat(p).st_mode
    except FileNotFoundError:
        return p
    except OSError:
        return p  # a dangling link or unreadable entry: the write itself reports it
    if directory:
        if not stat.S_ISDIR(mode):
            what = "a file" if stat.S_ISREG(mode) else _kind(mode)
            raise OutputNotADirectoryError(
                f"output directory {p} exists and is not a directory ({what}); choose another path."
            )
    elif not stat.S_ISREG(mode):
        raise UnsafeOutputError(
            f"output {p} is {_kind(mode)}, not a regular file; deterrence writes only regular "
            "files. Choose a file name (or -o - for standard output)."
        )
    return p


@contextlib.contextmanager
def _signals_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt (so `finally` blocks clean up), main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    old = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Defer SIGINT and SIGTERM around a few renames: recorded, then raised on exit.

    Python runs signal handlers between bytecodes, so blocking at the C level is not enough
    (a handler already pending would still run inside the block); the handlers are replaced.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []

    def _defer(signum, frame):
        pending.append(signum)

    old = {sig: signal.signal(sig, _defer) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)
        if pending:
            raise KeyboardInterrupt(f"signal {pending[0]}")


@contextlib.contextmanager
def _dir_lock(directory: Path) -> Iterator[None]:
    """An advisory exclusive lock on `directory` (released by the kernel if the process dies)."""
    import fcntl

    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _raw(data) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def _exists_error(path: Path, what: str = "it") -> OutputExistsError:
    return OutputExistsError(
        f"{path} already exists; pass --force (force=True in Python) to overwrite {what}, or "
        "choose another name."
    )


def write_file(path, data, *, force: bool = False) -> Path:
    """Write `data` (str as UTF-8, or bytes) to the regular file `path`, atomically.

    The data go to a hidden temporary file beside `path`, which is then linked into place
    (without `force`: fails if `path` appeared meanwhile) or renamed over it (with `force`).
    A reader sees the old file or the new one; no temporary file is left behind.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write; its directory must exist.
    data : str or bytes
    force : bool, keyword-only, default False
        Replace an existing regular file.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OutputExistsError
        `path` exists and `force` is False (also when another process created it first).
    UnsafeOutputError
        `path` is a device, FIFO, socket or directory.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_file(d / "a.txt", "hello").read_text()
    'hello'
    >>> write_file(d / "a.txt", "again")
    Traceback (most recent call last):
    ...
    deterrence.errors.OutputExistsError: .../a.txt already exists; pass --force (force=True in Python) to overwrite it, or choose another name.
    >>> sorted(p.name for p in d.iterdir())
    ['a.txt']
    """
    path = check_target(path)
    if not force and os.path.lexists(path):
        raise _exists_error(path)
    raw = _raw(data)
    if not path.parent.is_dir():
        raise UnsafeOutputError(
            f"the directory of output {path} does not exist; create it first or choose another path."
        )
    for stale in path.parent.glob(f".{glob.escape(path.name)}{_TAG}*.tmp"):  # a killed run's
        pid = stale.name[len(path.name) + len(_TAG) + 1 :].split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                stale.unlink()
    tmp = path.with_name(f".{path.name}{_TAG}{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    with _signals_as_interrupt():
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(raw)
                f.flush()
                os.fsync(f.fileno())
            if force:
                check_target(path)
                os.replace(tmp, path)
            else:
                try:
                    os.link(tmp, path)
                except FileExistsError:
                    raise _exists_error(path) from None
        finally:
            with _signals_held(), contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _recover(out: Path) -> None:
    """Under the lock: undo what a killed run on `out` left (called before every swap)."""
    prefix = f".{out.name}{_TAG}"
    for entry in out.parent.iterdir():
        if not entry.name.startswith(prefix):
            continue
        kind, _, rest = entry.name[len(prefix) :].partition("-")
        pid = int(rest.split("-")[0]) if rest.split("-")[0].isdigit() else -1
        if kind == "old":
            if not os.path.lexists(out):  # killed between the two renames: roll back
                os.rename(entry, out)
            else:
                shutil.rmtree(entry, ignore_errors=True)
        elif kind == "stage" and not _alive(pid):
            shutil.rmtree(entry, ignore_errors=True)


def write_set(out_dir, files: Mapping[str, bytes | str], *, force: bool = False) -> Path:
    """Write a set of files into `out_dir` as one unit (a memo: md, html, figures).

    The files are staged in a hidden directory beside `out_dir`; then, under a lock on the
    parent directory, `out_dir` is renamed aside, the entries of `out_dir` that are not part
    of the set are moved into the staging directory, and the staging directory is renamed to
    `out_dir`. SIGINT and SIGTERM are held back during the renames, so an interrupt leaves the
    old set or the new one; a SIGKILL inside the renames leaves `out_dir` absent and the old
    directory aside, which the next run puts back.

    Parameters
    ----------
    out_dir : str or os.PathLike
        The output directory (created if needed, with its parents).
    files : mapping of relative path -> str or bytes
        The set, e.g. ``{"memo.md": ..., "figures/window.png": ...}``.
    force : bool, keyword-only, default False
        Replace an existing set. Without it, any file of the set already present (say only an
        earlier ``figures/window.png``) raises OutputExistsError.

    Returns
    -------
    pathlib.Path
        `out_dir`, absolute.

    Raises
    ------
    OutputExistsError
        A file of the set exists and `force` is False (the message names the file).
    UnsafeOutputError
        `out_dir` is not a directory, or a file of the set is not a regular file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()) / "memo"
    >>> out = write_set(d, {"a.md": "one", "fig/b.png": b"two"})
    >>> sorted(str(p.relative_to(d)) for p in d.rglob("*"))
    ['a.md', 'fig', 'fig/b.png']
    >>> write_set(d, {"fig/b.png": b"three"})
    Traceback (most recent call last):
    ...
    deterrence.errors.OutputExistsError: .../fig/b.png already exists; pass --force (force=True in Python) to overwrite the set, or choose another name.
    >>> sorted(p.name for p in d.parent.iterdir())
    ['memo']
    """
    out = check_target(out_dir, directory=True)
    rel = {}
    for name, data in files.items():
        r = Path(name)
        if r.is_absolute() or ".." in r.parts or not r.parts:
            raise UnsafeOutputError(f"output file name {name!r} must be relative, inside {out}.")
        rel[r] = _raw(data)

    def _check_existing() -> None:
        for r in rel:
            target = out / r
            if os.path.lexists(target):
                if not force:
                    raise _exists_error(target, "the set")
                check_target(target)

    out.parent.mkdir(parents=True, exist_ok=True)
    _check_existing()  # fail fast; checked again under the lock
    stage = out.parent / f".{out.name}{_TAG}stage-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    old = out.parent / f".{out.name}{_TAG}old-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    with _signals_as_interrupt():
        try:
            stage.mkdir()
            for r, raw in rel.items():
                (stage / r).parent.mkdir(parents=True, exist_ok=True)
                with open(stage / r, "xb") as f:
                    f.write(raw)
                    f.flush()
                    os.fsync(f.fileno())
            with _dir_lock(out.parent):
                _recover(out)
                _check_existing()
                top = {r.parts[0] for r in rel}
                with _signals_held():
                    if out.is_dir():
                        # keep what is not ours (user files, other subdirectories), as hard
                        # links, so the old directory stays whole until the swap is done
                        for entry in list(out.iterdir()):
                            if entry.name in top and not entry.is_dir():
                                continue
                            _link_into(entry, stage / entry.name)
                        os.rename(out, old)
                    os.rename(stage, out)
        finally:
            with _signals_held():  # an interrupt here would leave half a directory behind
                if os.path.lexists(old):  # swapped: drop the old set; failed midway: restore
                    if os.path.lexists(out):
                        shutil.rmtree(old, ignore_errors=True)
                    else:
                        os.rename(old, out)
                shutil.rmtree(stage, ignore_errors=True)
    return out


def _link_into(src: Path, dst: Path) -> None:
    """Hard-link `src` (a file, a link, or a directory tree) to `dst` where `dst` lacks it."""
    if src.is_symlink():
        if not os.path.lexists(dst):
            os.symlink(os.readlink(src), dst)
    elif src.is_dir():
        dst.mkdir(exist_ok=True)
        for p in src.iterdir():
            _link_into(p, dst / p.name)
    elif not os.path.lexists(dst):
        os.link(src, dst)
