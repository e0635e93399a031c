"""The offline base map: its committed geojson, the folium layer, and the tile fallback."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import folium
import pytest
from playwright.sync_api import Browser

from strikes.core.i18n import Lang
from strikes.page import basemap
from strikes.page.assets import standalone_html


def _offline_page(tile_url: str, timeout: float) -> str:
    """A standalone page (Leaflet inlined from static/node_modules) whose tiles come from tile_url."""
    m = folium.Map(location=[53.7, 27.9], zoom_start=7, tiles=None)
    tiles, offline = (
        folium.TileLayer(tile_url, attr="test", name="Tiles"),
        basemap.OfflineBasemap("Offline", lang=Lang("en")),
    )
    tiles.add_to(m)
    offline.add_to(m)
    basemap.TileFallback(tiles, offline, timeout=timeout).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    return standalone_html(m, lang=Lang("en"))


@pytest.fixture
def hanging_port() -> Iterator[int]:
    """A loopback port that accepts connections and never answers, for the test's duration."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(0.2)
        held: list[socket.socket] = []
        stop = threading.Event()

        def hold() -> None:
            while not stop.is_set():
                try:
                    held.append(server.accept()[0])
                except OSError:
                    pass

        thread = threading.Thread(target=hold, daemon=True)
        thread.start()
        try:
            yield server.getsockname()[1]
        finally:
            stop.set()
            thread.join(5)
            for conn in held:
                conn.close()


def _shown_base_layer(browser: Browser, tmp_path: Path, html: str, after_ms: int) -> str:
    """The base layer the layer control shows after_ms into the page's life (read by the page itself, on its
    own clock, so a slow start of the test's side cannot move the moment)."""
    probe = f"""<script>
    setTimeout(function () {{
        const label = document.querySelector(".leaflet-control-layers-base input:checked + span");
        document.documentElement.dataset.baseLayer = label.textContent.trim();
    }}, {after_ms});
    </script>"""
    page_file = tmp_path / "map.html"
    page_file.write_text(html + probe)
    page = browser.new_page()
    try:
        page.goto(page_file.as_uri(), wait_until="commit")  # hanging tiles hold off the load event
        page.wait_for_function("() => document.documentElement.dataset.baseLayer", timeout=after_ms + 30_000)
        return str(page.evaluate("() => document.documentElement.dataset.baseLayer"))
    finally:
        page.close()


def test_falls_back_when_tiles_fail(browser: Browser, tmp_path: Path) -> None:
    with socket.socket() as closed:  # a loopback port with nothing listening: every tile is refused
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    html = _offline_page(f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png", timeout=60)
    assert _shown_base_layer(browser, tmp_path, html, 1500) == "Offline"


def test_falls_back_when_tiles_hang(browser: Browser, tmp_path: Path, hanging_port: int) -> None:
    url = f"http://127.0.0.1:{hanging_port}/{{z}}/{{x}}/{{y}}.png"
    slow, quick = _offline_page(url, timeout=60), _offline_page(url, timeout=1)
    assert _shown_base_layer(browser, tmp_path, slow, 2500) == "Tiles"
    assert _shown_base_layer(browser, tmp_path, quick, 2500) == "Offline"
