"""The corpus page of a real `crible serve --db`, in real headless Chromium: the tables, the
planted certainty drift, charts that load, the filter form, the article pages; nothing asked of
any other host, and the hostile corpus shown as text (the `page` fixture fails a test on any
dialog or script error)."""

from __future__ import annotations

import re
from pathlib import Path

from corpora import HOSTILE_ARTICLE, HOSTILE_MARKUP, HOSTILE_OUTLET
from playwright.sync_api import Page, expect
from servers import Server

ECHO = "L'Écho des Marais"
PLANTED = {
    ("vig-001", "gaz-001"),
    ("rad-001", "gaz-001"),
    ("eco-002", "rad-003"),
    ("gaz-003", "rad-003"),
    ("vig-003", "rad-004"),
    ("vig-006", "rad-007"),
}


def watch_requests(page: Page) -> list[str]:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    return requested


def charts_loaded(page: Page) -> list[int]:
    """The natural width of every chart of the page, once each has loaded (or failed)."""
    for image in page.locator(".chart img").all():
        expect(image).to_have_js_property("complete", True)
    widths: list[int] = page.locator(".chart img").evaluate_all(
        "imgs => imgs.map(i => i.naturalWidth)"
    )
    return widths


def drift_pairs(page: Page) -> set[tuple[str, str]]:
    rows = page.locator("table.drift tbody tr")
    weak = rows.locator(".weak .article-id").all_text_contents()
    firm = rows.locator(".firm .article-id").all_text_contents()
    return set(zip(weak, firm, strict=True))


def test_the_corpus_page(page: Page, corpus_server: Server, screenshots: Path) -> None:
    requested = watch_requests(page)
    page.goto(corpus_server.url + "/corpus")
    expect(page.locator("header.site nav a[aria-current='page']")).to_have_text("Corpus")

    # the outlets table, every outlet, and two charts that load, each with its alt text
    outlets = page.locator("table.outlets tbody th").all_text_contents()
    assert set(outlets) == {
        "Le Vigilant",
        "La Gazette d'Armor",
        ECHO,
        "Radio Brocéliande",
        "Le Flambeau",
        "(no outlet)",
    }
    widths = charts_loaded(page)
    assert len(widths) == 2 and all(w > 0 for w in widths), widths
    alts = page.locator(".chart img").evaluate_all("imgs => imgs.map(i => i.alt)")
    assert all("The table gives the same figures" in alt for alt in alts)
    vigilant = page.locator("table.outlets tbody tr", has_text="Le Vigilant")
    expect(vigilant.locator("td").nth(3)).to_have_text("24%")  # hedged: the hedging outlet
    page.screenshot(path=str(screenshots / "corpus-outlets.png"), full_page=True)

    # the planted drift, both texts side by side
    page.get_by_role("link", name="Certainty drift").click()
    expect(page).to_have_url(re.compile(r"/corpus/drift$"))
    assert drift_pairs(page) >= PLANTED
    korlan = (
        page.locator("table.drift tbody tr").filter(has_text="vig-003").filter(has_text="rad-004")
    )
    expect(korlan.locator(".weak .claim-text")).to_contain_text("fermerait")
    expect(korlan.locator(".weak .badge-text")).to_have_text("hedged")
    expect(korlan.locator(".firm .claim-text")).to_contain_text("va fermer")
    page.screenshot(path=str(screenshots / "corpus-drift.png"), full_page=True)

    # filter by outlet with the form: every pair has that outlet on one side
    page.select_option("#f-outlet", ECHO)
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"/corpus/drift\?outlet=L%27%C3%89cho"))
    expect(page.locator("#f-outlet")).to_have_value(ECHO)
    rows = page.locator("table.drift tbody tr")
    assert rows.count() > 0
    for row in rows.all():
        assert ECHO in " ".join(row.locator(".who").all_text_contents())
    # the filter follows to the other tabs
    page.get_by_role("link", name="Stories").click()
    expect(page.locator("#f-outlet")).to_have_value(ECHO)
    expect(page.locator("table.stories tbody tr").first).to_contain_text(ECHO)

    # an article id opens the stored article, drawn as the report draws it
    page.goto(corpus_server.url + "/corpus/drift")
    page.locator("table.drift .weak .article-id", has_text="vig-003").first.click()
    expect(page.locator("#result .article")).to_have_count(1)
    expect(page.locator("#result .article .text")).to_contain_text("fermerait son usine")
    expect(page.locator("#result .article .badge.b-hedged").first).to_be_attached()

    # the timeline: pick an entity, see its chart and its counts
    page.get_by_role("link", name="Timeline").click()
    page.locator(".suggest a", has_text="Hélène Marchetti").click()
    expect(page.locator("#f-entity")).to_have_value("helene-marchetti")
    [width] = charts_loaded(page)
    assert width > 0
    counts = page.locator("table.timeline tbody td.num:nth-of-type(2)").all_text_contents()
    assert sum(int(c) for c in counts) == 10
    page.screenshot(path=str(screenshots / "corpus-timeline.png"), full_page=True)

    # printed: no navigation, no form, the tables and charts
    page.goto(corpus_server.url + "/corpus")
    charts_loaded(page)
    page.emulate_media(media="print")
    expect(page.locator("form.filters")).to_be_hidden()
    expect(page.locator("table.outlets")).to_be_visible()
    page.screenshot(path=str(screenshots / "corpus-print.png"), full_page=True)

    assert requested and all(url.startswith(corpus_server.url + "/") for url in requested), [
        url for url in requested if not url.startswith(corpus_server.url + "/")
    ]


def test_the_hostile_corpus_stays_text(
    page: Page, hostile_server: Server, screenshots: Path
) -> None:
    requested = watch_requests(page)
    page.goto(hostile_server.url + "/corpus")
    outlets = page.locator("table.outlets tbody th").all_text_contents()
    assert HOSTILE_OUTLET in outlets
    assert HOSTILE_OUTLET in page.locator("#f-outlet option").all_text_contents()
    assert all(w > 0 for w in charts_loaded(page))
    _nothing_injected(page)

    page.goto(hostile_server.url + "/corpus/drift")
    row = page.locator("table.drift tbody tr").filter(has_text=HOSTILE_ARTICLE)
    expect(row.locator(".weak .who a").first).to_have_text(HOSTILE_OUTLET)
    expect(row.locator(".weak .claim-text")).to_contain_text(HOSTILE_MARKUP)
    expect(row.locator(".firm .claim-text")).to_contain_text(HOSTILE_MARKUP)
    page.screenshot(path=str(screenshots / "corpus-hostile.png"), full_page=True)
    _nothing_injected(page)

    # the filter by the hostile outlet, and its article
    page.select_option("#f-outlet", HOSTILE_OUTLET)
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#f-outlet")).to_have_value(HOSTILE_OUTLET)
    expect(page.locator("table.drift tbody tr")).to_have_count(1)
    page.locator("table.drift .weak .article-id").click()
    expect(page.locator(".view-intro .article-id")).to_have_text(HOSTILE_ARTICLE)
    expect(page.locator("#result .article .text")).to_contain_text(HOSTILE_MARKUP)
    _nothing_injected(page)

    # the hand-made document: hostile entity names, sources and techniques in every table
    for tab in ("entities", "sources", "stories", "timeline"):
        page.goto(f"{hostile_server.url}/corpus/{tab}")
        _nothing_injected(page)
    page.goto(hostile_server.url + "/corpus/entities")
    expect(page.locator("table.entities tbody th a", has_text="<img src=x")).to_have_count(1)
    assert all(url.startswith(hostile_server.url + "/") for url in requested)


def _nothing_injected(page: Page) -> None:
    assert page.evaluate("typeof window.alert") == "function"
    sources = page.locator("main img").evaluate_all("imgs => imgs.map(i => i.getAttribute('src'))")
    assert all(src.startswith("/corpus/chart/") for src in sources), sources
    assert page.locator("main .chart img").count() == len(sources)
    assert page.locator("main b, main i, main u, main s, main iframe, main svg").count() == 0
    assert page.locator("main script:not(.crible-data)").count() == 0
    handlers = page.evaluate(
        "Array.from(document.querySelectorAll('*')).flatMap(e => "
        "Array.from(e.attributes).filter(a => a.name.startsWith('on')).map(a => a.name))"
    )
    assert handlers == []
    hrefs = page.locator("a[href]").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert not any(h.strip().lower().startswith(("javascript:", "data:")) for h in hrefs), hrefs
