"""HAProxy's rendered config (deploy/) keeps Streamlit's static files out of the apps: cached, gzipped, one header.

A tiny HTTP server stands in for a Streamlit process (its health check, a page, a hashed script sent with
Streamlit's own Cache-Control) and counts what reaches it; HAProxy runs the config deploy/cluster.py renders.
"""

from __future__ import annotations

import gzip
import http.client
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from deploy.cluster import COOKIE, find_haproxy, render_config, stop, wait_servers_up
from tools.appserver import free_port, wait_healthy

from ..conftest import require

SCRIPT = "/static/js/index.0a1b2c3d.js"
OWN = "/app/static/basemap/belarus.geojson"  # the app's own static folder: no hash in the name
BODY = b"(function(){" + b"var streamlit=1;" * 4000 + b"})();"  # 64 KB of script, as compressible as the real one


class Backend(ThreadingHTTPServer):
    """The stand-in app: every request it gets, by path."""

    hits: Counter[str]


class Handler(BaseHTTPRequestHandler):
    server: Backend
    protocol_version = "HTTP/1.1"  # as Tornado answers; HAProxy compresses no HTTP/1.0 response

    def do_GET(self) -> None:
        self.server.hits[self.path] += 1
        if self.path.startswith(SCRIPT):
            body, kind = BODY, "application/javascript"
        elif self.path == OWN:
            body, kind = b'{"type":"FeatureCollection","features":[]}' * 100, "application/json"
        else:
            body, kind = b"<!doctype html><title>app</title>", "text/html"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if self.path.startswith("/static/"):
            self.send_header("Cache-Control", "public, immutable, max-age=31536000")  # as Streamlit sends it
        elif self.path.startswith("/app/static/"):
            self.send_header("Cache-Control", "no-cache")  # as Streamlit sends its static folder
        else:
            self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def balancer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Backend]]:
    """HAProxy with the rendered config in front of one stand-in app; its port and the app."""
    haproxy = require(find_haproxy(), "Debian's haproxy is not installed (apt-get install haproxy)")
    backend = Backend(("127.0.0.1", 0), Handler)
    backend.hits = Counter()
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    work = tmp_path_factory.mktemp("haproxy")
    port, socket_path = free_port(), work / "haproxy.sock"
    config = work / "haproxy.cfg"
    config.write_text(render_config(port, [backend.server_address[1]], socket_path, "127.0.0.1"), encoding="utf-8")
    process = subprocess.Popen(
        [haproxy, "-db", "-f", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_servers_up(socket_path, ["app1"], process)
        wait_healthy(f"http://127.0.0.1:{port}", process)
        yield port, backend
    finally:
        stop(process)
        backend.shutdown()
        backend.server_close()


def get(
    port: int, path: str, encoding: str = "gzip, deflate, br, zstd", fresh: bool = False
) -> http.client.HTTPResponse:
    """A GET as Chromium sends it (its Accept-Encoding; ``fresh``: a hard reload's no-cache), read whole."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Accept-Encoding": encoding} | ({"Cache-Control": "no-cache", "Pragma": "no-cache"} if fresh else {})
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def test_a_static_file_is_served_from_the_balancer_gzipped_with_one_cache_control(
    balancer: tuple[int, Backend],
) -> None:
    port, backend = balancer
    first, second, reloaded = get(port, SCRIPT), get(port, SCRIPT), get(port, SCRIPT, fresh=True)
    assert backend.hits[SCRIPT] == 1  # neither the second nor a hard reload's reached the app
    for response in (first, second, reloaded):
        assert response.status == 200
        assert response.getheader("Content-Encoding") == "gzip"
        assert response.headers.get_all("Cache-Control") == ["public, max-age=31536000, immutable"]
        assert response.getheader("Set-Cookie") is None  # no sticky cookie, so nothing makes it private
        assert gzip.decompress(response.body) == BODY  # type: ignore[attr-defined]
    assert int(second.getheader("Age", "0")) >= 0 and second.getheader("Age") is not None  # HAProxy's cache answered


def test_a_client_without_gzip_gets_the_plain_file_from_the_cache_too(balancer: tuple[int, Backend]) -> None:
    port, backend = balancer
    path = SCRIPT + "?plain"
    before = backend.hits[path]
    plain = [get(port, path, encoding="identity") for _ in range(2)]
    assert all(r.getheader("Content-Encoding") is None and r.body == BODY for r in plain)  # type: ignore[attr-defined]
    zipped = get(port, path)  # then a browser's request: the cached copy, gzipped by HAProxy on its way out
    assert zipped.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(zipped.body) == BODY  # type: ignore[attr-defined]
    assert backend.hits[path] - before == 1


def test_the_apps_own_files_are_cached_for_an_hour_not_a_year(balancer: tuple[int, Backend]) -> None:
    port, backend = balancer
    responses = [get(port, OWN) for _ in range(3)]
    assert backend.hits[OWN] == 1
    assert all(r.headers.get_all("Cache-Control") == ["public, max-age=3600"] for r in responses)
    assert all(r.getheader("Content-Encoding") == "gzip" for r in responses)
    get(port, OWN, fresh=True)  # a hard reload of a name without a hash asks the app again
    assert backend.hits[OWN] == 2


def test_the_page_itself_still_reaches_an_app_and_pins_the_reader(balancer: tuple[int, Backend]) -> None:
    port, backend = balancer
    before = backend.hits["/"]
    pages = [get(port, "/") for _ in range(2)]
    assert backend.hits["/"] - before == 2  # never cached: it is the reader's session's start
    assert all(f"{COOKIE}=app1" in (r.getheader("Set-Cookie") or "") for r in pages)


def test_the_template_is_the_one_rendered(tmp_path: Path) -> None:
    """The rendered config names the cache and both backends (a template edit that drops one fails here)."""
    text = render_config(8501, [8601, 8602], tmp_path / "s.sock")
    assert "use_backend assets if { path_beg /static/ /app/static/ }" in text
    assert "server app2 127.0.0.1:8602 track streamlit/app2" in text
    assert "http-response cache-store assets" in text
