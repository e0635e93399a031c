"""A reader's upload survives a reload and the death of its app process: kept under a token in their cookie.

Streamlit holds a session in one process's memory, so a reload (a new session) or a process killed behind the
balancer used to show the curated map again without a word. Now an accepted upload is also written to the
upload store (strikes/data/uploadstore.py), under the SHA-256 of a random token that only the reader's browser
holds, as a cookie (SameSite=Strict, never in a link or the address). A new session reads the cookie
(st.context.cookies, sent with Streamlit's websocket) and restores the upload once, or says in the reader's
language why it could not, keeping the link's filters and view. "Remove my file" deletes the entry and the
cookie.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Literal

import streamlit as st

from ..data import uploadstore
from ..data.uploadstore import Kept, NotRestored, Reason, UploadStore
from ..page.assets import PLUGINS_ROOT
from ..page.elements import markdown_text as md
from ..page.elements import script_json
from .datasets import Upload
from .state import DATA, page_state, tr

COOKIE = "strikes_upload"
SCRIPT = PLUGINS_ROOT / "keep-cookie.js"
LOG = logging.getLogger("strikes.app")


@dataclass
class KeepState:
    """This session's part in keeping its upload: its token, whether the cookie was read, what to say."""

    token: str | None = None  # the browser's token, once known (read from its cookie, or made for it)
    checked: bool = False  # the cookie was read and any upload restored, once per session
    notice: Literal["restored", "not_kept"] | Reason | None = None
    cookie: Literal["set", "clear"] | None = None  # a cookie to write on this run


def keep_state() -> KeepState:
    """This session's KeepState (beside PageState, so the store stays out of the page's own state)."""
    return st.session_state.setdefault("keep_state", KeepState())


@functools.cache
def store() -> UploadStore:
    """The process's upload store, as STRIKES_UPLOAD_STORE names it (read once)."""
    return uploadstore.store_from()


def restore() -> None:
    """On a session's first run: the upload kept under the browser's token, if any, becomes the data shown."""
    kept = keep_state()
    if kept.checked:
        return
    kept.checked = True
    cookie = st.context.cookies.get(COOKIE)
    token = cookie if isinstance(cookie, str) else None  # no request behind the session (AppTest): no cookie
    key = uploadstore.key_of(token)
    if key is None:
        return  # no upload kept for this browser (or a cookie this app never wrote)
    kept.token = token
    try:
        entry = store().get(key)
    except NotRestored as error:
        LOG.warning("an upload could not be restored: %s", error)
        kept.notice = error.reason
        return
    except ValueError as error:  # a store setting this app cannot use
        LOG.error("the upload store: %s", error)
        kept.notice = "unreachable"
        return
    page_state().upload = Upload.of(entry.events, entry.notes, entry.name)
    st.session_state[DATA] = "upload"
    kept.notice = "restored"


def keep(upload: Upload) -> None:
    """Keep an accepted upload under the browser's token (made now if it has none) and write the cookie."""
    kept = keep_state()
    kept.token = kept.token or uploadstore.new_token()
    key = uploadstore.key_of(kept.token)
    assert key is not None  # a token read or made here is always one
    try:
        store().put(key, Kept(upload.events, list(upload.notes), upload.name))
    except (NotRestored, ValueError) as error:
        LOG.error("an upload could not be kept: %s", error)
        kept.notice = "not_kept"
        return
    kept.notice, kept.cookie = None, "set"


def forget() -> None:
    """The reader's "Remove my file": the kept entry and the cookie go, and the curated map is shown.

    A button's callback, so it may set the data choice's widget value before the widget is drawn.
    """
    kept = keep_state()
    key = uploadstore.key_of(kept.token)
    if key is not None:
        try:
            store().delete(key)
        except (NotRestored, ValueError) as error:
            LOG.error("a kept upload could not be deleted: %s", error)
    page_state().upload = None
    st.session_state[DATA] = "builtin"
    kept.token, kept.notice, kept.cookie = None, None, "clear"


def report() -> None:
    """What became of the kept upload, a cookie to write, and the "Remove my file" button."""
    kept = keep_state()
    upload = page_state().upload
    if kept.notice == "restored" and upload is not None:
        st.info(tr("upload_restored", name=md(upload.name)))
    elif kept.notice is not None and kept.notice != "restored":
        st.warning(tr(f"upload_lost_{kept.notice}" if kept.notice != "not_kept" else "upload_not_kept"))
    if kept.cookie is not None:
        write_cookie(kept.token if kept.cookie == "set" else None)
        kept.cookie = None
    if upload is not None and kept.token is not None:
        st.button(tr("upload_remove"), help=tr("upload_remove_help"), on_click=forget)


def write_cookie(token: str | None) -> None:
    """The token's cookie on the reader's page (None: delete it), by keep-cookie.js in a frame of no height."""
    data = {"name": COOKIE, "token": token or "", "maxAge": int(store().ttl) if token else 0}
    st.iframe(
        f'<script type="application/json" id="keep-cookie">{script_json(data)}</script>'
        f"<script>{SCRIPT.read_text(encoding='utf-8')}</script>",  # the file has no "</" (tested)
        height=1,  # Streamlit wants a height; 1 px, out of the keyboard's way (tab_index -1)
        tab_index=-1,
        alt=tr("upload_kept_frame"),
    )
