"""Real-browser helpers for the ``@pytest.mark.browser`` tests (imported as ``browser``).

The tests drive the Debian ``chromium`` package through Playwright's Python API; they never run
``playwright install`` (no browser download). When ``chromium`` is not on ``PATH`` the tests
*fail* with a message saying how to install it: CI installs it, so a skip would hide a broken
setup.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)


def chromium_executable() -> str:
    """Path of the system Chromium, or fail the calling test saying how to get it."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("chromium is not on PATH: the browser tests need the Debian package "
                    "'chromium' (apt-get install -y chromium); .ci/run installs it. "
                    "Do not use 'playwright install'.", pytrace=False)
    return path


@contextmanager
def launch_chromium() -> Iterator[Any]:
    """A headless Chromium ``Browser`` (Playwright sync API), closed on exit."""
    executable = chromium_executable()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable,
                                             args=list(CHROMIUM_ARGS), headless=True)
        try:
            yield browser
        finally:
            browser.close()


class OfflinePage:
    """A page that lets ``file://`` requests through and aborts (and records) all others."""

    def __init__(self, browser: Any, viewport: dict[str, int] | None = None) -> None:
        self.page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, path: Path, ready: str = "window.aikgReady === true",
             timeout_ms: int = 60_000) -> Any:
        """Load ``path`` and wait until the JavaScript expression ``ready`` is true."""
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function(ready, timeout=timeout_ms)
        return self.page

    def close(self) -> None:
        self.page.close()
