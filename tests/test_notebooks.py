"""The notebooks run top to bottom (nbclient), say what they should, and match their generator.

Each notebook is executed in a fresh kernel of *this* interpreter (the .venv's python that runs
pytest): a kernel spec written to a temporary JUPYTER_PATH points at ``sys.executable``, so a
user-level "python3" kernel elsewhere cannot be picked up by mistake. One notebook is also
rendered to HTML and, where headless Chromium is installed, screenshotted and the picture
checked for the classroom's green feedback boxes.
"""

import importlib.util
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NAMES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 120  # seconds per cell; the whole set runs in about 40 s on a quiet machine
KERNEL = "deterrence-tests"

_spec = importlib.util.spec_from_file_location("build_notebooks", NOTEBOOKS / "build_notebooks.py")
build_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_notebooks)

_spec5 = importlib.util.spec_from_file_location(
    "make_05_learning_dynamics", NOTEBOOKS / "make_05_learning_dynamics.py"
)
make_05 = importlib.util.module_from_spec(_spec5)
_spec5.loader.exec_module(make_05)
_spec6 = importlib.util.spec_from_file_location(
    "make_06_noisy_leaders", NOTEBOOKS / "make_06_noisy_leaders.py"
)
make_06 = importlib.util.module_from_spec(_spec6)
_spec6.loader.exec_module(make_06)

_executed: dict[str, object] = {}


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    home = tmp_path_factory.mktemp("jupyter")
    spec = home / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "deterrence tests", "language": "python"})
    )
    mp = pytest.MonkeyPatch()
    mp.setenv("JUPYTER_PATH", str(home))
    mp.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    yield KERNEL
    mp.undo()


def run(name: str, kernel: str, cwd: Path):
    if name not in _executed:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        start = time.perf_counter()
        build_notebooks.execute(nb, kernel_name=kernel, timeout=CELL_TIMEOUT, cwd=cwd)
        nb.metadata["test_seconds"] = time.perf_counter() - start
        _executed[name] = nb
    return _executed[name]


def outputs_text(cell) -> str:
    # a print may reach the notebook in several stream chunks: join those without a separator
    stream = "".join(o["text"] for o in cell.get("outputs", []) if o.get("output_type") == "stream")
    data = [
        str(v)
        for o in cell.get("outputs", [])
        for k, v in o.get("data", {}).items()
        if k.startswith("text/")
    ]
    return "\n".join([stream, *data])


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_the_notebooks_exist():
    assert NAMES == [
        "01_quickstart.ipynb",
        "02_iran_retaliation_dilemma.ipynb",
        "03_classroom_deterrence.ipynb",
        "03_classroom_deterrence_instructor.ipynb",
        "04_repeated_and_proxies.ipynb",
        "05_learning_dynamics.ipynb",
        "06_noisy_leaders.ipynb",
    ]


def test_notebooks_match_their_generator_and_have_no_outputs():
    assert build_notebooks.main(["--check"]) == 0, "run: python notebooks/build_notebooks.py"
    assert make_05.main(["--check"]) == 0, "run: python notebooks/make_05_learning_dynamics.py"
    assert make_06.main(["--check"]) == 0, "run: python notebooks/make_06_noisy_leaders.py"
    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        nbformat.validate(nb)
        for cell in code_cells(nb):
            assert cell.outputs == [] and cell.execution_count is None, name


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_top_to_bottom(name, kernel, tmp_path):
    nb = run(name, kernel, tmp_path)  # raises CellExecutionError, with the cell, on any error
    for cell in code_cells(nb):
        assert not [o for o in cell.outputs if o.output_type == "error"]
    assert nb.metadata["test_seconds"] < 60


def test_quickstart_says_what_it_shows(kernel, tmp_path):
    cells = code_cells(run("01_quickstart.ipynb", kernel, tmp_path))
    text = "\n".join(outputs_text(c) for c in cells)
    # Osborne 2004, ch. 4: Chicken (0, -1, 1, -10) goes straight w.p. 1/(1 + 9) = 0.1
    assert "0.9 swerve + 0.1 straight / 0.9 swerve + 0.1 straight" in text
    # Chicken turns into a Prisoner's Dilemma at P = S = -1
    assert "1 threshold(s) of P" in text and "P = -1" in text
    assert any("image/png" in o.get("data", {}) for c in cells for o in c.outputs)


def test_seed_case_notebook_numbers(kernel, tmp_path):
    text = "\n".join(outputs_text(c) for c in code_cells(run(NAMES[1], kernel, tmp_path)))
    assert "r* = 5.16 leakers" in text  # the bundled scenario's optimum
    assert "window: None" in text  # [6.47, 6.32] is empty
    assert "a 150-launch salvo escalates with probability 0.52" in text
    # Bayes's rule: 0.4/(0.4 + 0.05) = 8/9 and 0.1/(0.1 + 0.45) = 2/11
    assert "posterior after a positive / negative report: 0.889 0.182" in text
    assert "{'game': 'calibrated', 'tree': 'calibrated', 'model': 'calibrated'}" in text
    assert "median tolerance needed:" in text


def test_student_classroom_is_unanswered_and_instructor_all_green(kernel, tmp_path):
    from deterrence.classroom.exercises import BUILTIN

    for name, expected in (
        ("03_classroom_deterrence.ipynb", "No answer yet"),
        ("03_classroom_deterrence_instructor.ipynb", "✔ Correct"),
    ):
        nb = run(name, kernel, tmp_path)
        checks = [c for c in code_cells(nb) if c.source.startswith("answer = ")]
        assert len(checks) == len(BUILTIN)
        for cell in checks:
            html = cell.outputs[0]["data"]["text/html"]
            assert expected in html, (name, cell.source)


def test_student_classroom_carries_no_solutions():
    text = (NOTEBOOKS / "03_classroom_deterrence.ipynb").read_text(encoding="utf-8")
    for leak in ("Worked solution", ".answer(", "solution(", "key(", "answer = 1", "answer = 0"):
        assert leak not in text, leak
    # every answer cell is the placeholder
    nb = nbformat.reads(text, as_version=4)
    answers = [c.source for c in code_cells(nb) if c.source.startswith("answer")]
    assert answers and all(a.startswith("answer = ...") for a in answers)


def _builder_in(tmp_path, monkeypatch):
    monkeypatch.setattr(build_notebooks, "HERE", tmp_path)
    return build_notebooks


def test_builder_help_and_unknown_arguments_write_nothing(tmp_path, monkeypatch, capsys):
    b = _builder_in(tmp_path, monkeypatch)
    for argv in (["--help"], [], ["--bogus"], ["--write", "nosuch.ipynb"]):
        with pytest.raises(SystemExit) as exit_:
            b.main(argv)
        assert exit_.value.code in (0, 2)
    assert list(tmp_path.iterdir()) == []
    assert "--force" in capsys.readouterr().out  # the help names the flag that overwrites


def test_builder_never_overwrites_an_edited_notebook_without_force(tmp_path, monkeypatch):
    b = _builder_in(tmp_path, monkeypatch)
    name = "01_quickstart.ipynb"
    assert b.main(["--write", name]) == 0  # a missing notebook is written
    edited = (tmp_path / name).read_text(encoding="utf-8").replace("Quickstart", "My course")
    (tmp_path / name).write_text(edited, encoding="utf-8")
    assert b.main(["--check", name]) == 1
    assert b.main(["--write", name]) == 1  # refused: the instructor's edit survives
    assert (tmp_path / name).read_text(encoding="utf-8") == edited
    assert b.main(["--write", "--force", name]) == 0
    assert b.main(["--check", name]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left


def test_repeated_notebook_noise_echo(kernel, tmp_path):
    text = "\n".join(outputs_text(c) for c in code_cells(run(NAMES[4], kernel, tmp_path)))
    # Axelrod 1984 thresholds and the deviation check; noisy TFT vs TFT averages
    # (T+R+P+S)/4 = 2.25 (Bendor, Kramer & Stout 1991)
    assert "grim trigger δ* = 0.5" in text and "tit for tat  δ* = 0.6667" in text
    assert "δ = 0.66: deviate 8.859 vs conform 8.824 -> deviation pays: True" in text
    mean = float(text.split("TFT vs TFT: mean payoff [")[1].split()[0])
    assert abs(mean - 2.25) < 0.03


def test_learning_dynamics_notebook_tells_the_story(kernel, tmp_path):
    text = "\n".join(outputs_text(c) for c in code_cells(run(NAMES[5], kernel, tmp_path)))
    # (u_E, u_D, u_P) = (0, 2, -8): delta* = (u_D - u_E)/(u_D - u_P) = 0.2; TFT also needs
    # (T - R)/(R - S) = 2/10 = 0.2; after the shock u_D = 4: 4/12 = 1/3 > delta = 0.25
    assert "exchange sustained iff δ ≥ 0.2" in text and "tit for tat stable iff δ ≥ 0.2" in text
    assert "frequencies after 200 rounds: [0. 1.] [0. 1.]" in text  # one-shot: escalate
    assert "breaks: True | threshold before 0.2 after 0.3333" in text
    settled = text.split("settled shares: ")[1].splitlines()[0]
    assert "'escalate': 0.0" in settled and "'tit for tat': 0.9" in settled
    assert (
        "shares after the shock: {'tit for tat': 0.0, 'never punish': 0.0, 'escalate': 1.0}" in text
    )
    assert any(
        "image/png" in o.get("data", {}) for c in code_cells(_executed[NAMES[5]]) for o in c.outputs
    )


def test_noisy_leaders_notebook_numbers(kernel, tmp_path):
    text = "\n".join(
        outputs_text(c) for c in code_cells(run("06_noisy_leaders.ipynb", kernel, tmp_path))
    )
    assert "Nash limit of the branch: [0.9 0.1] [0.9 0.1]" in text  # Chicken's mixed equilibrium
    # the defender replies strategically: the calibrated strike leads at every precision
    assert "calibrated strike is the most likely class at every precision λ" in text
    assert "every estimate within 3 standard errors of the truth: True" in text
    assert "16 exchanges; effect of a major strike on the utility of escalating: 1.61" in text


def test_total_notebook_time_stays_small(kernel, tmp_path):
    for name in NAMES:
        run(name, kernel, tmp_path)
    total = sum(_executed[n].metadata["test_seconds"] for n in NAMES)
    # about 40 s on a quiet machine (the classroom pair runs 36 exercises); the bound leaves
    # room for a loaded CI machine
    assert total < 150, f"notebooks took {total:.0f} s together"


CHROMIUM = next((c for c in ("chromium", "chromium-browser") if shutil.which(c)), None)


def test_classroom_renders_to_html_and_screenshot(kernel, tmp_path):
    nb = run("03_classroom_deterrence_instructor.ipynb", kernel, tmp_path)
    page = tmp_path / "classroom.html"
    page.write_text(build_notebooks.to_html(nb, title="classroom"), encoding="utf-8")
    text = page.read_text(encoding="utf-8")
    from deterrence.classroom.exercises import BUILTIN

    assert text.count("deterrence-check deterrence-right") == len(BUILTIN)
    assert text.count('<img src="data:image/png;base64,') == 2  # brinkmanship, violence charts
    if CHROMIUM is None:
        pytest.skip("headless Chromium is not installed: HTML checked, no screenshot")
    from PIL import Image

    shot = tmp_path / "classroom.png"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={shot}",
            "--window-size=1100,1400",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    import numpy as np

    img = np.asarray(Image.open(shot).convert("RGB"))
    assert img.shape == (1400, 1100, 3)
    # the first feedback boxes (green background #e6f4ea) are on the first screen
    green = np.all(img == (0xE6, 0xF4, 0xEA), axis=-1).sum()
    assert green > 2000
