"""Students' progress in the static book: answers remembered in this browser, per chapter and for the course.

Answers go to localStorage (no server, no account); a chapter says "2 of 4 answered, 1 right",
the home page sums every chapter and clears it all. With scripts off the pages are as before.
"""

from __future__ import annotations

import re

import pytest
from book_pages import open_page
from conftest import ROOT, BookBuild, NetworkLog
from playwright.sync_api import Browser, Page

from jcpoa_course.quizbank import read_bank

pytestmark = [pytest.mark.build, pytest.mark.browser]

CHAPTER = "book/sanctions-trap.html"
HOME = "book/intro.html"


def answer(page: Page, index: int, right: bool) -> None:
    check = page.locator("div.self-check").nth(index)
    correct = int(check.get_attribute("data-answer") or "0")
    choice = correct if right else (2 if correct == 1 else 1)
    check.locator(f"label[for$='-{choice}']").click()


def chapter_row(page: Page, title: str) -> list[str]:
    row = page.locator("section.course-progress tbody tr").filter(has=page.get_by_role("link", name=title))
    return [row.locator("td").nth(0).inner_text(), row.locator("td").nth(1).inner_text()]


def test_answers_update_the_chapter_and_the_course_and_survive_a_reload(
    built_book: BookBuild, book_url: str, page: Page, network_log: NetworkLog
) -> None:
    bank = read_bank(ROOT)
    chapter = bank.chapter("sanctions-trap")
    total = len(chapter.questions)
    progress = page.locator(".self-check-progress")

    open_page(page, f"{book_url}/{CHAPTER}")
    assert progress.inner_text() == f"Your self-checks on this page: 0 of {total} answered, 0 right."
    answer(page, 0, right=True)
    answer(page, 1, right=False)
    assert progress.inner_text() == f"Your self-checks on this page: 2 of {total} answered, 1 right."

    page.reload(wait_until="load")
    assert progress.inner_text() == f"Your self-checks on this page: 2 of {total} answered, 1 right."
    first = page.locator("div.self-check").nth(0)
    assert first.locator(".self-check-verdict").inner_text() == "Correct."
    assert first.locator(".self-check-explanation").is_visible()
    checked = first.locator("input[type=radio]:checked")
    assert checked.get_attribute("value") == first.get_attribute("data-answer")
    assert page.locator("div.self-check").nth(1).locator(".self-check-verdict").inner_text() == "Not quite."
    assert not page.locator("div.self-check").nth(2).locator(".self-check-explanation").is_visible()

    open_page(page, f"{book_url}/{HOME}")
    course = page.locator("section.course-progress")
    assert course.is_visible()
    course_total = len(bank.questions)
    assert course.locator(".course-progress-total").inner_text() == (
        f"Whole course: 2 of {course_total} answered, 1 right.")
    assert chapter_row(page, chapter.title) == [f"2 of {total}", "1"]
    rows = course.locator("tbody tr")
    assert rows.count() == sum(1 for c in bank.chapters if c.questions)
    link = rows.nth(0).get_by_role("link")
    assert link.get_attribute("href") and not re.match(r"https?:", link.get_attribute("href"))

    # The home page has self-checks too: answering one counts at once in the course total.
    answer(page, 0, right=True)
    assert course.locator(".course-progress-total").inner_text() == (
        f"Whole course: 3 of {course_total} answered, 2 right.")

    page.once("dialog", lambda dialog: dialog.accept())
    course.get_by_role("button", name="Clear my answers").click()
    assert course.locator(".course-progress-total").inner_text() == (
        f"Whole course: 0 of {course_total} answered, 0 right.")
    assert chapter_row(page, chapter.title) == [f"0 of {total}", "0"]
    assert page.locator("div.self-check input[type=radio]:checked").count() == 0

    open_page(page, f"{book_url}/{CHAPTER}")
    assert progress.inner_text() == f"Your self-checks on this page: 0 of {total} answered, 0 right."
    assert page.locator("div.self-check input[type=radio]:checked").count() == 0
    assert network_log.external == [] and network_log.failed == [] and network_log.console_errors == []


def test_dismissing_the_clear_question_keeps_the_answers(book_url: str, page: Page) -> None:
    open_page(page, f"{book_url}/{HOME}")
    answer(page, 0, right=True)
    total = page.locator(".course-progress-total")
    before = total.inner_text()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Clear my answers").click()
    assert total.inner_text() == before and " 1 of " in before


def test_without_scripts_no_progress_shows(built_book: BookBuild, book_url: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{book_url}/{HOME}")
        assert page.locator("section.course-progress").count() == 1
        assert not page.locator("section.course-progress").is_visible()
        assert not page.get_by_role("button", name="Clear my answers").is_visible()
        page.goto(f"{book_url}/{CHAPTER}")
        assert page.locator(".self-check-progress").count() == 0
        assert page.locator(".self-check-explanation").first.is_visible()
    finally:
        context.close()
