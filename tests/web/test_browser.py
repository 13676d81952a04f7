"""The web interface in a real browser (Debian's Chromium driven by Playwright).

Screenshots go to tests/artifacts/ (ignored by git) so people can look.
"""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def page():
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        opened = context.new_page()
        yield opened
        browser.close()


def test_search_and_read_an_article(page, server):
    page.goto(server.base + "/")
    page.fill("header input[name=q]", "sanctions")
    page.click("header button[type=submit]")
    page.wait_for_url("**/search?q=sanctions*")
    assert page.locator(".article-row").count() >= 4
    assert page.locator(".snippet mark").first.inner_text().lower().startswith("sanction")
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    page.click("text=Lavrov Says ‘Downward Trend’")
    assert page.locator("h1").inner_text().startswith("Lavrov Says")
    yesterday = page.locator(".body .time", has_text="yesterday")
    assert yesterday.count() == 1 and "2019-09-04" in yesterday.get_attribute("title")
    begging = page.locator(".body .statement.direct", has_text="We are not begging to be friends")
    assert begging.count() == 1 and "Sergey Lavrov" in begging.get_attribute("title")
    page.click("details.removed summary")
    assert page.locator("details.removed li", has_text="Go to home page").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)


def test_hostile_article_text_is_shown_as_text(page, server):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server.base + "/search?q=council+budget")
    page.click(".article-row a.title")
    body = page.locator(".body")
    assert "<img src=x onerror=" in body.inner_text()
    assert 'href="javascript:' in body.inner_text()
    assert page.locator(".body img, .body a, .body script").count() == 0
    assert "<script>" in page.locator("h1").inner_text()
    assert page.title().startswith("<script>document.title='pwned'") and not dialogs  # shown, never run
    page.screenshot(path=str(ARTIFACTS / "hostile.png"), full_page=True)


def test_speaker_page_has_the_timeline_chart(page, server):
    page.goto(server.base + "/articles/" + server.lavrov_article)
    page.click(".statements a.speaker:text('Sergey Lavrov') >> nth=0")
    page.wait_for_url("**/speakers/P*")  # linked by the person's id
    assert page.locator("h1").inner_text() == "Sergey Lavrov"
    chart = page.locator("figure.chart img")
    chart.wait_for()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 200", chart.element_handle())
    assert page.locator(".timeline > li").count() >= 20
    page.screenshot(path=str(ARTIFACTS / "speaker.png"), full_page=True)


def test_story_page_has_the_coverage_chart(page, server):
    page.goto(server.base + "/")
    page.locator(".story-row a.title").first.click()
    page.wait_for_url("**/stories/*")
    chart = page.locator("figure.chart img")
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 200", chart.element_handle())
    assert page.locator(".articles .article-row").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "story.png"), full_page=True)
