"""Copy the pinned front-end builds from ``node_modules`` into the book: ``python -m jcpoa_course.book.vendor``.

The built site must load nothing from outside its own folder, so vega, vega-lite and vega-embed
(versions pinned by package-lock.json, matching Altair) are served from ``book/assets/vendor/``.
The copies are git-ignored: ``make vendor`` (``npm ci`` then this module) recreates them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from ...views.vendored import VENDOR_DIR, VENDORED_SCRIPTS


class VendorError(RuntimeError):
    """A front-end file that cannot be vendored; the message says what to run."""


def altair_expects() -> dict[str, str]:
    """The versions the installed Altair writes its specs for (``6.4.1`` exact, or a major like ``6``)."""
    import altair as alt

    return {"vega": alt.VEGA_VERSION, "vega-lite": alt.VEGALITE_VERSION, "vega-embed": alt.VEGAEMBED_VERSION}


def check_version(package: str, installed: str, expected: str) -> None:
    """Refuse a vega build that does not match Altair: its charts could fail to draw, or draw wrong."""
    if installed != expected and not installed.startswith(expected + "."):
        raise VendorError(
            f"node_modules has {package} {installed} but Altair expects {expected}: "
            f"pin {package} to a matching version in package.json and run `npm install`"
        )


def vendor(root: Path, expected: dict[str, str] | None = None) -> list[Path]:
    """Copy every script in :data:`VENDORED_SCRIPTS` (and its licence) into ``root/book/assets/vendor``."""
    modules = root / "node_modules"
    target = root / VENDOR_DIR
    expected = altair_expects() if expected is None else expected
    written = []
    for package, inner, name in VENDORED_SCRIPTS:
        built = modules / package / inner
        if not built.is_file():
            raise VendorError(f"{built} is missing: run `npm ci` in {root} first (or `make vendor`)")
        manifest = json.loads((modules / package / "package.json").read_text(encoding="utf-8"))
        check_version(package, manifest["version"], expected[package])
        target.mkdir(parents=True, exist_ok=True)
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
