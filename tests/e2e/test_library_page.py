"""The library page in real Chromium: the listing of the seeded videos, sorting by a column
header, searching with the form (no JavaScript on the page), hits linking to the moment."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from e2e_support import MAIN_VIDEO, ROOT

ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"


def test_listing_sorting_and_search(page, glance_server):
    page.goto(f"{glance_server.url}/")
    expect(page).to_have_url(f"{glance_server.url}/library")
    expect(page.get_by_role("heading", name="All your videos")).to_be_visible()
    assert page.locator("script").count() == 0  # plain HTML: works without JavaScript
    assert page.evaluate("() => window.__glancePwned") is None  # the hostile video's title stays text
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(page.locator("#result-count")).to_have_text("3 videos")

    page.get_by_role("link", name="Title", exact=True).click()
    titles = page.locator("td.col-title").all_inner_texts()
    assert titles == sorted(titles, key=str.lower)
    page.get_by_role("link", name=re.compile(r"^Title ↑")).click()  # again: the other way round
    assert page.locator("td.col-title").all_inner_texts() == sorted(titles, key=str.lower, reverse=True)
    title_link = page.locator(f'tr[data-video-id="{MAIN_VIDEO}"] td.col-title a')
    assert title_link.get_attribute("href") == f"https://www.youtube.com/watch?v={MAIN_VIDEO}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "library.png"), full_page=True)

    box = page.get_by_role("searchbox", name="Search titles, cards and transcripts")
    box.fill("mulch")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/library\?q=mulch$"))
    hits = page.locator("li.hit")
    expect(hits.first).to_be_visible()
    assert hits.count() >= 2
    kinds = {hit.get_attribute("data-kind") for hit in hits.all()}
    assert "transcript" in kinds and kinds & {"idea", "quote", "about", "chapter", "topic"}
    for hit in hits.all():
        href = hit.locator("a.hit-link").get_attribute("href")
        assert re.fullmatch(r"https://www\.youtube\.com/watch\?v=[\w-]{11}&t=\d+", href), href
        assert "mulch" in hit.locator("mark").first.inner_text().lower()
    page.screenshot(path=str(ARTIFACTS / "library-search.png"), full_page=True)

    box = page.get_by_role("searchbox", name="Search titles, cards and transcripts")
    box.fill("zebra giraffe")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("Nothing matches every one of those words")).to_be_visible()
