"""A course on NIAC's 2020 report "Returning to and Building On the Iran Nuclear Deal".

The package holds the course's data (every fact with its source), the logic over it, the
charts and widgets drawn from it, the Sphinx extension the book uses, and the instructor
tools. Notebooks import it and stay thin.
"""

from .data import load_catalog

__all__ = ["load_catalog"]
__version__ = "0.1.0"
