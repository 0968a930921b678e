"""Copy the pinned front-end builds from ``node_modules`` into the book: ``python -m jcpoa_course.book.vendor``.

The built site must load nothing from outside its own folder, so vega, vega-lite and vega-embed
(versions pinned by package-lock.json, matching Altair) are served from ``book/assets/vendor/``.
The copies are git-ignored: ``make vendor`` (``npm ci`` then this module) recreates them.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from .vendored import VENDOR_DIR, VENDORED_SCRIPTS


class VendorError(RuntimeError):
    """A front-end file that cannot be vendored; the message says what to run."""


def vendor(root: Path) -> list[Path]:
    """Copy every script in :data:`VENDORED_SCRIPTS` (and its licence) into ``root/book/assets/vendor``."""
    modules = root / "node_modules"
    target = root / VENDOR_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for package, inner, name in VENDORED_SCRIPTS:
        built = modules / package / inner
        if not built.is_file():
            raise VendorError(f"{built} is missing: run `npm ci` in {root} first (or `make vendor`)")
        shutil.copyfile(built, target / name)
        written.append(target / name)
        licence = modules / package / "LICENSE"
        if licence.is_file():
            shutil.copyfile(licence, target / f"{package}.LICENSE.txt")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project root (default: here)")
    args = parser.parse_args(argv)
    try:
        written = vendor(args.root)
    except VendorError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"vendored {path.relative_to(args.root)} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
