"""nbgrader round trip: build a source assignment, release it, two students submit, autograde.

Alice answers every exercise right for her own numbers (typed as a student would: a fraction
in a string, a range); Bob gets one right, gives one pair in the wrong order and leaves one
unanswered. Expected scores: Alice 3/3, Bob 1/3. The released notebook carries no solution.
"""

import shutil

import pandas as pd
import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbgrader")

from deterrence import classroom  # noqa: E402
from deterrence.classroom import grading  # noqa: E402
from deterrence.cli import main  # noqa: E402

EXERCISES = ["chicken-mixed", "brinkmanship-window", "deterrence-outcome"]


def _typed(value):
    if isinstance(value, tuple):
        return "(" + ", ".join(repr(v) for v in value) + ")"
    return repr(f"{value:.4f}")  # a number in a string


def _submit(course, student, answers):
    release = course / "release" / "week1" / "week1.ipynb"
    nb = nbformat.read(release, as_version=4)
    cells = iter(answers)
    for cell in nb.cells:
        if cell.cell_type == "code" and grading.CODE_STUB in cell.source:
            cell.source = cell.source.replace("answer = ...", f"answer = {next(cells)}", 1)
    folder = course / "submitted" / student / "week1"
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / "week1.ipynb")


def test_nbgrader_round_trip_two_students(tmp_path, monkeypatch, capsys):
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    monkeypatch.delenv("DETERRENCE_STUDENT", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setenv("PATH", grading.nbgrader_env()["PATH"])
    course = tmp_path / "course"
    argv = ["classroom", "build", str(course), "--assignment", "week1"]
    assert main(argv + [arg for i in EXERCISES for arg in ("--exercise", i)]) == 0
    assert main(argv + ["--exercise", "grim-trigger"]) == 2  # never overwritten unasked
    assert "already exists" in capsys.readouterr().err

    source = course / "source" / "week1" / "week1.ipynb"
    assert source.read_text().count("### BEGIN SOLUTION") == len(EXERCISES)
    config = Config()
    config.CourseDirectory.root = str(course)
    config.ClearSolutions.code_stub = {"python": grading.CODE_STUB}
    result = NbGraderAPI(config=config).generate_assignment("week1")
    assert result["success"], result.get("log")

    # the students' version carries no solution
    released = (course / "release" / "week1" / "week1.ipynb").read_text()
    for leak in ("BEGIN SOLUTION", ".answer(", "solution("):
        assert leak not in released
    assert released.count(grading.CODE_STUB) == len(EXERCISES)

    alice = [classroom.variant(i, student="alice").answer() for i in EXERCISES]
    bob = [classroom.variant(i, student="bob").answer() for i in EXERCISES]
    _submit(course, "alice", [_typed(a) for a in alice])
    _submit(course, "bob", [_typed(bob[0]), _typed(tuple(reversed(bob[1]))), "..."])
    # Bob cannot take Alice's key: her numbers are not his (graded by folder, not by claim)
    assert not classroom.check("chicken-mixed", alice[0], student="bob").correct

    out = tmp_path / "scores.csv"
    assert main(["classroom", "grade", str(course), "--assignment", "week1", "-o", str(out)]) == 0
    scores = pd.read_csv(out, index_col="student")
    assert scores.loc["alice", "score"] == 3 and scores.loc["alice", "max_score"] == 3
    assert scores.loc["bob", "score"] == 1 and scores.loc["bob", "max_score"] == 3
    assert scores.loc["bob", EXERCISES].tolist() == [1, 0, 0]
    # the feedback the students get is the check's: Bob's swapped pair is named as such
    graded = nbformat.read(course / "autograded" / "bob" / "week1" / "week1.ipynb", as_version=4)
    text = "".join(
        str(o.get("data", {}).get("text/html", "")) + str(o.get("evalue", ""))
        for c in graded.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )
    assert "wrong order" in text and "Replace ... in the answer cell" in text
    shutil.rmtree(course)


def test_grade_needs_submissions_and_names_the_fix(tmp_path):
    (tmp_path / "submitted" / "ada").mkdir(parents=True)  # a student without this assignment
    with pytest.raises(classroom.core.ParameterError, match="collect the submissions"):
        grading.grade(tmp_path)


def test_an_instructors_own_exercise_needs_its_module_in_the_assignment(tmp_path):
    @classroom.register(
        id="test-course-gain",
        title="Temptation",
        topic="repeated games",
        difficulty="intro",
        goal="Read a payoff table.",
        statement="T = {T}, R = {R}. **What is T − R?**",
        params=[classroom.Param("T", 5, 4, 8, 1), classroom.Param("R", 3)],
        citation="Axelrod 1984",
    )
    def gain(T, R):
        return T - R

    try:
        with pytest.raises(classroom.core.ParameterError, match="not built in"):
            grading.build_assignment(tmp_path, ["test-course-gain"])
        path = grading.build_assignment(
            tmp_path, ["grim-trigger", "test-course-gain"], imports=["my_course.exercises"]
        )
        nb = nbformat.read(path, as_version=4)
        setup = next(c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == "setup")
        assert "import my_course.exercises" in setup.source
        grades = [c.metadata["nbgrader"] for c in nb.cells if c.metadata["nbgrader"]["grade"]]
        assert [g["grade_id"] for g in grades] == ["grim-trigger-check", "test-course-gain-check"]
        assert all(g["points"] == 1 and g["locked"] for g in grades)
        with pytest.raises(classroom.core.ParameterError, match="module names"):
            grading.build_assignment(tmp_path, ["grim-trigger"], imports=["os; rm"], force=True)
    finally:
        classroom.unregister("test-course-gain")
