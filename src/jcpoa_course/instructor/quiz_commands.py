"""`jcpoa-course quiz export`: the book's self-checks as quizzes for Canvas, Moodle, GIFT or paper.

The questions come straight from the chapters (:func:`jcpoa_course.quizbank.read_bank`), so an
exported quiz always matches the book. Like the other commands, it prints one line per file it
writes and a summary; a bad question, an unknown chapter or format is one clear line and exit 2.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path

from jcpoa_course.data import load_catalog
from jcpoa_course.quizbank import QuizBankError, QuizVersion, make_versions, read_bank
from jcpoa_course.quizbank.formats import FORMATS, QuizContext, quiz_title, writer_for
from jcpoa_course.quizbank.parse import find_book_root

DEFAULT_TITLE = "JCPOA course quiz"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``quiz export`` to the CLI."""
    quiz = subparsers.add_parser("quiz", help="export the book's self-checks as quizzes (Canvas, Moodle, paper)")
    actions = quiz.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", help="write the self-checks as a quiz file",
        description="Write the book's self-checks as a quiz: --format canvas (QTI 1.2 .zip), moodle (XML), "
                    "gift, or html (printable quiz plus a separate answer key).")
    export.add_argument("out", type=Path, nargs="?", default=Path("quiz"),
                        help="file to write (default: quiz.zip, quiz.xml ... here); with --versions N, "
                             "OUT-A, OUT-B ... (one quiz per version)")
    export.add_argument("--format", default="canvas", help=f"one of {', '.join(FORMATS)} (default: canvas)")
    export.add_argument("--chapter", action="append", dest="chapters", metavar="ID",
                        help="only this chapter (its file name, e.g. sanctions-trap); repeat for more")
    export.add_argument("--questions", type=int, metavar="N", help="draw N questions (default: all)")
    export.add_argument("--shuffle-questions", action="store_true", help="shuffle the order of the questions")
    options = export.add_mutually_exclusive_group()
    options.add_argument("--shuffle-options", dest="shuffle_options", action="store_true", default=True,
                         help="shuffle each question's options, spreading the right answers over the letters "
                              "(the default)")
    options.add_argument("--keep-option-order", dest="shuffle_options", action="store_false",
                         help="keep the options in the book's order (the same letters in every version)")
    export.add_argument("--versions", type=int, default=1, metavar="N",
                        help="write N versions, A, B, C ..., each a quiz of its own with its own key: questions "
                             "shuffled, and each right answer under a different letter from version to version")
    export.add_argument("--seed", type=int, help="seed for drawing and shuffling: the same seed, the same quizzes")
    export.add_argument("--title", default=DEFAULT_TITLE, help=f"quiz title (default: {DEFAULT_TITLE!r})")
    export.add_argument("--book", type=Path, help="the course repository (default: found from the current folder)")
    export.set_defaults(handler=_export)


def output_path(out: Path, suffix: str, version: QuizVersion) -> Path:
    """Where a version goes: OUT itself for a single quiz, OUT-A, OUT-B ... for lettered versions."""
    out = out if out.suffix else out.with_suffix(suffix)
    return out.with_name(f"{out.stem}-{version.label}{out.suffix}") if version.label else out


def _export(args: argparse.Namespace) -> int:
    try:
        return _write_quizzes(args)
    except QuizBankError as err:
        print(f"jcpoa-course quiz export: {err}", file=sys.stderr)
        return 2


def _write_quizzes(args: argparse.Namespace) -> int:
    suffix, write = writer_for(args.format)
    bank = read_bank(find_book_root(args.book))
    questions = bank.select(args.chapters)
    randomised = (args.shuffle_questions or args.shuffle_options or args.versions > 1
                  or args.questions is not None)
    seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
    versions = make_versions(questions, count=args.questions, versions=args.versions, seed=seed,
                             shuffle_questions=args.shuffle_questions, shuffle_options=args.shuffle_options)
    context = QuizContext(title=args.title, catalog=load_catalog())
    written: list[Path] = []
    for version in versions:
        path = output_path(args.out, suffix, version)
        path.parent.mkdir(parents=True, exist_ok=True)
        files = write(version, path, context)
        written += files
        print(f"{quiz_title(version, context)}: {len(version.items)} questions -> {', '.join(map(str, files))}")
    chapters = len({question.chapter for question in questions})
    how = f", seed {seed} (pass --seed {seed} to draw the same again)" if randomised else ""
    print(f"wrote {len(written)} file(s), format {args.format}: {len(versions)} version(s) of "
          f"{len(versions[0].items)} questions from {chapters} chapter(s){how}")
    return 0
