"""The import contract, read from the source with ``ast`` (every import, also those inside functions):

- ``planner`` never imports ``evals`` (the harness depends on planner, never the reverse);
- no module imports a module of a higher layer (entry points → pipeline → writers and checks → domain → base);
- no import circles anywhere in ``planner`` or ``evals``;
- outside a subpackage, only its public face is imported (``planner.rules``, never ``planner.rules._engine``):
  the CLI, the app and the harness use the public API that each package's ``__all__`` lists.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGES = ("planner", "evals")

# Lowest first. A module belongs to the first entry that is it or contains it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("planner", "planner.errors", "planner.plugins", "planner.yamlio", "planner.markup")),
    (
        "domain",
        (
            "planner.profile",
            "planner.stages",
            "planner.assets",
            "planner.knowledge",
            "planner.jsonl",
            "planner.embeddings",
            "planner.chroma_embeddings",
            "planner.lc_embeddings",
            "planner.store",
            "planner.drafts",
            "planner.guidance",
        ),
    ),
    ("writers and checks", ("planner.rules", "planner.classify", "planner.compose", "planner.llm")),
    (
        "pipeline",
        (
            "planner.campaign",
            "planner.session",
            "planner.refine",
            "planner.batch",
            "planner.output",
            "planner.export",
            "planner.audit",
            "planner.chat",
            "planner.engines",
        ),
    ),
    ("entry points", ("planner.cli", "planner.app")),
    ("eval harness", ("evals",)),
)


def module_files() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = module_files()


def imports_of(path: Path) -> Iterator[str]:
    """Every module the file's imports name (``from a.b import c`` names a.b.c when c is a module)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                yield child if child in MODULES else node.module


def internal_edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        targets = {t for t in imports_of(path) if t.split(".")[0] in PACKAGES}
        edges[name] = {t for t in targets if t in MODULES and t != name}
    return edges


EDGES = internal_edges()


def layer_of(module: str) -> int:
    best = (-1, -1)  # (length of the matching prefix, layer): the most specific entry wins
    for index, (_, members) in enumerate(LAYERS):
        for member in members:
            if module == member or module.startswith(member + "."):
                best = max(best, (len(member), index))
    if best[1] < 0:
        raise AssertionError(f"{module} is in no layer — add it to LAYERS in {__file__}")
    return best[1]


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_planner_never_imports_evals() -> None:
    offenders = [
        f"{name} imports {target}"
        for name, path in MODULES.items()
        if name.startswith("planner")
        for target in imports_of(path)
        if target == "evals" or target.startswith("evals.")
    ]
    assert not offenders, offenders


def test_imports_point_down_the_layers() -> None:
    upward = [
        f"{a} ({LAYERS[layer_of(a)][0]}) imports {b} ({LAYERS[layer_of(b)][0]})"
        for a, targets in EDGES.items()
        for b in sorted(targets)
        if layer_of(b) > layer_of(a)
    ]
    assert not upward, upward


def test_no_import_circles() -> None:
    cycles = find_cycles(EDGES)
    assert not cycles, [" → ".join([*c, c[0]]) for c in cycles]


def find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each a circle of imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _private_part(module: str) -> str | None:
    """The package whose private module this is (``planner.rules`` for ``planner.rules._engine``)."""
    parts = module.split(".")
    for i, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            return ".".join(parts[:i])
    return None


def test_outside_a_package_only_its_public_face_is_used() -> None:
    leaks = []
    for a, targets in EDGES.items():
        for b in targets:
            owner = _private_part(b)
            if owner is not None and not (a == owner or a.startswith(owner + ".")):
                leaks.append(f"{a} imports {b} — use {owner}")
    assert not leaks, sorted(leaks)


@pytest.mark.parametrize(
    "package",
    [
        "planner.rules",
        "planner.classify",
        "planner.llm",
        "planner.audit",
        "planner.export",
        "planner.engines",
        "planner.chat",
    ],
)
def test_public_faces_list_what_they_export(package: str) -> None:
    import importlib

    module = importlib.import_module(package)
    exported = getattr(module, "__all__", None)
    assert exported, f"{package} has no __all__"
    missing = [name for name in exported if not hasattr(module, name)]
    assert not missing, missing


def test_the_checker_sees_a_planted_violation(tmp_path: Path) -> None:
    """The contract can fail: a circle and an upward import in a made-up graph are found."""
    edges = {"planner.store": {"planner.session"}, "planner.session": {"planner.store"}}
    assert find_cycles(edges) == [["planner.session", "planner.store"]]
    assert layer_of("planner.session") > layer_of("planner.store")
    assert _private_part("planner.rules._engine") == "planner.rules"


def test_every_first_party_import_resolves() -> None:
    """mypy ignores missing imports (for third-party stubs), so a moved module could go unnoticed."""
    import importlib.util

    first_party = ("planner", "evals", "tests", "bench")
    missing = []
    for folder in (*first_party, "app.py"):
        for path in sorted((ROOT / folder).rglob("*.py")) if folder != "app.py" else [ROOT / "app.py"]:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                for name in names:
                    if name.split(".")[0] in first_party and importlib.util.find_spec(name) is None:
                        missing.append(f"{path.relative_to(ROOT)}: {name}")
    assert missing == []
