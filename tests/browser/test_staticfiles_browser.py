"""The running app (deploy/server.py, as make run starts it) answers the static files from memory, gzipped: its
own answers carry an ETag, which Streamlit's do not."""

from __future__ import annotations

import gzip
import re
import urllib.request
from pathlib import Path

from streamlit import file_util

from strikes.web.staticfiles import APP_OWN, FOLIUM_BUILD, FOLIUM_COMPONENT, HASHED

SITES = Path(__file__).resolve().parents[2] / "static" / "js" / "strike-sites.js"


def fetch(url: str, gzipped: bool = True) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzipped else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return {key.lower(): value for key, value in response.headers.items()}, response.read()


def test_the_pages_own_scripts_come_from_memory_gzipped_with_their_cache_header(app_url: str) -> None:
    headers, page = fetch(app_url + "/", gzipped=False)
    assert headers["cache-control"] == "no-cache"  # the page itself stays Streamlit's
    script = re.search(rb'src="\.?/?(static/js/index\.[\w-]+\.js)"', page)
    assert script is not None, page[:500]
    headers, body = fetch(f"{app_url}/{script[1].decode()}")
    assert headers["content-encoding"] == "gzip" and headers["cache-control"] == HASHED.decode()
    assert gzip.decompress(body) == (Path(file_util.get_static_dir()) / script[1].decode()).read_bytes()
    headers, body = fetch(app_url + "/app/static/js/strike-sites.js")
    assert headers["content-encoding"] == "gzip" and headers["cache-control"] == APP_OWN.decode()
    assert gzip.decompress(body) == SITES.read_bytes()
    headers, body = fetch(app_url + "/app/static/js/strike-sites.js", gzipped=False)
    assert "content-encoding" not in headers and body == SITES.read_bytes()
    component = re.search(r'src="\./(static/js/main\.\w+\.js)"', (FOLIUM_BUILD / "index.html").read_text())
    assert component is not None
    for name, cache in (("index.html", "no-cache"), (component[1], "public")):
        headers, body = fetch(f"{app_url}/{FOLIUM_COMPONENT}{name}")
        assert headers["content-encoding"] == "gzip" and headers["cache-control"] == cache, headers
        assert "etag" in headers and gzip.decompress(body) == (FOLIUM_BUILD / name).read_bytes(), headers
