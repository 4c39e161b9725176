"""The package's imports: no loops, and no layer importing one above it.

Every import counts, those inside functions too (they still run, only later); those under
`if TYPE_CHECKING:` do not, since they never run. Read with the standard library's `ast`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import caac_toolkit

PACKAGE = Path(caac_toolkit.__file__).parent

# Lowest first. A module may import its own layer and those below it, never one above.
LAYERS = {
    # The model and what every module reads and writes with.
    "model": ["caac_toolkit", "errors", "document", "textfile", "files", "resources", "yamlfile",
              "history", "bounded", "stamps", "labelformat", "provenance", "strictness"],
    # The toolkit, cases, situations, languages and their typography: data and rules about it.
    "data": ["toolkit", "query", "case", "casefiles", "clock", "languages", "labels",
             "typography", "fonts", "scripts", "precedents", "routing", "era", "situations",
             "stats", "facts", "localize", "activities", "annual",
             "patterns", "namematch"],
    "drafting": ["body", "rendering", "templating", "plan", "wording", "kinds", "drafting",
                 "translation"],
    "writing": ["writers", "redline", "timestamps"],
    "build": ["build", "parallel"],
    "cli": ["cli", "__main__"],
}


def modules(root: Path) -> dict[str, Path]:
    """The package's modules by dotted name ("caac_toolkit.writers.docx"), files by path."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _typing_only(tree: ast.Module) -> set[int]:
    """The nodes under `if TYPE_CHECKING:` (or `typing.TYPE_CHECKING`)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            skipped |= {id(inner) for statement in node.body for inner in ast.walk(statement)}
    return skipped


def imports(root: Path) -> dict[str, set[str]]:
    """What each module of the package at `root` imports of the package, wherever it does."""
    package = root.name
    known = modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _typing_only(tree)
        found: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from the module's own package, up level - 1
                    here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                    here = here[: len(here) - node.level + 1]
                    base = ".".join([*here, *([node.module] if node.module else [])])
                # `from caac_toolkit import case` imports a module; `import __version__` does not.
                found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                          for alias in node.names}
        graph[name] = {f for f in found if f in known and f != name
                       and (f == package or f.startswith(package + "."))}
    return graph


def layer_of(name: str, layers: dict[str, list[str]], package: str) -> int:
    """The place of a module's layer, by its own name or its package's: writers.docx is in the
    layer of writers."""
    short = name.removeprefix(package + ".") if name != package else package
    for place, members in enumerate(layers.values()):
        if any(short == member or short.startswith(member + ".") for member in members):
            return place
    raise AssertionError(f"{name} is in no layer: add it to LAYERS")


def upward(graph: dict[str, set[str]], layers: dict[str, list[str]], package: str) -> list[str]:
    """Each import of a module of a higher layer, as "lower -> higher"."""
    return sorted(f"{name} -> {imported}" for name, found in graph.items() for imported in found
                  if layer_of(imported, layers, package) > layer_of(name, layers, package))


def loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import one another, directly or not (Tarjan's strongly
    connected components, iteratively), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return sorted(found)


def test_the_package_has_no_import_loop() -> None:
    assert loops(imports(PACKAGE)) == []


def test_no_layer_imports_one_above_it() -> None:
    assert upward(imports(PACKAGE), LAYERS, "caac_toolkit") == []


def test_every_module_is_in_a_layer() -> None:
    for name in modules(PACKAGE):
        layer_of(name, LAYERS, "caac_toolkit")


def test_the_writers_and_the_model_import_neither_the_redline_nor_build_nor_cli() -> None:
    graph = imports(PACKAGE)
    for name in ("caac_toolkit.writers.docx", "caac_toolkit.document", "caac_toolkit.typography"):
        assert not {"caac_toolkit.redline", "caac_toolkit.build"} & graph[name], name
        assert not any(found.startswith("caac_toolkit.cli") for found in graph[name]), name


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root / "pkg"


TOY_LAYERS = {"model": ["pkg", "document"], "build": ["build", "tools"], "cli": ["cli"]}


def test_the_check_finds_a_loop_through_an_import_inside_a_function(tmp_path: Path) -> None:
    root = write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/build.py": "from pkg.tools import helper\n",
        "pkg/tools/__init__.py": "",
        "pkg/tools/helper.py": "def f():\n    from pkg import build\n    return build\n",
        "pkg/document.py": "",
    })
    assert loops(imports(root)) == [["pkg.build", "pkg.tools.helper"]]
    assert upward(imports(root), TOY_LAYERS, "pkg") == []


def test_the_check_finds_a_lower_layer_importing_a_higher_one(tmp_path: Path) -> None:
    root = write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/document.py": ("from typing import TYPE_CHECKING\n"
                            "if TYPE_CHECKING:\n    from pkg.cli import main\n"
                            "def render():\n    from . import build\n    return build\n"),
        "pkg/build.py": "from pkg.document import render\n",
        "pkg/cli.py": "import pkg.build\n",
    })
    # The import under TYPE_CHECKING never runs; the one inside a function does.
    assert upward(imports(root), TOY_LAYERS, "pkg") == ["pkg.document -> pkg.build"]
    assert loops(imports(root)) == [["pkg.build", "pkg.document"]]
