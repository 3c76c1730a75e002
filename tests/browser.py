"""Opening the HTML reports in headless Chromium (Debian's /usr/bin/chromium through Playwright),
recording every console error, page error, dialog and network request a page makes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium (CI installs it)",
)


@contextmanager
def chromium() -> Iterator:
    """A headless Chromium with a fresh temporary profile; --no-sandbox as in containers and CI."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


class Page:
    """A page and everything it complained about or asked the network for."""

    def __init__(self, browser, path: Path, width: int = 1200, anchor: str = "") -> None:
        self.problems: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("dialog", self._dialog)
        self.page.on(
            "request",
            lambda r: (
                None if r.url.startswith("file:") else self.problems.append(f"request: {r.url}")
            ),
        )
        self.page.goto(path.as_uri() + anchor)

    def _console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _dialog(self, dialog) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def column(self, index: int) -> list[str]:
        return self.page.eval_on_selector_all(
            "#student-table tbody tr", f"rows => rows.map(r => r.cells[{index}].textContent)"
        )
