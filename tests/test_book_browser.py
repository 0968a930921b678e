"""The built book in a real browser: offline, charts drawn, self-checks answering, accessible.

Every page is opened in Debian's chromium with all non-local requests blocked (and counted), so
a CDN dependency anywhere fails here rather than for a reader without a network.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, BookBuild, NetworkLog
from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.build, pytest.mark.browser]

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}
CHART_DRAWN = "div.jcpoa-chart svg, div.jcpoa-chart canvas"


def page_urls(built_book: BookBuild, book_url: str) -> list[tuple[str, str]]:
    """(relative path, URL) of every built page."""
    result = []
    for path in built_book.pages():
        relative = path.relative_to(built_book.html).as_posix()
        result.append((relative, f"{book_url}/{relative}"))
    return result


def pages_containing(built_book: BookBuild, marker: str) -> list[str]:
    return [
        path.relative_to(built_book.html).as_posix()
        for path in built_book.pages()
        if marker in path.read_text(encoding="utf-8")
    ]


def open_page(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


def test_every_page_loads_with_no_external_or_failed_request(
    built_book: BookBuild, book_url: str, page: Page, network_log: NetworkLog
) -> None:
    problems = {}
    for relative, url in page_urls(built_book, book_url):
        network_log.clear()
        open_page(page, url)
        if network_log.external or network_log.failed or network_log.console_errors:
            problems[relative] = {
                "external": list(network_log.external),
                "failed": list(network_log.failed),
                "console errors": list(network_log.console_errors),
            }
    assert not problems, json.dumps(problems, indent=2)


def test_every_chart_is_drawn(built_book: BookBuild, book_url: str, page: Page, network_log: NetworkLog) -> None:
    chart_pages = pages_containing(built_book, 'class="jcpoa-chart"')
    undrawn = {}
    for relative in chart_pages:
        open_page(page, f"{book_url}/{relative}")
        markers = page.locator("div.jcpoa-chart")
        expected = markers.count()
        try:
            page.wait_for_function(
                "([selector, n]) => document.querySelectorAll(selector).length >= n",
                arg=[CHART_DRAWN, expected], timeout=10_000,
            )
        except Exception:  # noqa: BLE001 (report every page, not just the first)
            undrawn[relative] = [markers.nth(i).inner_text() for i in range(expected)]
    assert not undrawn, f"charts not drawn (marker text shown instead): {undrawn}"
    assert network_log.external == []


ICON_GLYPHS = """() => Array.from(document.querySelectorAll('i.fa-solid, i.fa-brands, i.fa-regular'))
    .filter(icon => icon.offsetParent !== null)
    .map(icon => {
        const before = getComputedStyle(icon, '::before');
        return {icon: icon.className, font: before.fontFamily, glyph: before.content,
                width: icon.getBoundingClientRect().width};
    })"""


def test_theme_icons_are_drawn_from_the_web_font(built_book: BookBuild, book_url: str, page: Page) -> None:
    """The theme's fontawesome.js is left out (1.5 MB): its icons must still be drawn, from the
    Font Awesome web font in the theme's CSS."""
    assert "fontawesome.js" not in (built_book.html / "book" / "epilogue.html").read_text(encoding="utf-8")
    open_page(page, f"{book_url}/book/epilogue.html")
    page.evaluate("document.fonts.ready")
    icons = page.evaluate(ICON_GLYPHS)
    assert len(icons) >= 5, icons  # search, colour mode, previous/next, contents
    undrawn = [i for i in icons if "Font Awesome" not in i["font"] or i["glyph"] in ("none", "") or i["width"] < 1]
    assert not undrawn, undrawn
    assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 6 Free\"')")


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
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{book_url}/{pages[0]}")
        check = page.locator("div.self-check").filter(has=page.locator(".self-check-explanation")).first
        assert check.locator(".self-check-explanation").is_visible()
        answer = check.get_attribute("data-answer")
        assert check.locator(".self-check-answer").inner_text() == f"Answer: option {answer}."
    finally:
        context.close()


def axe_violations(page: Page, rules: list[str] | None = None) -> list[dict]:
    """Serious and critical axe-core violations on the open page (all rules, or only ``rules``)."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    results = page.evaluate("async (options) => await axe.run(document, options)", options)
    return [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']} at {targets}")
    return lines


def test_no_serious_accessibility_violations(built_book: BookBuild, book_url: str, page: Page) -> None:
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` (or `make vendor`)")
    report = {}
    for relative, url in page_urls(built_book, book_url):
        open_page(page, url)
        page.wait_for_timeout(200)  # let vega finish drawing before axe reads the SVG
        found = axe_violations(page)
        if found:
            report[relative] = describe(found)
    assert not report, json.dumps(report, indent=2)


def test_text_contrast_holds_in_dark_mode(built_book: BookBuild, book_url: str, browser: Browser) -> None:
    """The theme follows the reader's dark mode; the book's own colours must stay readable there."""
    context = browser.new_context(color_scheme="dark")
    context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    report = {}
    try:
        page = context.new_page()
        for relative, url in page_urls(built_book, book_url):
            open_page(page, url)
            assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
            found = axe_violations(page, rules=["color-contrast"])
            if found:
                report[relative] = describe(found)
    finally:
        context.close()
    assert not report, json.dumps(report, indent=2)


def test_network_guard_counts_blocked_requests(book_url: str, page: Page, network_log: NetworkLog) -> None:
    """The guard itself must see an external request, or every 'zero external requests' above is hollow."""
    open_page(page, f"{book_url}/index.html")
    page.evaluate("() => fetch('https://cdn.jsdelivr.net/npm/vega@6').catch(() => null)")
    page.wait_for_timeout(300)
    assert network_log.external == ["https://cdn.jsdelivr.net/npm/vega@6"]

