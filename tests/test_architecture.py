"""The one rule of ARCHITECTURE.md, checked by reading the imports.

Dependencies point one way along the pipeline: text -> gazetteer -> places -> claims ->
ledger -> render -> briefs -> cli.  A module may import its own stage and the stages
before it, never one after it; the build-time package is imported by nothing that runs
at run time; there are no import cycles; the CLI uses only the public API and formats.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "frontmap"

# Stage of each top-level name under frontmap/; modules of one stage share a number.
STAGES = {
    "errors": 0, "model": 0, "distance": 0, "resources": 0, "files": 0, "budget": 0,
    "text": 1, "gazetteer": 2, "places": 3, "claims": 4, "pipeline": 4.5, "workers": 4.5,
    "ledger": 5, "render": 6, "briefs": 7, "formats": 8, "evaluation": 8, "exports": 8, "batch": 8,
    "cli": 9, "__main__": 9,
}
BUILDERS = "builders"


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path, *, top_level_only: bool = False) -> list[tuple[str, int]]:
    """(frontmap module imported, line) for each import in the file; TYPE_CHECKING blocks skipped."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, int]] = []
    known = modules()

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            inner = nested or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import) and not (top_level_only and nested):
                found.extend((a.name, child.lineno) for a in child.names if a.name.split(".")[0] == "frontmap")
            elif isinstance(child, ast.ImportFrom) and child.module and not (top_level_only and nested):
                if child.module.split(".")[0] == "frontmap":
                    for a in child.names:   # "from frontmap.x import y" may import the module frontmap.x.y
                        sub = f"{child.module}.{a.name}"
                        found.append((sub if sub in known else child.module, child.lineno))
            visit(child, inner)

    visit(tree, False)
    return found


def stage(module: str) -> float | str | None:
    parts = module.split(".")
    if len(parts) == 1:
        return None            # the package itself: the public face
    head = parts[1]
    return BUILDERS if head == BUILDERS else STAGES[head]


def test_every_module_has_a_stage():
    unknown = [m for m in modules() if m != "frontmap" and m.split(".")[1] not in STAGES
               and m.split(".")[1] != BUILDERS]
    assert unknown == [], "add these to STAGES here and to ARCHITECTURE.md"


def test_no_import_runs_back_up_the_pipeline():
    wrong = []
    for name, path in modules().items():
        if name == "frontmap":
            continue
        mine = stage(name)
        for target, line in imports(path):
            theirs = stage(target)
            if mine == BUILDERS or theirs is None and name.split(".")[1] in ("cli", "__main__"):
                continue
            if theirs is None:
                wrong.append(f"{name}:{line} imports the package frontmap (only the CLI may)")
            elif theirs == BUILDERS:
                wrong.append(f"{name}:{line} imports build-time {target}")
            elif theirs > mine:
                wrong.append(f"{name}:{line} imports {target}, a later stage")
    assert wrong == []


def test_the_cli_uses_only_the_public_api_and_formats():
    used = {target for target, _ in imports(PACKAGE / "cli.py")}
    assert used <= {"frontmap", "frontmap.formats"}


def test_no_import_cycles():
    graph = {name: {t for t, _ in imports(path, top_level_only=True) if t != name}
             for name, path in modules().items()}
    for name in graph:   # a module's import also runs its packages' __init__
        graph[name] |= {p for p in (".".join(name.split(".")[:k]) for k in range(2, name.count(".") + 1))
                        if p in graph and p != name}
    cycles, state = [], {}

    def walk(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                walk(nxt, trail + [nxt])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    assert cycles == []


@pytest.mark.parametrize("name", ["text", "gazetteer", "places", "claims", "ledger", "render", "briefs",
                                  "builders"])
def test_each_stage_is_a_package_named_in_the_architecture(name):
    assert (PACKAGE / name / "__init__.py").is_file()
    doc = (PACKAGE.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert f"{name}/" in doc
