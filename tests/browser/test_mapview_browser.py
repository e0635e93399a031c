"""The map: what each marker encodes, popups in the source's words, and nothing user-written run as HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from strikes.core.i18n import Lang
from strikes.page import mapview
from strikes.page.assets import standalone_html

from ..factories import make_events

WAVES = ("august", "november")
pytestmark = pytest.mark.own_playwright  # starts Playwright's sync API itself (tests/conftest.SharedChromium)


def test_in_the_browser_a_cluster_parts_on_click_and_sites_on_one_spot_are_listed(
    chromium: str, tmp_path: Path
) -> None:
    from strikes.export.browser import block_network, open_browser

    spot = {"sector": "mining", "wave": "august", "date": "2020-08-10", "precision": "site"}
    same = [
        {**spot, "event_id": f"e{i}", "site_id": f"s{i}", "name": f"Same spot {i}", "lat": 53.9, "lon": 27.57}
        for i in range(3)
    ]
    near = [{**spot, "event_id": f"n{i}", "site_id": f"n{i}", "lat": 52.1, "lon": 23.7 + i / 100} for i in range(2)]
    page_file = tmp_path / "map.html"
    page_file.write_text(
        standalone_html(
            mapview.build_map(make_events(*same, *near), WAVES, view=mapview.View(52.1, 23.7, 9), lang=Lang("en")),
            lang=Lang("en"),
        )
    )
    with open_browser() as browser:
        page = browser.new_page(viewport={"width": 1000, "height": 700})
        block_network(page)
        page.goto(page_file.as_uri())
        page.locator(".strike-cluster-icon").first.wait_for(timeout=20_000)
        assert page.locator(".strike-cluster-icon").all_inner_texts() == ["2"]  # the two sites 0.7 km apart
        page.locator(".strike-cluster-icon").first.click()
        page.locator(".strike-marker").nth(1).wait_for(timeout=5_000)  # zoomed in until they part
        assert page.evaluate("Object.values(window).find(v => v instanceof L.Map).getZoom()") > 9
        assert page.locator(".strike-cluster-icon").count() == 0  # (the legend has a pie too)
        page.evaluate("Object.values(window).find(v => v instanceof L.Map).setView([53.9, 27.57], 18)")
        page.locator(".strike-cluster-icon").first.click()  # three sites on one spot, even at the closest zoom
        assert page.locator(".leaflet-popup-content a").all_inner_texts() == [
            "Same spot 0",
            "Same spot 1",
            "Same spot 2",
        ]
        page.locator(".leaflet-popup-content a").nth(1).click()
        assert page.locator(".leaflet-popup-content b").first.inner_text() == "Same spot 1"
