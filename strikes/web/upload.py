"""A reader's own file: read into their session only, and what the sidebar says of it.

Every call on the file (its sheets' names too) ends as data or as a message
naming the file; a bad file keeps the previous data.
"""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from .. import intake
from ..core import i18n
from ..intake import bounded, registry, wording
from ..page.elements import markdown_text as md
from . import keep, memory, widgetwords
from .datasets import Upload
from .state import DATA, LABOUR_ONLY, lang, page_state, sheet_key, tr

# The choices of data once there is an upload, by key; their labels come from the catalogue.
DATA_CHOICES = {"builtin": "data_builtin", "upload": "data_upload", "both": "data_both"}
LOG = logging.getLogger("strikes.app")


def upload_control() -> None:
    """Read an uploaded file into this browser session only; a bad file keeps the previous data.

    The file is read in a child process held to limits (strikes.intake.bounded): this server
    keeps only the events frame that comes back, and a file past the limits gets a message.
    A file is marked read only once its result is stored: a rerun that interrupts the read (a widget
    moved, the first map reporting its view) leaves it unread, so the next run reads it again.
    """
    if words := widgetwords.uploader_css(lang(), intake.MAX_UPLOAD_BYTES // 2**20, registry.suffixes()):
        st.markdown(words, unsafe_allow_html=True)
    uploaded = st.file_uploader(
        tr("upload"),
        type=registry.suffixes(),
        help=tr("upload_help", mb=intake.MAX_UPLOAD_BYTES // 2**20, rows=i18n.number(lang(), intake.MAX_ROWS)),
    )
    labour_only = st.toggle(tr("labour_only"), key=LABOUR_ONLY, help=tr("labour_only_help"))
    keep.restore()  # a new session (a reload, another process) gets back the upload kept for this browser
    if uploaded is None:
        return
    state = page_state()
    sheet = sheet_choice(uploaded)
    reading = (uploaded.file_id, sheet, labour_only)
    if state.upload_read == reading:
        return
    progress = st.progress(0.0, text=tr("reading_file"))

    def placing(done: int, total: int) -> None:
        progress.progress(done / total, text=tr("placing_towns", done=done, total=total))

    try:
        events, notes = bounded.read_upload(
            uploaded.getvalue(),
            uploaded.name,
            sheet=sheet,
            labour_only=labour_only,
            geocode_progress=placing,
        )
    except intake.UploadError as exc:
        state.upload_error = (uploaded.name, exc.problems)  # worded as shown, in the reader's language
    except bounded.ReadLimit as exc:
        state.upload_error = (uploaded.name, exc)
    except Exception:  # a reader's bug must not show a user a traceback; the log has it
        LOG.exception("unexpected error reading the upload %r", uploaded.name)
        state.upload_error = (uploaded.name, None)
    else:
        state.upload = Upload.of(events, notes, uploaded.name)
        state.upload_error = None
        keep.keep(state.upload)
        # shown at once, alone (the curated data is one click away): a map that did not change
        # looked as if the upload had failed
        st.session_state[DATA] = "upload"
    state.upload_read = reading
    progress.empty()
    memory.release()  # the previous upload's frame, and the pipe's buffers, back to the machine now


def sheet_choice(uploaded: UploadedFile) -> int | None:
    """A workbook's sheet, by position (two sheets may share a name); its names are read once per file."""
    try:
        if registry.format_for(uploaded.name).sheet_names is None:
            return None
    except intake.UploadError:
        return None  # read_upload says the type is unknown
    state = page_state()
    if state.upload_sheets is None or state.upload_sheets[0] != uploaded.file_id:
        try:
            names = bounded.sheet_names(uploaded.getvalue(), uploaded.name)
        except (intake.UploadError, bounded.ReadLimit):
            names = []  # read_upload says what is wrong with the workbook
        except Exception:  # as in upload_control: logged, and read_upload then gives the reader a message
            LOG.exception("unexpected error reading the sheets of %r", uploaded.name)
            names = []
        state.upload_sheets = (uploaded.file_id, names)
    names = state.upload_sheets[1]
    if len(names) < 2:
        return None
    return st.selectbox(
        tr("sheet"),
        range(len(names)),
        format_func=lambda i: f"{i + 1}. {names[i]}",
        key=sheet_key(uploaded.file_id),
    )


def upload_report() -> None:
    """Why the last file was not loaded, or what was read from the upload shown and the choice of data."""
    state = page_state()
    if state.upload_error:
        name, problems = state.upload_error
        st.error(tr("not_loaded", name=md(name)))
        if problems is None:
            text = tr("upload_unexpected")
        elif isinstance(problems, bounded.ReadLimit):
            text = problems.text(lang())
        else:
            text = wording.problems_text(problems, lang())
        st.code(text, language=None, wrap_lines=True)  # shown literally, never as markdown
    if state.upload is not None:
        st.radio(tr("show"), list(DATA_CHOICES), format_func=lambda key: tr(DATA_CHOICES[key]), key=DATA)
        report = intake.summary(state.upload.events, state.upload.notes, lang())
        st.caption("\n".join([f"**{md(state.upload.name)}**"] + [f"- {md(line)}" for line in report.splitlines()]))
    keep.report()
