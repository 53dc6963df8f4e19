"""The imports, read from the source: what the package imports is what pyproject.toml declares, the project's
modules import each other without a circle, and no module imports another's private (_underscored) name."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("index", "app")
# declared, never imported by name, and why
NOT_IMPORTED = {"unidic-lite": "fugashi's dictionary, which fugashi.Tagger() loads itself"}
# imported by the optional Milvus store only (index/milvus.py), declared in the `milvus` extra
OPTIONAL = {"pymilvus": "milvus"}


def _modules(*tops: str) -> dict[str, Path]:
    """Module name → file, for every .py file under the given top-level folders."""
    out = {}
    for top in tops:
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _type_only(tree: ast.AST) -> set[int]:
    """The import nodes under `if TYPE_CHECKING:`: read by the type checker, never run."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            out.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return out


def _imports(name: str, path: Path, runtime_only: bool = False) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for each import in the file, at any depth (lazy ones too); with
    `runtime_only`, without those only the type checker reads."""
    is_package = path.name == "__init__.py"
    out = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_only(tree) if runtime_only else set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out.extend((a.name, []) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the module's package, one level up per extra dot
                base = name.split(".")[: len(name.split(".")) - node.level + is_package]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            out.append((module, [a.name for a in node.names]))
    return out


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> tuple[set[str], dict[str, set[str]]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = lambda reqs: {_normal(re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0]) for r in reqs}  # noqa: E731
    return names(project["dependencies"]), {k: names(v) for k, v in project["optional-dependencies"].items()}


def test_what_the_package_imports_is_declared_and_what_is_declared_is_imported():
    distributions = packages_distributions()
    imported: dict[str, set[str]] = {}  # distribution → files importing it
    for name, path in _modules(*PACKAGES).items():
        for module, _ in _imports(name, path):
            top = module.split(".")[0]
            if top in sys.stdlib_module_names or top in PACKAGES or top == "__future__":
                continue
            for dist in distributions.get(top, [top]):
                imported.setdefault(_normal(dist), set()).add(str(path.relative_to(ROOT)))
    required, extras = _declared()
    for dist, extra in OPTIONAL.items():
        assert dist in extras[extra], f"{dist} should be in the {extra!r} extra"
    undeclared = {d: sorted(f) for d, f in imported.items() if d not in required and d not in OPTIONAL}
    assert not undeclared, f"imported but not in [project] dependencies: {undeclared}"
    unused = required - set(imported) - set(NOT_IMPORTED)
    assert not unused, f"declared but never imported by index/ or app/: {sorted(unused)}"


def _project_imports(runtime_only: bool = False) -> dict[str, list[tuple[str, list[str]]]]:
    modules = _modules(*PACKAGES, "eval")
    return {name: _imports(name, path, runtime_only) for name, path in modules.items()}


def test_the_project_modules_import_each_other_without_a_circle():
    graph = {}
    # a circle is one that runs: `if TYPE_CHECKING:` imports (a result type named in an annotation) never do
    for name, imports in _project_imports(runtime_only=True).items():
        graph[name] = set()
        for module, names in imports:
            # `from index.report import similar` names a module; `from index.report import FORMATS` a value
            targets = [f"{module}.{n}" for n in names] + [module]
            graph[name].update(t for t in targets if t.split(".")[0] in PACKAGES)
    known = set(graph)
    edges = {a: {b for b in bs if b in known and b != a} for a, bs in graph.items()}
    # a package's __init__ importing its own modules is how a package is made, not a circle
    edges = {a: {b for b in bs if not b.startswith(a + ".")} for a, bs in edges.items()}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import circle: " + " -> ".join(path[path.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)


def test_no_module_imports_a_private_name_of_another():
    found = [f"{name} imports {module}.{n}" for name, imports in _project_imports().items()
             for module, names in imports for n in names
             if n.startswith("_") and not n.startswith("__") and module.split(".")[0] in PACKAGES and module != name]
    assert not found, found


def test_the_walk_sees_relative_and_lazy_imports():
    # the checks above are only as good as this reader: it must resolve `..corpus` and imports inside functions
    imports = _project_imports()
    assert any(module == "index.corpus" and "PolicyCard" in names for module, names in imports["index.retrieve.results"])
    assert any(module == "index.bench" for module, _ in imports["app.cli"])  # imported inside cmd_eval
