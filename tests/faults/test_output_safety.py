"""Output safety: regular files only, atomic claims, whole-set swaps, clean interrupts.

The concurrency and interrupt cases run ``FAULT_REPEAT`` times (default 3, to keep the fault
suite within a minute on a loaded machine; ``FAULT_REPEAT=20`` for the full check).
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from deterrence._output import check_target, write_file, write_set
from deterrence.errors import DeterrenceError, OutputExistsError, UnsafeOutputError

REPEAT = int(os.environ.get("FAULT_REPEAT", "3"))
TAG = ".deterrence-"


def leftovers(d: Path) -> list[str]:
    return sorted(str(p) for p in d.rglob("*") if TAG in p.name)


# -- special files ---------------------------------------------------------------------------


@pytest.mark.parametrize("force", [False, True])
def test_dev_null_is_never_replaced(force):
    before = os.stat("/dev/null")
    with pytest.raises(UnsafeOutputError, match="character device") as info:
        write_file("/dev/null", "x", force=force)
    assert isinstance(info.value, DeterrenceError) and isinstance(info.value, OSError)
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_mode, after.st_rdev) == (
        before.st_ino,
        before.st_mode,
        before.st_rdev,
    )


def test_fifo_and_socket_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(UnsafeOutputError, match="FIFO"):
        write_file(fifo, "x", force=True)
    assert fifo.is_fifo()
    short = Path(tempfile.mkdtemp(dir="/tmp"))
    sock_path = short / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(UnsafeOutputError, match="socket"):
            write_file(sock_path, "x", force=True)
        assert sock_path.is_socket()
    sock_path.unlink()
    short.rmdir()
    # a symbolic link to a device is followed for the check
    link = tmp_path / "link"
    link.symlink_to("/dev/null")
    with pytest.raises(UnsafeOutputError):
        write_file(link, "x", force=True)
    assert link.is_symlink()
    with pytest.raises(UnsafeOutputError, match="directory"):
        write_file(tmp_path, "x", force=True)
    assert leftovers(tmp_path) == []


def test_set_inside_a_special_file_refused(tmp_path):
    with pytest.raises(UnsafeOutputError):
        write_set("/dev/null", {"memo.md": "x"}, force=True)
    (tmp_path / "memo").mkdir()
    os.mkfifo(tmp_path / "memo" / "memo.md")
    with pytest.raises(UnsafeOutputError, match="FIFO"):
        write_set(tmp_path / "memo", {"memo.md": "x"}, force=True)
    assert (tmp_path / "memo" / "memo.md").is_fifo()
    with pytest.raises(UnsafeOutputError, match="relative"):
        write_set(tmp_path / "m2", {"../escape.md": "x"})


# -- "exists" means any file of the set --------------------------------------------------------


def test_any_file_of_the_set_counts(tmp_path):
    out = tmp_path / "memo"
    (out / "figures").mkdir(parents=True)
    (out / "figures" / "window.png").write_bytes(b"old figure")
    (out / "notes.txt").write_text("the user's own file")
    with pytest.raises(OutputExistsError, match="figures/window.png"):
        write_set(out, {"memo.md": "new", "figures/window.png": b"new"})
    assert (out / "figures" / "window.png").read_bytes() == b"old figure"
    assert not (out / "memo.md").exists()
    write_set(out, {"memo.md": "new", "figures/window.png": b"new"}, force=True)
    assert (out / "figures" / "window.png").read_bytes() == b"new"
    assert (out / "notes.txt").read_text() == "the user's own file"  # not ours: kept
    assert leftovers(tmp_path) == []


def test_report_refuses_a_directory_with_only_an_earlier_figure(tmp_path):
    import deterrence as dt

    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "window.png").write_bytes(b"earlier")
    t0 = time.perf_counter()
    with pytest.raises(OutputExistsError, match="window.png"):
        dt.report("iran-2024", tmp_path)
    assert time.perf_counter() - t0 < 5  # refused before the analysis runs
    assert (tmp_path / "figures" / "window.png").read_bytes() == b"earlier"


# -- concurrent claims: exactly one wins -----------------------------------------------------

_RACER = textwrap.dedent(
    """
    import sys, time
    from deterrence._output import write_file, write_set
    from deterrence.errors import OutputExistsError
    kind, target, tag, start = sys.argv[1:5]
    while time.time() < float(start):
        pass
    try:
        if kind == "file":
            write_file(target, tag * 1000)
        else:
            write_set(target, {f"f{i}.txt": tag * 1000 for i in range(5)} | {"figures/a.png": tag})
    except OutputExistsError as exc:
        print("EXISTS", exc)
        sys.exit(2)
    print("OK")
    """
)


@pytest.mark.parametrize("kind", ["file", "set"])
def test_two_concurrent_runs_exactly_one_wins(tmp_path, kind):
    for rep in range(REPEAT):
        target = tmp_path / f"out{rep}{'.csv' if kind == 'file' else ''}"
        start = time.time() + 1.5
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", _RACER, kind, str(target), tag, str(start)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for tag in "AB"
        ]
        results = [(p.wait(60), p.stdout.read(), p.stderr.read()) for p in procs]
        codes = sorted(r[0] for r in results)
        assert codes == [0, 2], results
        loser = next(r for r in results if r[0] == 2)
        assert str(target) in loser[1]
        winner = "AB"[[r[0] for r in results].index(0)]
        files = [target] if kind == "file" else sorted(p for p in target.rglob("*") if p.is_file())
        assert {f.read_text()[0] for f in files} == {winner}
        assert leftovers(tmp_path) == []


# -- interrupts: the old set or the new set, never a mix ----------------------------------------

_WRITER = textwrap.dedent(
    """
    import sys
    from deterrence._output import write_set
    out = sys.argv[1]
    print("ready", flush=True)
    k = 0
    while True:
        tag = "AB"[k % 2]
        files = {f"part{i}.txt": tag * 200_000 for i in range(8)}
        files["figures/fig.png"] = tag.encode() * 100_000
        write_set(out, files, force=True)
        k += 1
    """
)


def _consistent(out: Path) -> str:
    files = sorted(p for p in out.rglob("*") if p.is_file())
    assert len(files) == 9, files
    tags = {f.read_bytes()[:1] for f in files}
    sizes = {f.stat().st_size for f in files}
    assert len(tags) == 1 and sizes <= {200_000, 100_000}, (tags, sizes)
    return tags.pop().decode()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_interrupt_leaves_old_or_new_set(tmp_path, sig):
    rng = random.Random(17)
    out = tmp_path / "memo"
    write_set(
        out, {f"part{i}.txt": "A" * 200_000 for i in range(8)} | {"figures/fig.png": b"A" * 100_000}
    )
    for _ in range(REPEAT):
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(sig)
        proc.wait(60)
        if sig == signal.SIGKILL:
            # never a mix: the directory whole, or absent with the old one aside
            if out.exists():
                _consistent(out)
            else:
                aside = [p for p in tmp_path.iterdir() if f"{TAG}old-" in p.name]
                assert len(aside) == 1
                _consistent(aside[0])
            # the next run cleans up what the killed one left
            write_set(out, {"part0.txt": "A" * 200_000}, force=True)
            write_set(
                out,
                {f"part{i}.txt": "A" * 200_000 for i in range(8)}
                | {"figures/fig.png": b"A" * 100_000},
                force=True,
            )
        else:
            assert proc.returncode != 0
            _consistent(out)
        assert leftovers(tmp_path) == [], leftovers(tmp_path)


def test_check_target_passes_new_and_regular(tmp_path):
    assert check_target(tmp_path / "new.csv") == tmp_path / "new.csv"
    (tmp_path / "old.csv").write_text("x")
    assert check_target(tmp_path / "old.csv").name == "old.csv"
