"""nbgrader's *Assignments* panel in JupyterLab, driven the way a student uses it.

The panel (``@jupyter/nbgrader``'s assignment list) has three lists, Released, Downloaded and
Submitted, one row per assignment with one button: Fetch, Submit, or Fetch Feedback. Each click
posts to the student's server and redraws the lists from its answer, so every method here
clicks and then waits for the redrawn row: what it returns is what the student sees.
"""

from __future__ import annotations

import contextlib

from playwright.sync_api import Locator, Page, TimeoutError

LISTS = {"released": "#released_assignments_list", "downloaded": "#fetched_assignments_list",
         "submitted": "#submitted_assignments_list"}


class AssignmentsPanel:
    """The panel in one student's JupyterLab page."""

    def __init__(self, page: Page, course: str) -> None:
        self.page = page
        self.course = course

    def open(self) -> AssignmentsPanel:
        """*Nbgrader → Assignment List*, then wait until it has loaded the course's assignments.
        The menu bar's title toggles its menu: it is clicked only if the menu is not open already."""
        item = self.page.locator(".lm-Menu-itemLabel", has_text="Assignment List")
        if not item.is_visible():
            self.page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        item.click()
        self.page.locator("#course_list_default", has_text=self.course).wait_for(timeout=60_000)
        self.page.locator("#released_assignments_list_loading").wait_for(state="hidden", timeout=60_000)
        return self

    def refresh(self) -> None:
        self.show()
        self.page.locator("#refresh_assignments_list").click()
        self.page.locator("#submitted_assignments_list_loading").wait_for(state="hidden", timeout=60_000)

    def row(self, listing: str, assignment: str) -> Locator:
        """The assignment's row in ``listing`` (released, downloaded or submitted)."""
        return self.page.locator(f"{LISTS[listing]} > .list_item").filter(
            has=self.page.locator(".item_name", has_text=assignment))

    def names(self, listing: str) -> list[str]:
        rows = self.page.locator(f"{LISTS[listing]} > .list_item > .col-md-12 > .item_name")
        return [text.strip() for text in rows.all_inner_texts()]

    def show(self) -> None:
        """Bring the panel's tab to the front (opening a notebook puts that notebook's tab there)."""
        self.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tabLabel").get_by_text("Assignments", exact=True).click()
        self.page.locator("#assignments").wait_for()

    def press(self, listing: str, assignment: str, button: str) -> None:
        self.show()
        self.row(listing, assignment).get_by_role("button", name=button, exact=True).click()

    def fetch(self, assignment: str) -> None:
        self.press("released", assignment, "Fetch")
        self.row("downloaded", assignment).wait_for(timeout=60_000)

    def submit(self, assignment: str) -> list[str]:
        """Press Submit; return the submissions listed afterwards (one line each)."""
        before = self.submissions(assignment)
        self.press("downloaded", assignment, "Submit")
        self._nested(assignment).nth(len(before)).wait_for(timeout=60_000)
        return self.submissions(assignment)

    def fetch_feedback(self, assignment: str) -> list[str]:
        self.press("submitted", assignment, "Fetch Feedback")
        self.row("submitted", assignment).locator(".nested_list_item", has_text="(view feedback)").wait_for(
            timeout=60_000)
        return self.submissions(assignment)

    def submissions(self, assignment: str) -> list[str]:
        """Each submission's line in the Submitted list: its timestamp and its feedback's state."""
        return [" ".join(text.split()) for text in self._nested(assignment).all_inner_texts()]

    def open_notebook(self, assignment: str, notebook: str) -> None:
        """Expand the downloaded assignment and click its notebook, as a student opens it."""
        row = self.row("downloaded", assignment)
        row.locator(".assignment-notebooks-link").click()
        row.locator(".nested_list_item a", has_text=notebook).click()

    def close_notebook(self, notebook: str) -> None:
        """Close the notebook's tab unchanged (its answers are then written outside the page, which
        an open, autosaving editor would otherwise offer to overwrite)."""
        tab = self.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=f"{notebook}.ipynb")
        tab.locator(".lm-TabBar-tabCloseIcon").click()
        discard = self.page.locator(".jp-Dialog button", has_text="Discard")
        with contextlib.suppress(TimeoutError):  # asked only if JupyterLab marked it changed (kernel metadata)
            discard.click(timeout=3_000)
        tab.wait_for(state="detached")

    def _nested(self, assignment: str) -> Locator:
        return self.row("submitted", assignment).locator(".nested_list_item .item_name")
