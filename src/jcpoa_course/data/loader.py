"""Reading one YAML file of course data into typed models, with errors a person can act on.

A broken file must say which file, which item and which field is wrong; pydantic's
own message says only the field, so :func:`load_items` adds the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Item = TypeVar("Item", bound=BaseModel)

DATA_DIR = Path(str(resources.files(__package__)))


class CourseDataError(ValueError):
    """Course data that cannot be loaded; the message names the file, the item and the field."""


def read_yaml(path: Path) -> object:
    """Parse a YAML file, turning syntax errors into a :class:`CourseDataError` naming the file."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise CourseDataError(f"{path}: file not found") from err
    except yaml.YAMLError as err:
        raise CourseDataError(f"{path}: not valid YAML: {err}") from err


def load_items(path: Path, key: str, model: type[Item], context: dict | None = None) -> tuple[Item, ...]:
    """Load the list under ``key`` in ``path`` as ``model`` items, failing with a precise message.

    ``context`` reaches the models' validators (the sources' deny-list travels this way, so a
    test can load a copy of the data with its own list)."""
    raw = read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get(key), list):
        raise CourseDataError(f"{path}: expected a mapping with a list under '{key}'")
    items = []
    for position, entry in enumerate(raw[key], start=1):
        name = entry.get("id", f"#{position}") if isinstance(entry, dict) else f"#{position}"
        try:
            items.append(model.model_validate(entry, context=context))
        except ValidationError as err:
            raise CourseDataError(_describe(path, key, name, err)) from err
    _check_unique_ids(path, key, items)
    return tuple(items)


def _describe(path: Path, key: str, name: object, err: ValidationError) -> str:
    problems = []
    for error in err.errors():
        field = ".".join(str(part) for part in error["loc"]) or "(item)"
        problems.append(f"field '{field}': {error['msg']}")
    return f"{path.name}: {key} item '{name}': " + "; ".join(problems)


def repeated_ids(ids: Iterable[str]) -> list[str]:
    """The ids that occur more than once, sorted: every list of items the course keys by id checks this."""
    counts = Counter(ids)
    return sorted(item_id for item_id, count in counts.items() if count > 1)


def _check_unique_ids(path: Path, key: str, items: list[BaseModel]) -> None:
    repeated = repeated_ids(item.id for item in items if getattr(item, "id", None) is not None)
    if repeated:
        raise CourseDataError(f"{path.name}: {key} item '{repeated[0]}': field 'id': duplicate id")
