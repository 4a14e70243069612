"""What a reader sees, in real headless Chromium: the page of a real `crible serve`, and the
report file opened from file://. Every page fails its test on a dialog or a script error (see
the `page` fixture)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect
from servers import Server

from crible.model import Result
from crible.render.html import render_report

# Astral characters (two UTF-16 units each in the browser) before and between the findings.
EMOJI = (
    "🇫🇷 Le Monde rapporte qu'Emmanuel Macron 🎉 a rencontré Olaf Scholz à Berlin mardi. "
    "𝒳 Le Premier ministre aurait démissionné, selon l'AFP 👀."
)


def submit(page: Page, server: Server, text: str, published: str | None = None) -> None:
    page.goto(server.url + "/")
    page.fill("#ask-text", text)
    if published:
        page.fill("#ask-published", published)
    page.click("#ask-submit")
    page.wait_for_selector("#result")


def embedded(page: Page) -> list[dict[str, Any]]:
    """The documents of the result, from the page's own data blocks."""
    blocks = page.locator("script.crible-data").all_text_contents()
    return [json.loads(block) for block in blocks]


def squash(text: str) -> str:
    return " ".join(text.split())


def exactly(text: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(text) + "$")


def hover_start(page: Page, mark: Locator) -> None:
    """Point at the first characters of a highlight (a long one's box is mostly other text)."""
    mark.scroll_into_view_if_needed()
    point = mark.evaluate(
        "e => { const r = e.getClientRects()[0]; return [r.left + 3, r.top + r.height / 2]; }"
    )
    page.mouse.move(*point)


def tip(page: Page) -> Locator:
    return page.locator("#crible-tip")


def test_the_sample_in_the_page(
    page: Page, server: Server, sample_text: str, screenshots: Path
) -> None:
    submit(page, server, sample_text, "2023-10-12")
    [document] = embedded(page)
    first, _, third = document["articles"]

    # three articles, with their boundaries and the two truncated ones marked
    expect(page.locator("#result .article")).to_have_count(3)
    page.screenshot(path=str(screenshots / "result-page.png"), full_page=True)
    expect(page.locator("#result .article.truncated .trunc-chip")).to_have_count(2)
    expect(page.locator("#result .article .cut")).to_have_count(2)
    assert (
        page.locator("#d1a3 .art-num")
        .inner_text()
        .endswith(f"CHARACTERS {third['start']}–{third['end']} · NO TITLE")
    )

    # the merged Zelensky entity: the surname alone points to the same card as the full name
    [zelensky] = [e for e in first["entities"] if e["name"] == "Volodymyr Zelensky"]
    assert {"Volodymyr Zelensky", "Zelensky"} <= set(zelensky["variants"])
    full = page.locator("#d1a1 .text .m-entity").filter(has_text=exactly("Volodymyr Zelensky"))
    short = page.locator("#d1a1 .text .m-entity").filter(has_text=exactly("Zelensky"))
    assert short.get_attribute("data-k") == full.first.get_attribute("data-k")
    short.hover()
    expect(tip(page)).to_be_visible()
    [surname] = [m for m in zelensky["mentions"] if m["text"] == "Zelensky"]
    shown = squash(tip(page).inner_text())
    assert " · ".join(zelensky["variants"]) in shown and squash(surname["why"]) in shown
    expect(full.first).to_have_class(re.compile(r"\bon\b"))  # its other mentions light up
    row = page.locator("#d1 .summary .entities tr", has_text="Volodymyr Zelensky")
    expect(row).to_contain_text("Zelensky / ")  # spellings merged across articles too

    # the hedged claims attributed to Axios, with their badge, linked to their source
    hedged = [c for c in first["claims"] if c["certainty"] == "hedged"]
    assert hedged and all(c["source"]["text"] == "Axios" for c in hedged)
    expect(page.locator("#d1a1 .text .badge.b-hedged")).to_have_count(len(hedged))
    hover_start(page, page.locator("#d1a1 .text .m-claim.s-hedged").first)
    shown = squash(tip(page).inner_text())
    assert "HEDGED" in shown.upper() and "Axios" in shown and squash(hedged[0]["why"]) in shown
    expect(page.locator("#d1a1 .text .m-source.on")).to_have_text("Axios")
    axios = page.locator("#d1 .summary .sources tbody tr").filter(has_text=re.compile("^Axios"))
    expect(axios).to_contain_text("×3")

    # the four slanted expressions of the third article, highlighted, each with its reason
    assert len(third["slant"]) == 4
    slanted = page.locator("#d1a3 .text .m-slant:not(.cont)")
    assert slanted.all_text_contents() == [s["text"] for s in third["slant"]]
    for n, finding in enumerate(third["slant"]):
        mark = slanted.nth(n)
        assert mark.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
        mark.hover()
        expect(tip(page)).to_be_visible()
        shown = squash(tip(page).inner_text())
        assert squash(finding["why"]) in shown and finding["neutral"] in shown
        if n == 3:
            page.screenshot(path=str(screenshots / "result-tooltip.png"))

    # an entity inside a slanted phrase inside a claim: all three layers there, innermost first
    page.locator("#d1a3 .text .m-slant .m-entity").first.hover()
    expect(tip(page).locator(".card")).to_have_count(3)
    assert tip(page).locator(".card-kind .sample").all_text_contents() == [
        "Entity",
        "Slant",
        "Claim",
    ]

    # switch the slant layer off and on again
    toggle = page.get_by_role("checkbox", name="Slanted wording")
    toggle.uncheck()
    for mark in slanted.all():
        assert mark.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
        assert mark.get_attribute("tabindex") == "-1"
    slanted.nth(3).hover()
    assert squash(third["slant"][3]["why"]) not in squash(tip(page).inner_text())
    toggle.check()
    assert slanted.nth(3).evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    # and one entity type
    people = page.get_by_role("checkbox", name="People")
    people.uncheck()
    color = full.first.evaluate("e => getComputedStyle(e).borderTopColor")
    assert color == "rgba(0, 0, 0, 0)"


def test_keyboard_reaches_every_highlight(page: Page, server: Server) -> None:
    submit(page, server, EMOJI, "2024-03-05")
    page.get_by_role("checkbox", name="Times").focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.text .m')"):
            break
    else:
        raise AssertionError("Tab never reached a highlight")
    expect(tip(page)).to_be_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "crible-tip"
    page.keyboard.press("Escape")
    expect(tip(page)).to_be_hidden()
    focusable = page.locator(".text .m:not(.cont)")
    assert focusable.count() > 3
    assert set(focusable.evaluate_all("es => es.map(e => e.tabIndex)")) == {0}


def test_emoji_do_not_shift_highlights(page: Page, server: Server) -> None:
    submit(page, server, EMOJI, "2024-03-05")
    [document] = embedded(page)
    assert document["text"] == EMOJI
    [article] = document["articles"]
    mentions = sorted((m["start"], m["text"]) for e in article["entities"] for m in e["mentions"])
    assert len(mentions) >= 4
    shown = page.locator(".text .m-entity:not(.cont)").all_text_contents()
    assert shown == [text for _, text in mentions]
    times = page.locator(".text .m-time:not(.cont)").all_text_contents()
    assert times == [t["text"] for t in article["times"]]
    # the whole text is there, in order, once
    assert page.locator(".article .text").inner_text() == EMOJI


def test_hostile_text_in_the_page_stays_text(
    page: Page, server: Server, hostile_result: Result
) -> None:
    hostile = hostile_result.documents[0].text
    submit(page, server, hostile)
    text = page.locator("#result .article .text").inner_text()
    assert text == hostile
    assert page.input_value("#ask-text") == hostile
    _nothing_injected(page)
    # a file with a hostile name, dropped on the form
    transfer = page.evaluate_handle(
        """([name, text]) => {
            const data = new DataTransfer();
            data.items.add(new File([text], name, { type: "text/plain" }));
            return data;
        }""",
        ["<img src=x onerror=alert('name')>.txt", hostile],
    )
    page.dispatch_event("#ask-form", "drop", {"dataTransfer": transfer})
    page.fill("#ask-text", "")
    page.click("#ask-submit")
    page.wait_for_selector("#result")
    expect(page.locator("#d1 .doc-head h2")).to_have_text("<img src=x onerror=alert('name')>.txt")
    assert page.locator("#result .article .text").inner_text() == hostile
    _nothing_injected(page)


def test_hostile_fields_in_the_report_stay_text(
    page: Page, hostile_result: Result, tmp_path: Path
) -> None:
    report = tmp_path / "report.html"
    report.write_text(render_report(hostile_result), encoding="utf-8")
    page.goto(report.as_uri())
    document = hostile_result.documents[0]
    assert page.locator(".article .text").inner_text() == document.text
    expect(page.locator(".doc-head h2")).to_have_text(document.source)
    expect(page.locator(".doc-head .meta")).to_contain_text("javascript:alert('url')")
    expect(page.locator(".art-head h3")).to_have_text("<script>alert('title')</script>")
    page.locator(".text .m-slant").first.hover()
    expect(tip(page)).to_contain_text("<img src=x onerror=")
    page.locator(".text .m-entity").first.hover()
    expect(tip(page)).to_contain_text("This mention: <img src=x")
    _nothing_injected(page)


def _nothing_injected(page: Page) -> None:
    assert page.evaluate("typeof window.alert") == "function"
    assert page.locator("main img, main b, main i, main u, main s, main iframe").count() == 0
    assert page.locator("main script:not(.crible-data), #crible-tip script").count() == 0
    assert page.locator("#crible-tip img").count() == 0
    hrefs = page.locator("a[href]").evaluate_all("as => as.map(a => a.href)")
    assert all(
        h.startswith(("http://", "https://", "blob:")) or h.endswith("#") or "#" in h for h in hrefs
    ), hrefs
    assert not any(h.lower().startswith("javascript:") for h in hrefs)
    handlers = page.evaluate(
        "Array.from(document.querySelectorAll('*')).flatMap(e => "
        "Array.from(e.attributes).filter(a => a.name.startsWith('on')).map(a => a.name))"
    )
    assert handlers == []


@pytest.fixture(scope="module")
def sample_report(sample_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the sample, written by the real command."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    crible = Path(sys.executable).parent / "crible"
    done = subprocess.run(
        [
            str(crible),
            "analyze",
            str(sample_path),
            "--published",
            "2023-10-12",
            "-o",
            str(out),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert done.returncode == 0, done.stderr
    return out


def test_the_report_requests_nothing_from_any_host(
    page: Page, sample_report: Path, screenshots: Path
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(sample_report.as_uri())
    page.wait_for_load_state("networkidle")
    expect(page.locator(".article")).to_have_count(3)
    page.locator(".text .m-slant").first.hover()
    expect(tip(page)).to_be_visible()
    page.get_by_role("checkbox", name="Claims").uncheck()
    page.emulate_media(media="print")
    page.screenshot(path=str(screenshots / "report-print.png"), full_page=True)
    assert requested == [sample_report.as_uri()]


def test_page_and_report_render_the_same_articles(
    page: Page, server: Server, sample_text: str, sample_report: Path
) -> None:
    submit(page, server, sample_text, "2023-10-12")
    in_page = page.locator("#result .article").evaluate_all("as => as.map(a => a.outerHTML)")
    page.goto(sample_report.as_uri())
    in_report = page.locator(".article").evaluate_all("as => as.map(a => a.outerHTML)")
    assert len(in_page) == 3 and in_page == in_report


def test_the_json_download_is_the_api_result(page: Page, server: Server) -> None:
    submit(page, server, EMOJI, "2024-03-05")
    with page.expect_download() as download:
        page.click("#download-json")
    downloaded = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    with server.client() as client:
        api = client.post(
            "/api/analyze",
            json={"text": EMOJI, "published": "2024-03-05", "source": "pasted text"},
        ).json()["result"]
    assert downloaded == api


def test_the_api_docs_work_offline(page: Page, server: Server, screenshots: Path) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server.url + "/docs")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".operation h2").filter(has_text="/api/analyze")).to_have_count(1)
    page.locator(".operation details summary").first.click()
    expect(page.locator(".operation details pre").first).to_be_visible()
    page.screenshot(path=str(screenshots / "api-docs.png"), full_page=True)
    assert requested and all(url.startswith(server.url + "/") for url in requested), requested
