"""The files every new reader's browser asks for, answered from memory and compressed once, before Streamlit's stack.

A new reader's first visit asks a lone `make run` process for about 165 files:
Streamlit's own (/static/js/index.<hash>.js and the like) and the map's
(/app/static/: Leaflet, its plugins, the offline base map). Streamlit serves
each through Starlette's file response, uncompressed, with a worker thread for
each open, stat, read and close: about half of a new reader's CPU there (0.48 s
in all, against issue 31's 0.3 s). This ASGI middleware reads a file the first
time it is asked for, keeps it (and its gzip, for text) while the file's size
and modification time stay the same, and answers in one send. It answers only
GET and HEAD of the names found in its folders when the server starts;
anything else goes on to Streamlit. Behind HAProxy the balancer caches the same
files with the same Cache-Control (deploy/haproxy.cfg.template).

The map's component frame (streamlit-folium's page and its 225 KB script,
/component/streamlit_folium.st_folium/...) is answered here too, with the
Cache-Control Streamlit gives it: Streamlit read each from disk through worker
threads and gzipped it again for every reader. It stays on the reader's process
behind HAProxy, so this saves each reader's CPU there too, not only a lone
process's.
"""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit_folium
from starlette.types import ASGIApp, Receive, Scope, Send
from streamlit import config, file_util
from streamlit.web.server.component_file_utils import guess_content_type

# Streamlit's names carry their content's hash, so a name never holds anything else; the app's own keep
# their names from release to release (the map's plugins carry ?v=<hash>, the rest change rarely).
HASHED = b"public, max-age=31536000, immutable"
APP_OWN = b"public, max-age=3600"
# The map component's files, as Streamlit's component handler answers them: its page checked every time, the rest
# "public" (its script's name carries a hash).
COMPONENT, COMPONENT_PAGE = b"public", b"no-cache"
# streamlit-folium's component, as it declares itself (components.declare_component("st_folium", path=...)).
FOLIUM_COMPONENT = "component/streamlit_folium.st_folium/"
FOLIUM_BUILD = Path(streamlit_folium.__file__).parent / "frontend" / "build"
# What gzip shrinks; fonts (woff2) and images come compressed.
COMPRESSED = frozenset({".js", ".css", ".json", ".geojson", ".svg", ".map", ".txt", ".html", ".ttf"})
# The most a folder keeps in memory (plain and gzipped): a reader asks for about 3 MB of Streamlit's and 2 MB of
# the app's; a client asking for every file there (Streamlit's 25 MB, the app's 36 MB) finds the rest answered
# by Streamlit, as before.
KEEP_BYTES = 32 * 2**20


@dataclass(frozen=True)
class Answer:
    """A file's plain bytes, its gzip (None where gzip does not help), its content type, and the stat it was read at."""

    plain: bytes
    gzipped: bytes | None
    content_type: bytes
    stamp: tuple[int, int]

    @property
    def etag(self) -> bytes:
        """A validator for a browser's If-None-Match: the file's size and modification time (weak: the plain and
        the gzipped body are the same file)."""
        return b'W/"%x-%x"' % self.stamp

    @property
    def size(self) -> int:
        return len(self.plain) + len(self.gzipped or b"")

    @classmethod
    def read(cls, path: Path, stamp: tuple[int, int]) -> Answer:
        plain = path.read_bytes()
        gzipped = gzip.compress(plain, mtime=0) if path.suffix in COMPRESSED else None
        if gzipped is not None and len(gzipped) >= len(plain):
            gzipped = None
        return cls(plain, gzipped, guess_content_type(str(path)).encode("latin-1"), stamp)


@dataclass
class Folder:
    """A folder served under a URL prefix: the names listed once, each file's answer kept once read."""

    prefix: str
    path: Path
    cache_control: bytes
    extra: tuple[tuple[bytes, bytes], ...] = ()
    keep_bytes: int = KEEP_BYTES
    page_cache_control: bytes | None = None  # for its .html files, where it differs
    same_origin_only: bool = False  # a request naming an Origin goes on to Streamlit, which applies its CORS rules

    def cache_control_of(self, name: str) -> bytes:
        if self.page_cache_control is not None and name.endswith(".html"):
            return self.page_cache_control
        return self.cache_control

    def __post_init__(self) -> None:
        self.names = frozenset(
            Path(root, name).relative_to(self.path).as_posix()
            for root, _, names in os.walk(self.path)
            for name in names
        )
        self.answers: dict[str, Answer] = {}
        self.kept = 0

    def answer(self, name: str) -> Answer | None:
        """The file's answer, read again if it changed on disk; None for a name not listed, gone since, or
        past what the folder may keep (Streamlit answers those)."""
        if name not in self.names:
            return None
        try:
            stat = os.stat(self.path / name)  # one syscall on the loop: no worker thread for a file in memory
        except OSError:
            return None
        stamp = (stat.st_size, stat.st_mtime_ns)
        kept = self.answers.get(name)
        if kept is not None and kept.stamp == stamp:
            return kept
        if self.kept - (kept.size if kept else 0) + 2 * stamp[0] > self.keep_bytes:  # its gzip is no larger
            return None
        fresh = Answer.read(self.path / name, stamp)
        self.kept += fresh.size - (kept.size if kept else 0)
        self.answers[name] = fresh
        return fresh


def weight(params: str) -> float:
    """An Accept-Encoding entry's q (1 when it gives none; 0 when it cannot be read)."""
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def header(scope: Scope, name: bytes) -> bytes:
    """A request header's value (the first, if sent twice), or b"" when it was not sent."""
    return next((value for key, value in scope["headers"] if key == name), b"")


def accepts_gzip(scope: Scope) -> bool:
    """Whether the request's Accept-Encoding names gzip without refusing it (q=0)."""
    for key, value in scope["headers"]:
        if key == b"accept-encoding":
            for part in value.decode("latin-1").lower().split(","):
                coding, _, params = part.partition(";")
                if coding.strip() == "gzip" and weight(params) > 0:
                    return True
    return False


def folders(app_script: Path) -> list[Folder]:
    """Streamlit's hashed files, the app's static folder and the map component's, under the server's base URL."""
    base = str(config.get_option("server.baseUrlPath") or "").strip("/")
    root = f"/{base}/" if base else "/"
    cross_origin = ((b"access-control-allow-origin", b"*"),)  # as Streamlit's own answer for the app's files
    return [
        Folder(root + "static/", Path(file_util.get_static_dir()) / "static", HASHED),
        Folder(root + "app/static/", app_script.parent / "static", APP_OWN, cross_origin),
        Folder(
            root + FOLIUM_COMPONENT,
            FOLIUM_BUILD,
            COMPONENT,
            page_cache_control=COMPONENT_PAGE,
            same_origin_only=True,
        ),
    ]


class StaticFromMemory:
    """ASGI middleware: GET and HEAD of the listed files from memory; everything else to ``app``."""

    def __init__(self, app: ASGIApp, app_script: Path) -> None:
        self.app = app
        self.folders = folders(app_script)

    def find(self, scope: Scope) -> tuple[Folder, str, Answer] | None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return None
        path = scope["path"]
        for folder in self.folders:
            if folder.same_origin_only and header(scope, b"origin"):
                continue
            if not path.startswith(folder.prefix):
                continue
            name = path[len(folder.prefix) :]
            if answer := folder.answer(name):
                return folder, name, answer
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = self.find(scope)
        if found is None:
            await self.app(scope, receive, send)
            return
        folder, name, answer = found
        headers = [
            (b"cache-control", folder.cache_control_of(name)),
            (b"etag", answer.etag),
            (b"x-content-type-options", b"nosniff"),
            *folder.extra,
        ]
        if answer.etag in (tag.strip() for tag in header(scope, b"if-none-match").split(b",")):
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        body = answer.plain
        headers.append((b"content-type", answer.content_type))
        if answer.gzipped is not None:
            headers.append((b"vary", b"Accept-Encoding"))
            if accepts_gzip(scope):
                body = answer.gzipped
                headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-length", str(len(body)).encode()))
        start: dict[str, Any] = {"type": "http.response.start", "status": 200, "headers": headers}
        await send(start)
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
