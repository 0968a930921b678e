"""What a hidden check's expressions can use: the clean course package, in the grader's process.

Answer keys are computed here, never in the student's kernel, so nothing a student rebinds or
patches there (``wall.entities = []``, ``jcpoa_course.logic.wall.remaining_layers = ...``,
``sorted = ...``) can change them. The namespace is built fresh for each notebook from
:func:`~jcpoa_course.load_catalog` and the logic modules.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from ....data import load_catalog
from ....logic import sequencing, wall


def key_namespace() -> dict[str, Any]:
    """Names a check may use: the catalog, its parts, and the course's logic functions."""
    catalog = load_catalog()
    return {
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
