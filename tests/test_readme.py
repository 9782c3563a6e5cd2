"""The README shows the real, current API: its Python snippets run and its TOML example loads."""

import re
from pathlib import Path

import pytest

import deterrence as dt

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def blocks(lang):
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def test_python_snippets_run():
    code = "\n".join(blocks("python"))
    assert "dt.solve" in code
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    # the thresholds the README quotes: 18/13 and 1.6 (derived in tests/test_thresholds.py)
    assert namespace["th"].values == pytest.approx([18 / 13, 1.6], abs=1e-9)
    assert namespace["m"].optimum() == pytest.approx(5.157, abs=1e-3)


def test_toml_example_loads(tmp_path):
    (toml,) = blocks("toml")
    path = tmp_path / "tower-mini.toml"
    path.write_text(toml)
    s = dt.load_scenario(path)
    assert s.players == ("United States", "Iran") and s.patron is None
    assert s.proxy_sponsor_name == "Iran"
    # no patron: W = W_D = 11
    assert s.war_cost == pytest.approx(11.0)
    assert s.parameters["salvo_size"] == 125
