"""A course on NIAC's 2020 report "Returning to and Building On the Iran Nuclear Deal".

The package holds the course's data (every fact with its source), the logic over it, the
charts and widgets drawn from it, the Sphinx extension the book uses, and the instructor
tools. Notebooks import it and stay thin.
"""

from importlib import import_module
from typing import Any

from .data import load_catalog

__all__ = ["SanctionsExplorer", "SequencingPath", "load_catalog"]
__version__ = "0.1.0"

# The widgets pull in ipywidgets and altair; importing them lazily keeps `import jcpoa_course` light.
_LAZY = {
    "SanctionsExplorer": "jcpoa_course.views.explorer_widget",
    "SequencingPath": "jcpoa_course.views.path_widget",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'jcpoa_course' has no attribute '{name}'")
