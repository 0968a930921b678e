"""What a hidden check's expressions can use: the clean course package, in the grader's process.

Answer keys are computed here, never in the student's kernel, so nothing a student rebinds or
patches there (``wall.entities = []``, ``jcpoa_course.logic.wall.remaining_layers = ...``,
``sorted = ...``) can change them. The namespace is built fresh for each notebook from
:func:`~jcpoa_course.load_catalog` and the logic modules, and holds ``variant``: the variant of
the student nbgrader grades (:func:`graded_variant`), drawn from that id and the course's key,
never from anything the notebook says.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ....data import load_catalog
from ....logic import sequencing, wall
from ....variants import COURSE_KEY_FILE, Variant, draw_variant


def course_key(course_root: Path) -> bytes | None:
    """The course's variant key (None: practice variants, for a course that never released one)."""
    path = Path(course_root) / COURSE_KEY_FILE
    return bytes.fromhex(path.read_text(encoding="utf-8").strip()) if path.is_file() else None


def graded_variant(course_root: Path, assignment: str, student: str) -> Variant:
    """The variant ``student`` is graded on: from the id and the course's key alone."""
    return draw_variant(assignment, student, course_key(course_root))


def key_namespace(variant: Variant | None = None) -> dict[str, Any]:
    """Names a check may use: the catalog, its parts, the course's logic functions, the variant."""
    catalog = load_catalog()
    return {
        "variant": variant,
        "catalog": catalog,
        "wall": catalog.sanctions,
        "tracks": {track.id: track for track in catalog.tracks},
        "find_entity": wall.find_entity,
        "remaining_layers": wall.remaining_layers,
        "lifted_layers": wall.lifted_layers,
        "blocks_compliance": wall.blocks_compliance,
        "routes": sequencing.routes,
        "SimpleNamespace": SimpleNamespace,
    }
