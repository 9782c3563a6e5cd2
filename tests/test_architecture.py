"""The flow of the package's layers: a module imports only from layers above it, however it
imports.

Import-dependency ranks (a module may import modules of its own or a lower rank):

0  errors, _check, _tol, roots     shared vocabulary: errors, validators, tolerances, root finding
1  game, tree                      the data: games in normal and extensive form
2  solve                           solvers on arrays and games
3  models, games                   builders and analytic models (may solve, never plot)
4  scenario                        scenario file -> parameters -> builders
   (scenario.schema, the declaration of every parameter, is pure data at rank 0: the
   builders read their defaults and checks from it)
5  analysis                        findings, thresholds, phase diagrams, sweeps, signposts
6  plot                            charts (draw results, never solve)
7  memo, cli, widgets, classroom   surfaces

Every import counts: ``import``/``from`` statements anywhere in a module (also inside functions)
and ``importlib.import_module(...)`` / ``__import__(...)`` calls, whose string argument is read
from the syntax tree. A dynamic argument is accepted only in the lazy-loading form
``f"{__name__}.{...}"`` (a package importing its own submodules). The one upward edge allowed is
a result's drawing hook: inside a method named ``plot``, an analysis result may import the chart
module that draws it (``Thresholds.plot`` → :mod:`deterrence.plot.thresholds`), as
``DataFrame.plot`` reaches pandas' plotting backend.
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
    "_output": 0,
    "_tol": 0,
    "roots": 0,
    "game": 1,
    "tree": 1,
    "solve": 2,
    "models": 3,
    "games": 3,
    "estimate": 3,
    "io": 3,
    "scenario": 4,
    "scenario.schema": 0,
    "scenarios": 4,
    "data": 4,
    "analysis": 5,
    "plot": 6,
    "memo": 7,
    "cli": 7,
    "widgets": 7,
    "classroom": 7,
    "__main__": 7,
}

#: Longest module (lines) without a reason in its docstring: a module past it says why in a
#: docstring paragraph starting "Why one module:".
MAX_LINES = 800
#: Long modules that their owners are splitting today (remove a name when its split lands).
BEING_SPLIT = {"tree.py", "scenario/loader.py", "classroom/core.py", "games/repeated.py"}

_DYNAMIC = {("importlib", "import_module"), ("", "import_module"), ("", "__import__")}


def top(module: str) -> str:
    parts = module.split(".")
    if parts[:3] == ["deterrence", "scenario", "schema"]:
        return "scenario.schema"  # a layer of its own, below its package
    return parts[1] if len(parts) > 1 and parts[0] == "deterrence" else ""


def _module_name(path: Path) -> tuple[str, str]:
    mod = "deterrence." + ".".join(path.relative_to(PKG).with_suffix("").parts)
    if mod.endswith(".__init__"):
        mod = mod[: -len(".__init__")]
        return mod, mod
    return mod, mod.rsplit(".", 1)[0]


def _call_target(node: ast.Call, mod: str, pkg: str):
    """The module an importlib.import_module / __import__ call imports: a name, "" for the lazy
    form f"{__name__}.x" (the package's own submodule), or None when it cannot be read."""
    f = node.func
    name = (
        (f.value.id if isinstance(f.value, ast.Name) else "", f.attr)
        if isinstance(f, ast.Attribute)
        else ("", f.id)
        if isinstance(f, ast.Name)
        else None
    )
    if name not in _DYNAMIC or not node.args:
        return False  # not a dynamic import
    arg = node.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        text = arg.value
        if text.startswith("."):
            base = pkg.split(".")
            level = len(text) - len(text.lstrip("."))
            base = base[: len(base) - level + 1]
            text = ".".join(base + [text.lstrip(".")])
        return text
    if (
        isinstance(arg, ast.JoinedStr)
        and arg.values
        and isinstance(arg.values[0], ast.FormattedValue)
        and isinstance(arg.values[0].value, ast.Name)
        and arg.values[0].value.id == "__name__"
    ):
        return mod  # its own submodules: the same layer
    return None


def imports_of(path: Path):
    """(module, imported module, line, enclosing function) for every import of a file."""
    mod, pkg = _module_name(path)
    tree = ast.parse(path.read_text())

    def walk(node, func):
        for child in ast.iter_child_nodes(node):
            inner = (
                child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else func
            )
            if isinstance(child, ast.ImportFrom):
                if child.level:
                    base = pkg.split(".")
                    base = base[: len(base) - child.level + 1]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                names = (
                    [target]
                    if child.module or not child.level
                    else [f"{target}.{a.name}" for a in child.names]
                )
                for t in names:
                    yield mod, t, child.lineno, func
            elif isinstance(child, ast.Import):
                for a in child.names:
                    yield mod, a.name, child.lineno, func
            elif isinstance(child, ast.Call):
                target = _call_target(child, mod, pkg)
                if target is None:
                    yield mod, None, child.lineno, func
                elif target:
                    yield mod, target, child.lineno, func
            yield from walk(child, inner)

    yield from walk(tree, None)


def upward_imports(paths):
    bad = []
    for path in paths:
        if path == PKG / "__init__.py":
            continue  # the public face: lazy names of every layer
        for mod, target, line, func in imports_of(path):
            if target is None:
                bad.append(f"{mod}:{line} imports a module named at run time: name it in the code")
                continue
            src, dst = top(mod), top(target)
            path_of = dst.replace(".", "/")
            if (
                not dst
                or not src
                or not ((PKG / path_of).is_dir() or (PKG / f"{path_of}.py").exists())
            ):
                continue  # not a module of the package (e.g. `from . import __version__`)
            if RANKS.get(dst, 99) > RANKS.get(src, -1):
                if func == "plot" and dst == "plot":
                    continue  # a result's drawing hook (see the module docstring)
                bad.append(f"{mod}:{line} imports {target} (layer {dst} is below {src})")
            if src == "plot" and dst == "solve":
                bad.append(f"{mod}:{line} imports {target}: charts draw results, never solve")
    return bad


def test_imports_follow_the_flow():
    bad = upward_imports(sorted(PKG.rglob("*.py")))
    assert not bad, "\n".join(bad)


def test_the_check_sees_every_kind_of_import(tmp_path, monkeypatch):
    # a module of the solver layer importing the analysis layer in four ways, and one lazy
    # loader of its own submodules (allowed)
    fake = tmp_path / "deterrence"
    (fake / "solve").mkdir(parents=True)
    (fake / "analysis").mkdir()
    (fake / "solve" / "sneaky.py").write_text(
        "import importlib\n"
        "from ..analysis import findings\n"
        "def f():\n"
        "    import deterrence.analysis.scan\n"
        "    importlib.import_module('deterrence.analysis.thresholds')\n"
        "    __import__('deterrence.analysis')\n"
        "    importlib.import_module(name)\n"
        "    importlib.import_module(f'{__name__}.inner')\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "PKG", fake)
    bad = upward_imports([fake / "solve" / "sneaky.py"])
    assert [b.split(":")[1].split(" ")[0] for b in bad] == ["2", "4", "5", "6", "7"], bad


def test_every_package_module_has_a_rank():
    missing = {p.relative_to(PKG).parts[0].removesuffix(".py") for p in PKG.rglob("*.py")} - set(
        RANKS
    )
    assert missing <= {"__init__"}, f"give these a layer in RANKS: {sorted(missing - {'__init__'})}"


def test_long_modules_say_why():
    long = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG).as_posix()
        lines = len(path.read_text().splitlines())
        if lines <= MAX_LINES or rel in BEING_SPLIT:
            continue
        doc = ast.get_docstring(ast.parse(path.read_text())) or ""
        if "Why one module:" not in doc:
            long.append(f"{rel}: {lines} lines")
    assert not long, "split these, or say why in the docstring ('Why one module: ...'):\n" + (
        "\n".join(long)
    )


def test_no_function_shares_its_module_name():
    # `dt.sweep` the function would be replaced by `deterrence.sweep` the module when the
    # module is imported: keep function names and submodule names apart
    import deterrence as dt

    clashes = []
    for name in dt.__all__:
        if name.startswith("_") or name == "solve":
            continue  # solve: bound after its subpackage is imported (deterrence/__init__.py)
        value = getattr(dt, name)
        if callable(value) and not isinstance(value, type):
            if (PKG / f"{name}.py").exists() or (PKG / name).is_dir():
                clashes.append(name)
    assert not clashes


@pytest.mark.parametrize("heavy", ["scipy", "matplotlib", "nashpy", "pandas", "ipywidgets"])
def test_import_is_cheap(heavy):
    code = f"import sys, deterrence; print({heavy!r} in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", f"`import deterrence` imported {heavy}"


def test_public_names_resolve_lazily():
    code = (
        "import sys, deterrence as dt; import deterrence.solve.verify; dt.solve; dt.Game; "
        "dt.solve_many; dt.games.chicken; import deterrence.analysis.sweeps; "
        "print(callable(dt.solve), callable(dt.sweep), callable(dt.report), "
        "'scipy' in sys.modules, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "True", "False", "False"]


def test_plot_lists_its_charts():
    import deterrence as dt

    charts = set(dir(dt.plot))
    assert {"window", "thresholds", "phase", "defense", "proxies", "tree"} <= charts
    assert "importlib" not in charts
