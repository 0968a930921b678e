"""The built book in a real browser: offline, charts drawn, self-checks answering, accessible.

Every page is opened in Debian's chromium with all non-local requests blocked (and counted), so
a CDN dependency anywhere fails here rather than for a reader without a network.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, BookBuild, NetworkLog, offline_context
from page_probes import UNCOVERED_MARK
from playwright.sync_api import Browser, Page

from jcpoa_course.book.delivery.chart_specs import spec_file

pytestmark = [pytest.mark.build, pytest.mark.browser]

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}


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


LIVE_CHARTS = "() => [...document.querySelectorAll('div.jcpoa-chart')].every(c => c.dataset.live === 'yes')"
# Each chart's box, and where the block after its figure starts: the swap to the live chart must move neither.
CHART_BOXES = """() => [...document.querySelectorAll('div.jcpoa-chart')].map(chart => {
    const svg = chart.querySelector('svg').getBoundingClientRect();
    const block = chart.closest('figure, .jcpoa-wall-explorer') || chart;
    const next = block.nextElementSibling;
    return {width: svg.width, height: svg.height, next: next ? next.getBoundingClientRect().top + scrollY : null};
})"""




def save_data(page: Page) -> None:
    """Ask the page's browser to save data, so chart-loader.js waits for the reader and not for idle time."""
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})


def test_every_chart_arrives_drawn_and_goes_live_without_moving(
    built_book: BookBuild, book_url: str, browser: Browser
) -> None:
    """Drawn at build time (an SVG in the HTML), then swapped for vega's live chart when the browser
    is idle: every chart goes live, and the swap changes neither its size nor what follows it."""
    chart_pages = pages_containing(built_book, 'class="jcpoa-chart"')
    assert len(chart_pages) >= 4, chart_pages
    problems = {}
    for width in (1280, 390):  # a laptop and a phone
        context = browser.new_context(viewport={"width": width, "height": 800})
        try:
            page = context.new_page()
            for relative in chart_pages:
                page.goto(f"{book_url}/{relative}", wait_until="domcontentloaded")
                drawn = page.evaluate(CHART_BOXES)
                page.wait_for_function(LIVE_CHARTS, timeout=15_000)
                live = page.evaluate(CHART_BOXES)
                if page.locator("div.jcpoa-chart > .vega-embed > svg").count() != len(drawn):
                    problems[f"{width}px {relative}"] = "not every chart holds vega-embed's live SVG"
                moved = [(a, b) for a, b in zip(drawn, live, strict=True)
                         if any(abs((a[k] or 0) - (b[k] or 0)) > 1 for k in ("width", "height", "next"))]
                if moved:
                    problems[f"{width}px {relative}"] = moved
        finally:
            context.close()
    assert not problems, json.dumps(problems, indent=2)


def test_charts_show_as_described_images_without_javascript(built_book: BookBuild, book_url: str,
                                                           browser: Browser) -> None:
    context = offline_context(browser, java_script_enabled=False)
    missing = {}
    try:
        page = context.new_page()
        for relative in pages_containing(built_book, 'class="jcpoa-chart"'):
            page.goto(f"{book_url}/{relative}")
            for chart in page.locator("div.jcpoa-chart").all():
                spec = json.loads(spec_file(built_book.html, chart.get_attribute("id")).read_text(encoding="utf-8"))
                svg = chart.locator("svg").first
                box = svg.bounding_box()
                if not (box and box["width"] > 100 and box["height"] > 100) or not svg.is_visible():
                    missing[relative] = f"chart not shown: {box}"
                elif svg.get_attribute("aria-label") != spec["description"]:
                    missing[relative] = f"SVG named {svg.get_attribute('aria-label')!r}, not by its description"
    finally:
        context.close()
    assert not missing, missing


def test_first_hover_wakes_a_chart_and_shows_its_tooltip(book_url: str, page: Page,
                                                        network_log: NetworkLog) -> None:
    """With the reader saving data, vega loads only when they reach for a chart, and the hover that
    woke it still gets its tooltip (chart-loader.js replays it on the live chart)."""
    save_data(page)
    page.goto(f"{book_url}/book/epilogue.html", wait_until="load")
    page.wait_for_timeout(1500)  # idle time passes: nothing may load without the reader
    assert not page.evaluate("() => Boolean(window.vegaEmbed)")
    assert page.locator("div.jcpoa-chart[data-live]").count() == 0
    point = page.evaluate(UNCOVERED_MARK)
    assert point, "no chart mark to hover"
    page.mouse.move(*point)
    page.wait_for_selector("#vg-tooltip-element.visible", timeout=10_000)
    assert "Date" in page.locator("#vg-tooltip-element").inner_text()
    page.wait_for_function("() => !document.querySelector('div.jcpoa-chart[aria-busy]')")  # live: not busy
    assert network_log.external == [] and network_log.failed == []


def test_while_vega_is_on_its_way_charts_say_so_and_other_scripts_run(book_url: str, page: Page) -> None:
    """The layout adds the theme's scripts after the first paint with async = false, which the browser
    runs in one queue: while vega is still on its way (held here), such a script must still run, and
    the charts are marked busy; if vega never arrives, they stay as drawn and busy no more."""
    held = []
    page.route("**/vendor/vega.min.js*", lambda route: held.append(route))  # not answered while the test looks
    save_data(page)
    page.goto(f"{book_url}/book/epilogue.html", wait_until="load")
    page.locator("div.jcpoa-chart").first.dispatch_event("focusin")  # a reader reaches for the chart
    for _ in range(50):  # the route handler runs while Playwright waits
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the chart did not ask for vega"
    ran = page.evaluate("""() => new Promise(resolve => {
        const script = document.createElement('script');
        script.src = new URL('../_static/language_data.js', document.baseURI).href + '?in-order';
        script.async = false;
        script.onload = () => resolve(true);
        script.onerror = () => resolve('error');
        document.head.appendChild(script);
        setTimeout(() => resolve(false), 5000);
    })""")
    assert ran is True, "a script added in order waited behind vega" if ran is False else "language_data.js failed"
    assert page.locator("div.jcpoa-chart[aria-busy=true]").count() == page.locator("div.jcpoa-chart").count()
    held[0].abort()
    page.wait_for_function("() => !document.querySelector('div.jcpoa-chart[aria-busy]')")
    assert page.locator("div.jcpoa-chart svg.marks").count() >= 1  # the drawing stays
    assert page.locator("div.jcpoa-chart[data-live]").count() == 0


ICON_GLYPHS = """() => Array.from(document.querySelectorAll('i.fa-solid, i.fa-brands, i.fa-regular'))
    .filter(icon => icon.offsetParent !== null)
    .map(icon => {
        const before = getComputedStyle(icon, '::before');
        return {icon: icon.className, font: before.fontFamily, glyph: before.content,
                width: icon.getBoundingClientRect().width};
    })"""


# Every icon a page draws from Font Awesome, on an element or a ::before/::after, and the glyph it asks for.
DRAWN_ICONS = """() => {
    const found = [];
    for (const element of document.querySelectorAll('body *')) {
        if (!element.getClientRects().length) continue;
        for (const pseudo of ['::before', '::after']) {
            const style = getComputedStyle(element, pseudo);
            if (!style.fontFamily.includes('Font Awesome') || !style.content.startsWith('"')) continue;
            if (style.display === 'none' || style.visibility === 'hidden') continue;
            const glyph = style.content.slice(1, -1);
            if (!glyph) continue;
            found.push({where: element.className.toString() || element.tagName, family: style.fontFamily,
                        weight: style.fontWeight, point: glyph.codePointAt(0)});
        }
    }
    return found;
}"""


def icon_font_file(family: str, weight: str) -> str:
    """The web font a Font Awesome family and weight is drawn from (the theme's @font-face rules)."""
    if "Brands" in family:
        return "fa-brands-400.woff2"
    return "fa-solid-900.woff2" if int(weight) >= 900 else "fa-regular-400.woff2"


def test_every_visible_icon_has_its_glyph_in_the_subset_fonts(
    built_book: BookBuild, book_url: str, page: Page
) -> None:
    """The icon fonts are cut to the icons the book uses (icon_fonts.py): every icon drawn on every
    page must still find its glyph in the font it is drawn with, and the fonts must be small."""
    from fontTools.ttLib import TTFont

    assert "fontawesome.js" not in (built_book.html / "book" / "epilogue.html").read_text(encoding="utf-8")
    webfonts = built_book.html / "_static" / "vendor" / "fontawesome" / "webfonts"
    glyphs = {font.name: set(TTFont(font).getBestCmap()) for font in webfonts.glob("*.woff2")}
    assert all(font.stat().st_size < 20_000 for font in webfonts.glob("*.woff2")), "icon fonts not subset"
    missing, seen = {}, 0
    for relative, url in page_urls(built_book, book_url):
        open_page(page, url)
        page.evaluate("document.fonts.ready")
        for icon in page.evaluate(DRAWN_ICONS):
            seen += 1
            font = icon_font_file(icon["family"], icon["weight"])
            if icon["point"] not in glyphs[font]:
                missing.setdefault(relative, []).append(f"{icon['where']}: U+{icon['point']:04X} not in {font}")
    assert seen >= len(page_urls(built_book, book_url)), seen  # the walk found icons at all
    assert not missing, json.dumps(missing, indent=2)
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
        page.wait_for_function(LIVE_CHARTS, timeout=15_000)  # axe reads the live charts, as a reader meets them
        page.wait_for_timeout(200)
        found = axe_violations(page)
        if found:
            report[relative] = describe(found)
    assert not report, json.dumps(report, indent=2)


def test_charts_drawn_at_build_time_are_accessible_before_vega_loads(
    built_book: BookBuild, book_url: str, page: Page
) -> None:
    """A reader saving data keeps the build-time drawings until they reach for a chart: axe reads those,
    on a laptop and on a phone (where the charts scroll sideways)."""
    save_data(page)
    report = {}
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        for relative in pages_containing(built_book, 'class="jcpoa-chart"'):
            open_page(page, f"{book_url}/{relative}")
            assert page.locator("div.jcpoa-chart[data-live]").count() == 0
            found = axe_violations(page)
            if found:
                report[f"{width}px {relative}"] = describe(found)
    assert not report, json.dumps(report, indent=2)


CHART_FIT = """() => [...document.querySelectorAll('div.jcpoa-chart')].map(chart => {
    const svg = chart.querySelector('svg.marks');
    return {id: chart.id, drawn: Number(svg.getAttribute('width')), shown: svg.getBoundingClientRect().width,
            column: chart.clientWidth, scrolls: chart.scrollWidth > chart.clientWidth, tabindex: chart.tabIndex};
})"""


def test_on_a_phone_charts_keep_their_size_and_scroll_sideways(
    built_book: BookBuild, book_url: str, browser: Browser
) -> None:
    """Scaled to a phone's column a chart's labels would shrink to about 5 px: there it keeps the size
    it was drawn at and scrolls within its own box, and the keyboard can reach it; on a laptop it is
    scaled to the column as before."""
    problems = {}
    for width in (390, 1280):
        context = offline_context(browser, viewport={"width": width, "height": 800})
        try:
            page = context.new_page()
            for relative in pages_containing(built_book, 'class="jcpoa-chart"'):
                page.goto(f"{book_url}/{relative}", wait_until="load")
                for chart in page.evaluate(CHART_FIT):
                    if width == 390:
                        wrong = abs(chart["shown"] - chart["drawn"]) > 1 or not chart["scrolls"]
                    else:
                        wrong = chart["shown"] > chart["column"] + 1 or chart["scrolls"]
                    if wrong or chart["tabindex"] != 0:
                        problems[f"{width}px {relative} {chart['id']}"] = chart
        finally:
            context.close()
    assert not problems, json.dumps(problems, indent=2)


def test_no_page_scrolls_sideways_on_a_phone(built_book: BookBuild, book_url: str, browser: Browser) -> None:
    """On a small phone (320 px) every page fits the screen's width: wide things (charts, tables, code
    blocks) scroll in their own boxes, and long words and paths in the text wrap."""
    context = offline_context(browser, viewport={"width": 320, "height": 640})
    too_wide = {}
    try:
        page = context.new_page()
        for relative, url in page_urls(built_book, book_url):
            if 'http-equiv="Refresh"' in (built_book.html / relative).read_text(encoding="utf-8"):
                continue  # the root index.html only forwards to the first chapter
            page.goto(url, wait_until="load")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > 320:
                too_wide[relative] = width
    finally:
        context.close()
    assert not too_wide, too_wide


# Scroll the explorer's chart to its far end; then where its inputs are, against the chart's visible box.
INPUTS_IN_VIEW = """() => {
    const chart = document.querySelector('div.jcpoa-chart');
    chart.scrollLeft = chart.scrollWidth;
    const box = chart.getBoundingClientRect();
    const outside = [...chart.querySelectorAll('.vega-bindings select, .vega-bindings input')]
        .map(input => input.getBoundingClientRect())
        .filter(r => r.left < box.left - 1 || r.right > box.right + 1);
    return {scrolled: chart.scrollLeft, inputs: chart.querySelectorAll('.vega-bindings select').length,
            outside: outside.length};
}"""


def test_on_a_phone_the_explorer_inputs_stay_in_view_while_its_chart_scrolls(book_url: str, page: Page) -> None:
    """The wall's menu and boxes are how a reader uses it: drawn and live, they stay within the
    chart's box while the drawing scrolls sideways beside them."""
    page.set_viewport_size({"width": 390, "height": 800})
    save_data(page)
    page.goto(f"{book_url}/book/explore-sanctions-wall.html", wait_until="load")
    drawn = page.evaluate(INPUTS_IN_VIEW)
    page.locator("div.jcpoa-chart select").first.focus()  # wakes the chart: vega draws it live
    page.locator("div.jcpoa-chart").first.evaluate("chart => chart.scrollLeft = 0")
    page.locator("body").click(position={"x": 5, "y": 5})  # leave the menu, so the live chart swaps in
    page.wait_for_function(LIVE_CHARTS, timeout=15_000)
    live = page.evaluate(INPUTS_IN_VIEW)
    for state in (drawn, live):
        assert state["scrolled"] > 0 and state["inputs"] == 1, state
        assert state["outside"] == 0, state


def test_text_contrast_holds_in_dark_mode(built_book: BookBuild, book_url: str, browser: Browser) -> None:
    """The theme follows the reader's dark mode; the book's own colours must stay readable there."""
    context = offline_context(browser, color_scheme="dark")
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



def test_network_guard_counts_missing_files_but_not_loads_cut_short_by_leaving(
    book_url: str, page: Page, network_log: NetworkLog
) -> None:
    """A 404 is a broken book; a script still arriving when the reader moves on is not."""
    open_page(page, f"{book_url}/index.html")
    page.evaluate("() => fetch('/_static/no-such-file.js').catch(() => null)")
    page.wait_for_timeout(300)
    assert network_log.failed == [f"{book_url}/_static/no-such-file.js: HTTP 404"]

    network_log.clear()
    held = []
    page.route("**/_static/held-script.js", lambda route: held.append(route))  # never answered
    page.evaluate("() => { const s = document.createElement('script'); s.src = '/_static/held-script.js';"
                  " document.head.append(s); }")
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    with page.expect_event("requestfailed") as cut_short:
        open_page(page, f"{book_url}/book/intro.html")
    assert cut_short.value.failure == "net::ERR_ABORTED"
    assert network_log.failed == []
