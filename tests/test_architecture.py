"""The flow of DESIGN.md §1: a module imports only from layers above it.

Import-dependency ranks (a module may import modules of its own or a lower rank):

0  errors, _check                 shared vocabulary
1  game, tree                     the data: games in normal and extensive form
2  solve                          solvers on arrays and games
3  models, games                  builders and analytic models (may solve, never plot)
4  scenario                       scenario file -> parameters -> builders
   (scenario.schema, the declaration of every parameter, is pure data at rank 0: the
   builders read their defaults and checks from it)
5  thresholds, sweep              analysis
6  plot                           charts (draw results, never solve)
7  report, cli, widgets, classroom  surfaces
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "deterrence"

RANKS = {
    "errors": 0,
    "_check": 0,
    "game": 1,
    "tree": 1,
    "solve": 2,
    "models": 3,
    "games": 3,
    "scenario": 4,
    "scenario.schema": 0,
    "scenarios": 4,
    "thresholds": 5,
    "sweep": 5,
    "analysis": 5,
    "plot": 6,
    "report": 7,
    "cli": 7,
    "widgets": 7,
    "classroom": 7,
    "__main__": 7,
}


def top(module: str) -> str:
    parts = module.split(".")
    if parts[:3] == ["deterrence", "scenario", "schema"]:
        return "scenario.schema"  # a layer of its own, below its package
    return parts[1] if len(parts) > 1 and parts[0] == "deterrence" else ""


def imports_of(path: Path):
    mod = "deterrence." + ".".join(path.relative_to(PKG).with_suffix("").parts)
    if mod.endswith(".__init__"):
        mod = mod[: -len(".__init__")]
        pkg = mod
    else:
        pkg = mod.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = (
                [target]
                if node.module or not node.level
                else [f"{target}.{a.name}" for a in node.names]
            )
            yield from ((mod, t, node.lineno) for t in names)
        elif isinstance(node, ast.Import):
            for a in node.names:
                yield mod, a.name, node.lineno


def test_imports_follow_the_flow():
    bad = []
    for path in sorted(PKG.rglob("*.py")):
        if path == PKG / "__init__.py":
            continue
        for mod, target, line in imports_of(path):
            src, dst = top(mod), top(target)
            path_of = dst.replace(".", "/")
            if (
                not dst
                or not src
                or not ((PKG / path_of).is_dir() or (PKG / f"{path_of}.py").exists())
            ):
                continue  # not a module of the package (e.g. `from . import __version__`)
            if RANKS.get(dst, 99) > RANKS.get(src, -1):
                if src == "analysis" and target == "deterrence.plot.uncertainty":
                    continue  # Propagation.plot / SobolIndices.plot: a result's drawing hook
                bad.append(f"{mod}:{line} imports {target} (layer {dst} is below {src})")
            if src == "plot" and dst == "solve":
                bad.append(f"{mod}:{line} imports {target}: charts draw results, never solve")
    assert not bad, "\n".join(bad)


def test_every_package_module_has_a_rank():
    missing = {p.relative_to(PKG).parts[0].removesuffix(".py") for p in PKG.rglob("*.py")} - set(
        RANKS
    )
    assert missing <= {"__init__"}, f"give these a layer in RANKS: {sorted(missing - {'__init__'})}"


@pytest.mark.parametrize("heavy", ["scipy", "matplotlib", "nashpy", "pandas", "ipywidgets"])
def test_import_is_cheap(heavy):
    code = f"import sys, deterrence; print({heavy!r} in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", f"`import deterrence` imported {heavy}"


def test_public_names_resolve_lazily():
    code = (
        "import sys, deterrence as dt; dt.solve; dt.Game; dt.solve_many; dt.games.chicken; "
        "print(callable(dt.solve), 'scipy' in sys.modules, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "False"]
