"""The static files a new reader's browser asks for, answered from memory (strikes/web/staticfiles.py)."""

from __future__ import annotations

import asyncio
import gzip
import os
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import pytest
from streamlit import file_util

from strikes.web.staticfiles import APP_OWN, FOLIUM_BUILD, HASHED, StaticFromMemory

SCRIPT = "var map = 1;\n" * 2000


class Downstream:
    """Streamlit's stack, standing in: the paths it was asked for."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.paths.append(scope["path"])
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b"streamlit"})


def ask(
    middleware: StaticFromMemory,
    path: str,
    method: str = "GET",
    encoding: str = "gzip, deflate",
    etag: bytes = b"",
    origin: bytes = b"",
) -> tuple[int, dict[bytes, bytes], bytes]:
    """One request through the middleware: its status, headers and body."""
    sent: list[MutableMapping[str, Any]] = []

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    headers = [(b"accept-encoding", encoding.encode())] if encoding else []
    headers += [(b"if-none-match", etag)] if etag else []
    headers += [(b"origin", origin)] if origin else []
    scope = {"type": "http", "method": method, "path": path, "headers": headers}
    asyncio.run(middleware(scope, receive, send))
    return sent[0]["status"], dict(sent[0]["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


@pytest.fixture()
def app(tmp_path: Path) -> tuple[StaticFromMemory, Downstream, Path]:
    """The middleware over a stand-in app whose static folder holds a script and a picture."""
    static = tmp_path / "static"
    (static / "js").mkdir(parents=True)
    (static / "js" / "map.js").write_text(SCRIPT)
    (static / "layers.png").write_bytes(b"\x89PNG" + bytes(range(256)))
    downstream = Downstream()
    return StaticFromMemory(downstream, app_script=tmp_path / "app.py"), downstream, static


def streamlit_script() -> str:
    """One of Streamlit's own hashed scripts, by its path under /static/."""
    folder = Path(file_util.get_static_dir()) / "static" / "js"
    return "js/" + sorted(name for name in os.listdir(folder) if name.startswith("index."))[0]


def test_streamlits_hashed_script_is_answered_gzipped_with_one_years_cache(
    app: tuple[StaticFromMemory, Downstream, Path],
) -> None:
    middleware, downstream, _ = app
    name = streamlit_script()
    plain = (Path(file_util.get_static_dir()) / "static" / name).read_bytes()
    status, headers, body = ask(middleware, f"/static/{name}")
    assert (status, downstream.paths) == (200, [])
    assert gzip.decompress(body) == plain and len(body) < len(plain) / 2
    assert headers[b"content-encoding"] == b"gzip" and headers[b"vary"] == b"Accept-Encoding"
    assert headers[b"content-type"].startswith(b"application/javascript") or headers[b"content-type"].startswith(
        b"text/javascript"
    )
    assert headers[b"cache-control"] == HASHED == b"public, max-age=31536000, immutable"
    assert headers[b"content-length"] == str(len(body)).encode()
    status, headers, body = ask(middleware, f"/static/{name}", encoding="")
    assert body == plain and b"content-encoding" not in headers


def test_the_apps_own_file_is_answered_with_an_hours_cache_and_read_again_when_it_changes(
    app: tuple[StaticFromMemory, Downstream, Path],
) -> None:
    middleware, downstream, static = app
    status, headers, body = ask(middleware, "/app/static/js/map.js")
    assert status == 200 and gzip.decompress(body) == SCRIPT.encode()
    assert headers[b"cache-control"] == APP_OWN and headers[b"access-control-allow-origin"] == b"*"
    assert headers[b"x-content-type-options"] == b"nosniff"
    (static / "js" / "map.js").write_text("var map = 2;\n" * 3000)  # a new release, larger
    assert gzip.decompress(ask(middleware, "/app/static/js/map.js")[2]) == ("var map = 2;\n" * 3000).encode()
    assert downstream.paths == []


def test_a_picture_is_sent_as_it_is_and_head_sends_no_body(app: tuple[StaticFromMemory, Downstream, Path]) -> None:
    middleware, _, static = app
    status, headers, body = ask(middleware, "/app/static/layers.png")
    assert (status, body) == (200, (static / "layers.png").read_bytes())
    assert headers[b"content-type"] == b"image/png" and b"content-encoding" not in headers and b"vary" not in headers
    status, headers, body = ask(middleware, "/app/static/layers.png", method="HEAD")
    assert (status, body, headers[b"content-length"]) == (200, b"", b"260")


@pytest.mark.parametrize(
    ("encoding", "gzipped"),
    [
        ("identity", False),
        ("gzip;q=0", False),
        ("br, gzip; q=0.000", False),
        ("gzip;q=x", False),
        ("br", False),
        ("GZIP", True),
        ("br;q=1.0, gzip;q=0.5", True),
        ("deflate,gzip", True),
    ],
)
def test_gzip_goes_to_a_browser_that_accepts_it_and_only_to_one(
    app: tuple[StaticFromMemory, Downstream, Path], encoding: str, gzipped: bool
) -> None:
    status, headers, body = ask(app[0], "/app/static/js/map.js", encoding=encoding)
    assert (headers.get(b"content-encoding") == b"gzip") == gzipped
    assert (gzip.decompress(body) if gzipped else body) == SCRIPT.encode()


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/", "GET"),  # the page itself, which Streamlit writes
        ("/_stcore/health", "GET"),
        ("/app/static/js/map.js", "POST"),
        ("/app/static/js/missing.js", "GET"),
        ("/app/static/js", "GET"),  # a folder
        ("/app/static/../app.py", "GET"),  # never a name listed, so never read here
        ("/app/static//etc/passwd", "GET"),
        ("/static/../../pyproject.toml", "GET"),
        ("/component/streamlit_folium.st_folium/index.html", "POST"),
        ("/component/streamlit_folium.st_folium/../../streamlit_folium/__init__.py", "GET"),
    ],
)
def test_anything_but_a_listed_file_goes_on_to_streamlit(
    app: tuple[StaticFromMemory, Downstream, Path], path: str, method: str
) -> None:
    middleware, downstream, _ = app
    assert ask(middleware, path, method=method)[2] == b"streamlit"
    assert downstream.paths == [path]


def test_a_file_removed_since_the_server_started_goes_on_to_streamlit(
    app: tuple[StaticFromMemory, Downstream, Path],
) -> None:
    middleware, downstream, static = app
    (static / "layers.png").unlink()
    assert ask(middleware, "/app/static/layers.png")[2] == b"streamlit"
    assert downstream.paths == ["/app/static/layers.png"]


def test_a_browser_that_holds_the_file_gets_304_until_it_changes(
    app: tuple[StaticFromMemory, Downstream, Path],
) -> None:
    middleware, _, static = app
    etag = ask(middleware, "/app/static/js/map.js")[1][b"etag"]
    status, headers, body = ask(middleware, "/app/static/js/map.js", etag=b'"other", ' + etag)
    assert (status, body, headers[b"etag"], headers[b"cache-control"]) == (304, b"", etag, APP_OWN)
    (static / "js" / "map.js").write_text("var map = 3;\n" * 100)
    status, headers, body = ask(middleware, "/app/static/js/map.js", etag=etag)
    assert status == 200 and headers[b"etag"] != etag and gzip.decompress(body) == b"var map = 3;\n" * 100


def test_past_what_a_folder_may_keep_streamlit_answers(app: tuple[StaticFromMemory, Downstream, Path]) -> None:
    middleware, downstream, static = app
    own = middleware.folders[1]
    own.keep_bytes = 8_000  # the script (26 KB plain) does not fit; the picture (260 bytes) does
    assert ask(middleware, "/app/static/js/map.js")[2] == b"streamlit"
    assert ask(middleware, "/app/static/layers.png")[2] == (static / "layers.png").read_bytes()
    assert downstream.paths == ["/app/static/js/map.js"] and own.kept == 260


def test_the_map_components_page_and_script_are_answered_as_streamlit_answers_them(
    app: tuple[StaticFromMemory, Downstream, Path],
) -> None:
    """Its page checked every time, its script "public", each the file's bytes, gzipped for a browser that takes it."""
    middleware, downstream, _ = app
    script = next((FOLIUM_BUILD / "static" / "js").glob("main.*.js")).relative_to(FOLIUM_BUILD).as_posix()
    for name, cache, kind in (("index.html", b"no-cache", b"text/html"), (script, b"public", b"text/javascript")):
        status, headers, body = ask(middleware, f"/component/streamlit_folium.st_folium/{name}")
        assert status == 200 and headers[b"cache-control"] == cache, (name, headers)
        assert headers[b"content-type"].startswith(kind) and headers[b"content-encoding"] == b"gzip", headers
        assert gzip.decompress(body) == (FOLIUM_BUILD / name).read_bytes()
    assert downstream.paths == []


def test_a_component_request_naming_an_origin_or_another_component_goes_on_to_streamlit(
    app: tuple[StaticFromMemory, Downstream, Path],
) -> None:
    """A cross-origin request is Streamlit's to answer by its CORS rules; another component is none of ours."""
    middleware, downstream, _ = app
    assert ask(middleware, "/component/streamlit_folium.st_folium/index.html", origin=b"https://example.org")[2] == (
        b"streamlit"
    )
    assert ask(middleware, "/component/other.widget/index.html")[2] == b"streamlit"
    assert downstream.paths == [
        "/component/streamlit_folium.st_folium/index.html",
        "/component/other.widget/index.html",
    ]
