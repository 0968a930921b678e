"""Self-checks in a real browser: each answers right and wrong, and still teaches with scripts off or on paper.
"""

from __future__ import annotations

import pytest
from book_pages import open_page, pages_containing
from conftest import BookBuild, offline_context
from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.build, pytest.mark.browser]


def test_every_self_check_gives_feedback(built_book: BookBuild, book_url: str, page: Page) -> None:
    failures = []
    checked = 0
    for relative in pages_containing(built_book, 'class="self-check"'):
        open_page(page, f"{book_url}/{relative}")
        checks = page.locator("div.self-check")
        for index in range(checks.count()):
            check = checks.nth(index)
            answer = int(check.get_attribute("data-answer") or "0")
            options = check.locator("input[type=radio]").count()
            wrong = 1 if answer != 1 else 2
            verdict = check.locator(".self-check-verdict")
            explanation = check.locator(".self-check-explanation")
            if explanation.count() and explanation.is_visible():
                failures.append(f"{relative} #{index + 1}: the explanation shows before the reader answers")
            check.locator(f"label[for$='-{wrong}']").click()
            after_wrong = verdict.inner_text()
            check.locator(f"label[for$='-{answer}']").click()
            after_right = verdict.inner_text()
            checked += 1
            if options < 2 or not after_wrong.startswith("Not quite") or after_right != "Correct.":
                failures.append(f"{relative} #{index + 1}: wrong -> {after_wrong!r}, right -> {after_right!r}")
            if explanation.count() and not explanation.is_visible():
                failures.append(f"{relative} #{index + 1}: the explanation stays hidden after answering")
    assert not failures, "\n".join(failures)
    if not checked:
        pytest.fail("no self-check found in the book: CONTRIBUTING.md asks for three per chapter")


def test_self_checks_still_teach_without_javascript(built_book: BookBuild, book_url: str, browser: Browser) -> None:
    """With scripts off (or in print) the explanation shows and the answer is stated."""
    pages = pages_containing(built_book, 'class="self-check-explanation"')
    if not pages:
        pytest.skip("no self-check with an explanation in the book")
    context = offline_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{book_url}/{pages[0]}")
        check = page.locator("div.self-check").filter(has=page.locator(".self-check-explanation")).first
        assert check.locator(".self-check-explanation").is_visible()
        answer = check.get_attribute("data-answer")
        assert check.locator(".self-check-answer").inner_text() == f"Answer: option {answer}."
    finally:
        context.close()


def test_no_explanation_shows_while_the_page_loads_and_print_shows_them(
    built_book: BookBuild, book_url: str, browser: Browser
) -> None:
    """On screen the stylesheet, not self-check.js, hides an unanswered explanation: none shows before
    the script runs (here it never arrives). On paper every explanation shows."""
    context = offline_context(browser)
    context.route("**/self-check.js*", lambda route: route.abort())
    try:
        page = context.new_page()
        for relative in pages_containing(built_book, 'class="self-check-explanation"')[:3]:
            page.goto(f"{book_url}/{relative}", wait_until="load")
            page.emulate_media(media="screen")
            explanations = page.locator(".self-check-explanation")
            shown = [explanations.nth(i).is_visible() for i in range(explanations.count())]
            assert shown and not any(shown), (relative, shown)
            page.emulate_media(media="print")
            assert all(explanations.nth(i).is_visible() for i in range(explanations.count())), relative
    finally:
        context.close()
