"""Per-student variants: reproducible from (exercise, student, seed) in any process, different
between students; instructors extend the bank; keys and solutions follow the variant."""

import os
import subprocess
import sys

import pytest

from deterrence import classroom
from deterrence.classroom import EXERCISES, Mistake, Param, Probability, check, variant
from deterrence.classroom.exercises import BUILTIN
from deterrence.errors import ParameterError

CODE = (
    "from deterrence.classroom import variant, EXERCISES\n"
    "for i in sorted(EXERCISES):\n"
    "    v = variant(i, student='ada', seed=7)\n"
    "    print(i, sorted(v.parameters.items()))\n"
)


def test_variants_are_the_same_in_another_process_with_another_hash_seed():
    here = "\n".join(
        f"{i} {sorted(variant(i, student='ada', seed=7).parameters.items())}"
        for i in sorted(EXERCISES)
    )
    for hash_seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, env=env
        )
        assert out.stdout.strip() == here


@pytest.mark.parametrize("ex_id", BUILTIN)
def test_students_get_different_numbers_and_answers(ex_id):
    students = [f"student-{k}" for k in range(6)]
    params = {tuple(sorted(variant(ex_id, student=s).parameters.items())) for s in students}
    assert len(params) >= 3, ex_id
    assert (
        variant(ex_id, student="x", seed=1).parameters
        == variant(ex_id, student="x", seed=1).parameters
    )


def test_seed_changes_the_numbers_and_none_gives_the_published_ones():
    a = variant("grim-trigger", student="ada")
    assert variant("grim-trigger", student="ada", seed=1).parameters != a.parameters or (
        variant("grim-trigger", student="ada", seed=2).parameters != a.parameters
    )
    assert variant("grim-trigger") is EXERCISES["grim-trigger"]
    assert a.student == "ada" and "variant for ada" in a._repr_markdown_()


def test_a_students_answer_is_right_for_them_only():
    ids = [i for i in BUILTIN if EXERCISES[i].entries[0].kind == "number"]
    differs = 0
    for i in ids:
        ada = variant(i, student="ada").answer()
        assert check(i, ada, student="ada").correct
        differs += not check(i, ada, student="bashir").correct
    assert differs >= len(ids) * 2 // 3


def test_key_and_solution_follow_the_students_variant():
    key = classroom.key(["ada", "bashir"], ["grim-trigger", "attribution-posterior"], seed=3)
    assert list(key.student) == ["ada", "ada", "bashir", "bashir"]
    v = variant("grim-trigger", student="bashir", seed=3)
    row = key[(key.student == "bashir") & (key.exercise == "grim-trigger")].iloc[0]
    assert row.answer == classroom.fmt_number(v.answer())
    sol = classroom.solution("grim-trigger", student="bashir", seed=3)
    assert sol.answer == v.answer()
    T, R, P = (v.parameters[k] for k in "TRP")
    assert f"({T:g} − {R:g})/({T:g} − {P:g})" in sol.text


def test_bad_student_or_seed_is_refused():
    with pytest.raises(ParameterError, match="student must be a string"):
        variant("grim-trigger", student=7)
    with pytest.raises(ParameterError, match="seed must be an integer"):
        variant("grim-trigger", seed=1.5)
    with pytest.raises(ParameterError, match="Did you mean 'grim-trigger'"):
        check("grim-triger", 0.5)


def test_instructors_register_their_own_exercise_with_a_decorator():
    @classroom.register(
        id="test-denial",
        title="Denial",
        topic="credibility and SPE",
        difficulty="intro",
        goal="Compound a per-prong stopping probability.",
        statement="{n} prongs, each stopped w.p. {stop}. **P(the attack fails)?**",
        params=[Param("n", 3, 2, 5, 1), Param("stop", 0.3, 0.1, 0.5, 0.1)],
        entries=[Probability("P(fail)")],
        mistakes=[Mistake(lambda n, stop: (1 - stop) ** n, "that is P(success).")],
        citation="Mearsheimer 1983, Conventional Deterrence",
    )
    def denial(n, stop):
        return 1 - (1 - stop) ** int(n)

    try:
        assert denial.exercise is EXERCISES["test-denial"]
        assert check("test-denial", "0.657").correct  # 1 - 0.7^3
        assert check("test-denial", 0.343).message == "Not right: that is P(success)."
        v = variant("test-denial", student="ada")
        assert check("test-denial", v.answer(), student="ada").correct
        assert "test-denial" in classroom.bank().index
        with pytest.raises(ParameterError, match="already in the bank"):
            classroom.register(EXERCISES["test-denial"])
    finally:
        classroom.unregister("test-denial")
    assert "test-denial" not in EXERCISES


def test_an_exercise_whose_defaults_fail_is_refused():
    from deterrence.classroom import Exercise

    def model(p):
        from deterrence.models.perfect import challenge_threshold

        return challenge_threshold(p, 0, 1)  # needs p < 0

    ex = Exercise(
        id="test-broken",
        title="t",
        topic="t",
        difficulty="intro",
        goal="g",
        statement="s",
        params=(Param("p", 1.0),),
        compute=model,
        entries=(Probability(),),
        citation="c",
    )
    with pytest.raises(ParameterError, match="default numbers fail"):
        classroom.register(ex)
    assert "test-broken" not in EXERCISES


def test_cli_lists_the_bank_and_prints_keys(capsys):
    import json

    from deterrence.cli import main

    assert main(["classroom", "list", "--topic", "brinkmanship", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [
        "brinkmanship-window",
        "brinkmanship-closes",
        "critical-risk",
    ]
    assert main(["classroom", "key", "--student", "ada", "--exercise", "grim-trigger"]) == 0
    out = capsys.readouterr().out.splitlines()
    v = variant("grim-trigger", student="ada")
    assert out[0] == "student,exercise,parameters,answer"
    assert out[1].startswith("ada,grim-trigger,") and out[1].endswith(
        classroom.fmt_number(v.answer())
    )
    assert main(["classroom", "key"]) == 2  # no student: a usage error, no traceback
    assert "--student" in capsys.readouterr().err
    assert main(["classroom", "build"]) == 2
    assert "COURSE_DIR" in capsys.readouterr().err
