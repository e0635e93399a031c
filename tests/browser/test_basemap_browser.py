"""The offline base map: its committed geojson, the folium layer, and the tile fallback."""

from __future__ import annotations

import re
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import folium
import pytest

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


def _shown_base_layer(chromium: str, tmp_path: Path, html: str, after_ms: int, hanging_port: int) -> str:
    """The base layer the layer control shows after_ms into the page's life.

    The page reads it itself and leaves it in the DOM, and an image that never
    loads holds off the load event (and so the DOM dump) until Chromium's own
    stop at --timeout; that stop cancels hanging tile requests, which Leaflet
    reports as tile errors, so only the earlier reading tells what happened.
    """
    probe = f"""<img src="http://127.0.0.1:{hanging_port}/hold" alt="">
    <script>
    setTimeout(function () {{
        const label = document.querySelector(".leaflet-control-layers-base input:checked + span");
        document.documentElement.dataset.baseLayer = label.textContent.trim();
    }}, {after_ms});
    </script>"""
    page = tmp_path / "map.html"
    page.write_text(html + probe)
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    command = [*args, f"--timeout={after_ms + 3000}", "--dump-dom", page.as_uri()]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=60).stdout
    shown = re.search(r'<html[^>]* data-base-layer="([^"]*)"', dom)
    assert shown, dom[:2000]
    return shown.group(1)


def test_falls_back_when_tiles_fail(chromium: str, tmp_path: Path, hanging_port: int) -> None:
    with socket.socket() as closed:  # a loopback port with nothing listening: every tile is refused
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    html = _offline_page(f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png", timeout=60)
    assert _shown_base_layer(chromium, tmp_path, html, 1500, hanging_port) == "Offline"


def test_falls_back_when_tiles_hang(chromium: str, tmp_path: Path, hanging_port: int) -> None:
    url = f"http://127.0.0.1:{hanging_port}/{{z}}/{{x}}/{{y}}.png"
    slow, quick = _offline_page(url, timeout=60), _offline_page(url, timeout=1)
    assert _shown_base_layer(chromium, tmp_path, slow, 2500, hanging_port) == "Tiles"
    assert _shown_base_layer(chromium, tmp_path, quick, 2500, hanging_port) == "Offline"
