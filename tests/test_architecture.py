"""The package's layers import only earlier layers: data < logic < views, quizbank < book, instructor.

Parses every module of ``src/jcpoa_course`` with ``ast`` (nothing is imported or executed), so
a backwards import fails here with the file, the line and the two layers named.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = "jcpoa_course"
SOURCE = ROOT / "src" / PACKAGE
# Layer rank; a module may import its own layer and lower-ranked ones. book and instructor share
# a rank but are separate, so neither may import the other. kernel_replies (how the course's tools
# wait for kernels) sits under everything.
# variants (per-student questions) sits beside views: the student's kernel and the grader both use it.
LAYERS = {"kernel_replies": 0, "data": 0, "logic": 1, "views": 2, "quizbank": 2, "variants": 2, "book": 3,
          "instructor": 3}


def module_name(path: Path, source: Path) -> str:
    parts = list(path.relative_to(source.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, source: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) for each import of the package inside ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    own = module_name(path, source)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            targets = [base] if node.module else [f"{base}.{alias.name}" for alias in node.names]
            found += [(node.lineno, target) for target in targets]
    return [(line, name) for line, name in found if name == source.name or name.startswith(source.name + ".")]


def layer_of(module: str) -> str | None:
    """The layer a module belongs to; None for the package root."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def violations(source: Path = SOURCE) -> list[str]:
    """Every import that points from a layer to a later (or a sibling) layer."""
    problems = []
    for path in sorted(source.rglob("*.py")):
        own_layer = layer_of(module_name(path, source))
        if own_layer is None:
            continue
        for line, target in imported_modules(path, source):
            target_layer = layer_of(target)
            if target_layer is None:
                problems.append(f"{path.relative_to(source.parent)}:{line}: {own_layer} imports the package "
                                f"root '{target}'; import from the layer that defines the name")
            elif target_layer != own_layer and LAYERS[target_layer] >= LAYERS[own_layer]:
                problems.append(f"{path.relative_to(source.parent)}:{line}: {own_layer} imports "
                                f"{target_layer} ('{target}')")
    return problems


def test_layers_import_only_earlier_layers() -> None:
    assert SOURCE.is_dir()
    problems = violations()
    assert not problems, "\n".join(problems)


def test_root_package_only_reexports_data() -> None:
    root_imports = imported_modules(SOURCE / "__init__.py", SOURCE)
    assert all(layer_of(name) == "data" for _, name in root_imports), root_imports


def test_the_checker_finds_backward_and_sibling_imports(tmp_path: Path) -> None:
    package = tmp_path / PACKAGE
    for layer in LAYERS:
        (package / layer).mkdir(parents=True)
        (package / layer / "__init__.py").write_text("", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "data" / "model.py").write_text("from ..views import chart\n", encoding="utf-8")
    (package / "logic" / "wall.py").write_text("from jcpoa_course.data import model\n", encoding="utf-8")
    (package / "book" / "ext.py").write_text("import jcpoa_course.instructor.cli\n", encoding="utf-8")
    (package / "views" / "chart.py").write_text("from jcpoa_course import load_catalog\n", encoding="utf-8")
    problems = violations(package)
    assert len(problems) == 3, problems
    assert any("data imports views" in p for p in problems)
    assert any("book imports instructor" in p for p in problems)
    assert any("package root" in p for p in problems)
