"""The import graph of ``trainer/``, built from the sources: no cycles, and no arrow up.

Every import counts, including those inside functions (which is how a cycle hides);
only imports under ``if TYPE_CHECKING:`` are left out, since they never run. The
same rule checked at run time (importing the domain loads no UI) is in
``test_layering.py``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import trainer

ROOT = Path(trainer.__file__).parent
DOMAIN = ("trainer.scenario", "trainer.scoring", "trainer.speech", "trainer.sessions",
          "trainer.call", "trainer.checklist", "trainer.textmatch", "trainer.paths",
          "trainer.errors", "trainer.config")
UI = ("trainer.tui", "trainer.cli")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _target(name: str) -> str | None:
    """The trainer module ``name`` refers to (a name inside a module counts as the module)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> set[str]:
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                found.add(f"{base}.{alias.name}")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    targets = {_target(name) for name in found if name.split(".")[0] == "trainer"}
    direct = {t for t in targets if t is not None and t != module}
    # Importing a submodule runs its packages' __init__ first: from outside a package,
    # that is an arrow to the package too (how a cycle through an __init__ hides).
    packages = {parent for t in direct for parent in _parents(t)
                if parent in MODULES and not (module + ".").startswith(parent + ".")}
    return direct | packages


def _parents(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(2, len(parts))]


GRAPH = {module: imports_of(module) for module in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def connect(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group: list[str] = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_the_graph_is_built_from_every_module() -> None:
    assert len(MODULES) > 50
    assert "trainer.scenario.branching" in GRAPH["trainer.scenario.model"]
    assert "trainer.scenario.model" not in GRAPH["trainer.scenario.branching"]


def test_cycles_are_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_trainer_has_no_import_cycle() -> None:
    found = cycles(GRAPH)
    assert found == [], "import cycles: " + "; ".join(" <-> ".join(g) for g in found)


def _in(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_no_domain_module_imports_the_cli_or_the_tui() -> None:
    offenders = sorted(f"{m} -> {t}" for m, targets in GRAPH.items() if _in(m, DOMAIN)
                       for t in targets if _in(t, UI))
    assert offenders == []
