"""Reading self-checks from the chapters' Markdown, without building the book.

A self-check is a MyST directive, fenced with backticks or colons::

    ```{self-check} Which order did the report ask a new president to revoke?
    :answer: 2
    :goal: 1
    :explanation: The authors list E.O. 13846 among the orders to revoke {p}`16`.

    1. E.O. 13224
    2. E.O. 13846
    ```

:func:`build_question` is the single validator: the book's directive calls it with what MyST
parsed, :func:`read_chapter` with what it read here, so a question the export accepts is one the
book accepts, and a bad one fails both with the same message (chapter file and line).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml

from .markup import citations
from .model import BankChapter, Question, QuestionError, QuizBank, QuizBankError

OPTION_NAMES = ("answer", "explanation", "goal")
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|:{3,})\{self-check\}(?P<question>.*)$")
_OPTION_LINE = re.compile(r"^:(?P<name>[\w-]+):(?:\s+(?P<value>.*))?$")
_ITEM = re.compile(r"^(?P<number>\d+)[.)]\s+(?P<text>.*)$")
_HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*$")


def build_question(text: str, options: Mapping[str, str], body: Sequence[str], *,
                   chapter: str, source: str, line: int) -> Question:
    """Validate one self-check and return it as a :class:`Question`; raise :class:`QuestionError` if bad."""
    text = text.strip()

    def fail(problem: str) -> QuestionError:
        return QuestionError(source, line, text or "(no question)", problem)

    if not text:
        raise fail("the question is missing (write it after {self-check})")
    unknown = sorted(set(options) - set(OPTION_NAMES))
    if unknown:
        raise fail(f"unknown option ':{unknown[0]}:' (known: {', '.join(OPTION_NAMES)})")
    choices = _options(body, fail)
    answer = _number(options.get("answer"), "answer", len(choices), fail, required=True)
    goal = _number(options.get("goal"), "goal", None, fail, required=False)
    explanation = (options.get("explanation") or "").strip()
    if not explanation:
        raise fail("the ':explanation:' is missing or empty (say why the answer is right, with its source)")
    try:
        pages, documents = citations(" ".join((text, *choices, explanation)))
    except ValueError as err:
        raise fail(str(err)) from err
    return Question(chapter=chapter, source=source, line=line, text=text, options=tuple(choices),
                    answer=answer, explanation=explanation, goal=goal, pages=pages, documents=documents)


def _options(body: Sequence[str], fail) -> list[str]:
    """The numbered list of options; continuation lines (indented) join their option."""
    choices: list[str] = []
    for raw in body:
        if not raw.strip():
            continue
        item = _ITEM.match(raw.strip())
        if item and not raw[:1].isspace():
            if int(item["number"]) != len(choices) + 1:
                raise fail(f"option '{raw.strip()}' is numbered {item['number']}; number the options 1, 2, 3 ...")
            choices.append(item["text"].strip())
        elif choices and raw[:1].isspace():
            choices[-1] = f"{choices[-1]} {raw.strip()}"
        else:
            raise fail(f"the body must be exactly one numbered list of options (1. ... 2. ...), found '{raw.strip()}'")
    if not choices:
        raise fail("it has no options (the body must be a numbered list: 1. ... 2. ...)")
    if len(choices) < 2:
        raise fail(f"it needs at least two options, found {len(choices)}")
    seen: dict[str, int] = {}
    for number, choice in enumerate(choices, start=1):
        normal = " ".join(choice.casefold().split())
        if normal in seen:
            raise fail(f"options {seen[normal]} and {number} are the same ('{choice}')")
        seen[normal] = number
    return choices


def _number(raw: str | None, name: str, top: int | None, fail, required: bool) -> int | None:
    if raw is None or not str(raw).strip():
        if required:
            raise fail(f"the ':{name}:' option is missing (the number of the right option)")
        return None
    value = str(raw).strip()
    if not value.isdigit():
        raise fail(f"':{name}: {value}' must be a number")
    number = int(value)
    if top is not None and not 1 <= number <= top:
        raise fail(f"':{name}: {number}' is out of range: there are {top} options")
    if number < 1:
        raise fail(f"':{name}: {number}' must be 1 or more")
    return number


def read_chapter(path: Path, root: Path) -> BankChapter:
    """A chapter's title, learning goals and self-checks, read from its Markdown source."""
    lines = path.read_text(encoding="utf-8").splitlines()
    source = path.relative_to(root).as_posix()
    chapter = path.stem
    goals = _learning_goals(lines)
    questions = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        end = _closing(lines, index, opening["fence"])
        if end is None:
            raise QuestionError(source, index + 1, opening["question"].strip(), "its fence is never closed")
        options, body = _split_options(lines[index + 1:end], source, index + 1, opening["question"])
        question = build_question(opening["question"], options, body, chapter=chapter, source=source,
                                  line=index + 1)
        if question.goal is not None and question.goal > len(goals):
            raise QuestionError(source, index + 1, question.text,
                                f"':goal: {question.goal}' is out of range: the chapter has {len(goals)} "
                                "learning goals")
        twin = next((earlier for earlier in questions if earlier.key == question.key), None)
        if twin is not None:
            raise QuestionError(source, index + 1, question.text,
                                f"the same question as line {twin.line}: the browser and the quizzes tell "
                                "questions apart by their text")
        questions.append(question)
        index = end + 1
    return BankChapter(id=chapter, source=source, title=_title(lines, chapter), goals=goals,
                       questions=tuple(questions))


def _closing(lines: list[str], start: int, fence: str) -> int | None:
    for index in range(start + 1, len(lines)):
        stripped = lines[index].strip()
        if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
            return index
    return None


def _split_options(block: list[str], source: str, line: int, question: str) -> tuple[dict[str, str], list[str]]:
    """The directive's options (``:name: value`` lines or a ``---`` YAML block) and the body after them."""
    if block and block[0].strip() == "---":
        try:
            end = block.index("---", 1)
        except ValueError:
            raise QuestionError(source, line, question.strip(), "its '---' options block is never closed") from None
        loaded = yaml.safe_load("\n".join(block[1:end])) or {}
        return {str(key): str(value) for key, value in loaded.items()}, block[end + 1:]
    options: dict[str, str] = {}
    index = 0
    while index < len(block) and (match := _OPTION_LINE.match(block[index].strip())):
        options[match["name"]] = match["value"] or ""
        index += 1
    return options, block[index:]


def _title(lines: list[str], fallback: str) -> str:
    for line in lines:
        heading = _HEADING.match(line)
        if heading and heading["level"] == "#":
            return heading["text"]
    return fallback


def _learning_goals(lines: list[str]) -> tuple[str, ...]:
    """The bullets under ``## Learning goals``; a bullet may wrap onto indented lines."""
    goals: list[str] = []
    inside = False
    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            if inside:
                break
            inside = heading["level"] == "##" and heading["text"].lower() == "learning goals"
            continue
        if not inside or not line.strip():
            continue
        if line.lstrip().startswith(("- ", "* ")) and not line[:1].isspace():
            goals.append(line.strip()[2:].strip())
        elif goals:
            goals[-1] = f"{goals[-1]} {line.strip()}"
    return tuple(goals)


def find_book_root(start: Path | None = None) -> Path:
    """The folder with the book's ``_toc.yml``: ``start`` or a parent of it, else this checkout's root."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_toc.yml").is_file():
            return folder
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "_toc.yml").is_file():
        return checkout
    raise QuizBankError(f"no _toc.yml in {here} or its parents: run this from the course repository "
                        "(or pass --book PATH)")


def chapter_files(root: Path) -> list[Path]:
    """The book's Markdown files in table-of-contents order."""
    toc_path = root / "_toc.yml"
    if not toc_path.is_file():
        raise QuizBankError(f"{toc_path} not found: it lists the chapters")
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8")) or {}
    names = [toc["root"]] if toc.get("root") else []
    for part in toc.get("parts", []):
        names += [chapter["file"] for chapter in part.get("chapters", [])]
    names += [chapter["file"] for chapter in toc.get("chapters", [])]
    files = []
    for name in names:
        path = root / name if name.endswith(".md") else root / f"{name}.md"
        if path.is_file():
            files.append(path)
    return files


def read_bank(root: Path | None = None) -> QuizBank:
    """Every chapter's self-checks, in book order; raises :class:`QuestionError` on the first bad one."""
    root = find_book_root() if root is None else root
    chapters = [read_chapter(path, root) for path in chapter_files(root)]
    return QuizBank(tuple(chapter for chapter in chapters if chapter.goals or chapter.questions))
