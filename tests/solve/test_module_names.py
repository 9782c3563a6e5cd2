"""No module of the package shadows a Python builtin (``solve/enumerate.py`` once hid ``enumerate``
from code in ``solve/__init__.py``)."""

import builtins
import pkgutil

import deterrence


def test_no_module_shadows_a_builtin():
    names = {
        m.name.rsplit(".", 1)[-1] for m in pkgutil.walk_packages(deterrence.__path__, "deterrence.")
    }
    assert names, "found no modules: the walk is broken"
    assert "vertices" in names
    clash = sorted(names & set(dir(builtins)))
    assert clash == [], f"modules named like builtins: {clash}"
