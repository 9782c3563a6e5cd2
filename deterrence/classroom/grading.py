"""nbgrader assignments from the exercise bank, and the score table after autograding.

:func:`build_assignment` writes an nbgrader *source* assignment into a course directory
(``source/<assignment>/<assignment>.ipynb`` and, when missing, ``nbgrader_config.py``): per
exercise, a read-only cell that shows the student's own variant, a solution cell (nbgrader
replaces it by ``answer = ...`` in the release version) and an autograder-test cell that calls
:func:`deterrence.classroom.check` for the student's variant. The student's id comes from
:func:`deterrence.classroom.student_id`: when nbgrader autogrades, it is the folder of the
submission, so every student is graded against their own numbers.

The nbgrader workflow then runs unchanged (Jupyter's tool for courses: release, collect,
autograde, feedback)::

    deterrence classroom build course/ --assignment week3 --topic brinkmanship
    cd course && nbgrader generate_assignment week3     # release/week3: no solutions
    ...  nbgrader collect / zip_collect  ->  submitted/<student>/week3/
    deterrence classroom grade course/ --assignment week3 -o scores.csv

:func:`grade` runs nbgrader's autograder (its Python API) and reads the gradebook into a score table. nbgrader
is imported only there (the ``classroom`` extra: ``pip install 'deterrence[classroom]'``).
"""

from __future__ import annotations

import json
import os
import re
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from ..errors import DeterrenceError, MissingExtraError, OutputExistsError, ParameterError
from .core import _lookup

__all__ = ["build_assignment", "grade", "scores", "CODE_STUB"]

#: what nbgrader leaves of a solution cell in the student's version
CODE_STUB = "answer = ...  # your answer"
_SCHEMA = 3
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_CONFIG = f"""\
# nbgrader configuration written by `deterrence classroom build`.
c = get_config()  # noqa: F821
# a solution cell becomes this line in the students' version
c.ClearSolutions.code_stub = {{"python": {CODE_STUB!r}}}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
"""


class GradingError(DeterrenceError, RuntimeError):
    """nbgrader could not autograde the submissions (its own message is included)."""


def _metadata(grade_id: str, *, solution=False, grade=False, locked=False, points=0):
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": _SCHEMA,
        "solution": solution,
    }
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def _name(value: str, field: str) -> str:
    if not isinstance(value, str) or not _NAME.match(value):
        raise ParameterError(
            f"{field} must be a simple name (letters, digits, '-', '_', '.'); got {value!r}."
        )
    return value


def assignment_notebook(
    exercises: Sequence[str], *, title: str, seed: int | None = None, imports: Sequence[str] = ()
):
    """The source notebook (an ``nbformat`` node) for these exercise ids."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    from .exercises import BUILTIN

    chosen = [_lookup(i) for i in exercises]
    for module in imports:
        if not isinstance(module, str) or not re.fullmatch(r"[A-Za-z_][\w.]*", module):
            raise ParameterError(f"imports must be module names; got {module!r}.")
    own = [ex.id for ex in chosen if ex.id not in BUILTIN]
    if own and not imports:
        raise ParameterError(
            f"exercise(s) {own} are not built in: the students' kernel (and the autograder's) "
            "must register them too. Put their @register declarations in a module the "
            "students can import and pass imports=['that_module'] (--import on the command "
            "line)."
        )
    cells = [
        new_markdown_cell(
            f"# {title}\n\n"
            "Each exercise below shows **your own numbers**. Replace `...` in each answer cell "
            "with your answer — a number (`0.25`, `1/4` or `'25%'`), or several in the order "
            "the exercise asks, e.g. `(0.2, 1/3)` — and run the check cell below it: green is "
            "right, amber is close, red is not right, with a hint. Numbers may be typed as "
            "fractions. When you are done, save and submit the notebook unchanged otherwise.",
            id="intro",
            metadata=_metadata("intro", locked=True),
        ),
        new_code_cell(
            "import deterrence as dt\n"
            "from deterrence.classroom import check, student_id, variant\n"
            + "".join(f"import {m}  # registers this course's own exercises\n" for m in imports)
            + "\n"
            f"SEED = {seed!r}\n"
            "STUDENT = student_id()\n"
            "if STUDENT is None:\n"
            '    print("Set your student id first: run  %env DETERRENCE_STUDENT=your-id  in a "\n'
            '          "new cell above, then run this cell again.")\n'
            "else:\n"
            '    print("Numbers drawn for", STUDENT)',
            id="setup",
            metadata=_metadata("setup", locked=True),
        ),
    ]
    for n, ex in enumerate(chosen, start=1):
        call = f"{ex.id!r}, student=STUDENT, seed=SEED"
        cells += [
            new_markdown_cell(
                f"## {n}. {ex.title}\n\n*{ex.topic}, {ex.difficulty}.* {ex.goal}",
                id=f"{ex.id}-title",
                metadata=_metadata(f"{ex.id}-title", locked=True),
            ),
            new_code_cell(
                f"variant({call})",
                id=f"{ex.id}-statement",
                metadata=_metadata(f"{ex.id}-statement", locked=True),
            ),
            new_code_cell(
                f"# your answer: {ex.answer_format}\n"
                "### BEGIN SOLUTION\n"
                f"answer = variant({call}).answer()\n"
                "### END SOLUTION",
                id=f"{ex.id}-answer",
                metadata=_metadata(f"{ex.id}-answer", solution=True),
            ),
            new_code_cell(
                f"result = check({ex.id!r}, answer, student=STUDENT, seed=SEED)\n"
                "display(result)\n"
                "assert result.correct, result.message",
                id=f"{ex.id}-check",
                metadata=_metadata(f"{ex.id}-check", grade=True, locked=True, points=1),
            ),
        ]
    return new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
            },
            "language_info": {"name": "python"},
        },
    )


def _write(path: Path, text: str, *, force: bool) -> Path:
    """Write `text` to `path`: claimed by exclusive creation, or atomically replaced with force."""
    if force and path.exists():
        if not path.is_file():
            raise OutputExistsError(f"{path} exists and is not a regular file; remove it first.")
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
        return path
    try:
        with open(path, "x", encoding="utf-8") as f:
            f.write(text)
    except FileExistsError:
        raise OutputExistsError(
            f"{path} already exists; pass --force (force=True) to overwrite it."
        ) from None
    return path


def build_assignment(
    course_dir,
    exercises: Sequence[str] | None = None,
    *,
    assignment: str = "deterrence",
    topic: str | None = None,
    seed: int | None = None,
    imports: Sequence[str] = (),
    force: bool = False,
) -> Path:
    """Write an nbgrader source assignment of exercises from the bank.

    Parameters
    ----------
    course_dir : path
        The nbgrader course directory (created if missing).
    exercises : sequence of str, optional
        Exercise ids, in order; default: every exercise of `topic`, or of the whole bank.
    assignment : str
        The assignment's name (a folder of ``source/``).
    topic : str, optional
        Take the exercises of this topic.
    seed : int, optional
        Mixed into every student's variant (another seed, other numbers: e.g. one per term).
    imports : sequence of str
        Modules the notebook imports first: those that register your own exercises (the
        students' and the autograder's kernels must know them too).
    force : bool
        Overwrite an existing source notebook (``nbgrader_config.py`` is never overwritten).

    Returns
    -------
    pathlib.Path
        The source notebook.

    Raises
    ------
    OutputExistsError
        The source notebook exists and `force` is False.
    ParameterError
        An unknown exercise id or topic, or a bad assignment name.
    """
    import nbformat

    from .core import EXERCISES

    _name(assignment, "assignment")
    if exercises is None:
        exercises = [i for i, ex in EXERCISES.items() if topic is None or ex.topic == topic]
        if not exercises:
            topics = sorted({ex.topic for ex in EXERCISES.values()})
            raise ParameterError(f"no exercise has the topic {topic!r}; topics: {topics}.")
    exercises = list(exercises)
    if len(set(exercises)) != len(exercises):
        raise ParameterError("an exercise is listed twice; each may appear once.")
    course = Path(course_dir)
    folder = course / "source" / assignment
    folder.mkdir(parents=True, exist_ok=True)
    config = course / "nbgrader_config.py"
    if not config.exists():
        _write(config, _CONFIG, force=False)
    title = f"Deterrence exercises: {assignment}"
    nb = assignment_notebook(exercises, title=title, seed=seed, imports=imports)
    nbformat.validate(nb)
    return _write(folder / f"{assignment}.ipynb", nbformat.writes(nb) + "\n", force=force)


def grade(course_dir, *, assignment: str = "deterrence"):
    """Autograde every submission of `assignment` with nbgrader, then return :func:`scores`.

    Runs nbgrader's autograder (its Python API: what ``nbgrader autograde ASSIGNMENT`` does)
    on every student folder of ``submitted/<student>/<assignment>/``; students not yet in the
    gradebook are added.

    Raises
    ------
    MissingExtraError
        nbgrader is not installed.
    GradingError
        nbgrader failed on a submission (its log is in the message).
    """
    _nbgrader()
    _name(assignment, "assignment")
    course = Path(course_dir).resolve()
    submitted = course / "submitted"
    students = sorted(p.parent.name for p in submitted.glob(f"*/{assignment}") if p.is_dir())
    if not students:
        raise ParameterError(
            f"{course} has no submissions of {assignment!r} (submitted/<student>/{assignment}/): "
            "collect the submissions first (nbgrader collect, or nbgrader zip_collect)."
        )
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    config = Config()
    config.CourseDirectory.root = str(course)
    api = NbGraderAPI(config=config)
    saved = os.environ.get("PATH")
    os.environ["PATH"] = nbgrader_env()["PATH"]
    try:
        with warnings.catch_warnings():
            # nbgrader's own gradebook emits SQLAlchemy "not in session" warnings; they are
            # internal to it and do not affect the grades
            warnings.filterwarnings("ignore", message=".*not in session.*")
            for student in students:
                result = api.autograde(assignment, student, force=True, create=True)
                if not result.get("success"):
                    log = (result.get("error") or "") + (result.get("log") or "")
                    raise GradingError(
                        f"nbgrader could not autograde {student}'s {assignment}:\n{log[-4000:]}"
                    )
    finally:
        if saved is None:
            os.environ.pop("PATH", None)
        else:
            os.environ["PATH"] = saved
    return scores(course, assignment=assignment)


def nbgrader_env() -> dict:
    """The environment for nbgrader: this interpreter's scripts first on PATH (nbgrader runs
    ``alembic`` as a command to set up its gradebook)."""
    scripts = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": os.pathsep.join([scripts, os.environ.get("PATH", "")])}


def _nbgrader():
    try:
        import nbgrader  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError(
            "grading needs nbgrader, which is not installed: pip install 'deterrence[classroom]'."
        ) from exc


def scores(course_dir, *, assignment: str = "deterrence"):
    """The score table of an autograded assignment, read from the course's gradebook.

    Returns
    -------
    pandas.DataFrame
        One row per student: a column per exercise (points), ``score`` and ``max_score``.
    """
    _nbgrader()
    import pandas as pd
    from nbgrader.api import Gradebook, MissingEntry

    db = Path(course_dir).resolve() / "gradebook.db"
    if not db.exists():
        raise ParameterError(f"{db} does not exist: nothing has been autograded yet.")
    rows = []
    with Gradebook(f"sqlite:///{db}") as gb:
        for student in gb.students:
            try:
                sub = gb.find_submission(assignment, student.id)
            except MissingEntry:
                continue
            row = {"student": student.id}
            for nb in sub.notebooks:
                for g in nb.grades:
                    if g.name.endswith("-check"):
                        row[g.name[: -len("-check")]] = g.score
            row["score"], row["max_score"] = sub.score, sub.max_score
            rows.append(row)
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    return frame.set_index("student").sort_index()


def scores_json(frame) -> str:
    """The score table as JSON (one object per student)."""
    return json.dumps(
        {s: {k: float(v) for k, v in row.items()} for s, row in frame.iterrows()}, indent=2
    )
