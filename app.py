"""The Belarus strike map: Streamlit widgets wired to the pure functions in strikes/.

Run with `make run`. The filters live in the URL, so a copied link reopens the
same view; the maps are embedded with streamlit-folium and do not rerun the
script on pan or zoom; each map's site data is cached per dataset and filter values.
"""

from __future__ import annotations

import functools
import hashlib
import html
import logging
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, TypeVar, cast

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile
from streamlit_folium import st_folium

from strikes import export, intake
from strikes.core import compare, filters, i18n
from strikes.core.dataname import DataName
from strikes.core.i18n import Lang
from strikes.data import dataset, placenames
from strikes.export.browser import BrowserError, find_chromium
from strikes.intake import registry, wording
from strikes.page import about, mapview, markup, tables
from strikes.page.assets import localize
from strikes.page.elements import markdown_text as md
from strikes.page.icons import FIRST_COLOUR, SECOND_COLOUR
from strikes.page.markers import SiteData
from strikes.web import memory, widgetwords
from strikes.web.memo import Memo

st.set_page_config(page_title="Belarus strike map, 2020", page_icon="✊", layout="wide")
# On a phone the title takes one line, so the map starts in the first screen.
# Streamlit's running indicator ("Running…", "Stop") is for the app's developers, not its readers: hidden, not
# removed, so the browser tests can still wait for a run to end.
st.markdown(
    "<style>@media (max-width: 640px) {h1 {font-size: 1.5rem !important; padding-top: 0 !important;}}"
    "[data-testid=stStatusWidget] {visibility: hidden;}"
    "[data-testid=stMain] h2 {font-size: 1.45rem;}"
    # skip links: out of sight until the keyboard reaches them
    ".skip-link {position: absolute; left: -10000px;} .skip-link:focus {position: static; margin-right: 1em;}"
    # an embedded page's title is for screen readers only: the article around it names the map
    ".embedded-title {position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);}"
    # captions at 4.5:1 on white (WCAG 1.4.3); Streamlit's grey is 3.9:1
    "[data-testid=stCaptionContainer] {opacity: 1 !important;}"
    "[data-testid=stCaptionContainer], [data-testid=stCaptionContainer] p {color: #5e5d5b !important;}</style>",
    unsafe_allow_html=True,
)

# Choices by key; their labels come from the language's catalogue (strikes/core/i18n.py).
VIEWS = {"map": "view_map", "compare": "view_compare"}
DATA_CHOICES = {"builtin": "data_builtin", "upload": "data_upload", "both": "data_both"}
SPEEDS = {"speed_1": 1.0, "speed_2": 0.5, "speed_half": 2.0}
# Streamlit's date slider writes month names in English only: other languages get numbers, no words.
SLIDER_DATE_FORMATS = {"en": "D MMM YYYY"}
FILTER_LABELS = {
    "wave": "filter_wave",
    "sector": "filter_sector",
    "oblast": "filter_oblast",
    "town": "filter_town",
    "type": "filter_type",
}
MAP_HEIGHT = 620
EMBEDDED_MAP_HEIGHT = 500  # ?embed=true: the whole map, its legend button, scale and credits in a 700x600 frame
# An upload's cached results per function, in its reader's session: the last few filter choices.
UPLOAD_MEMO = 4
# How often the server collects garbage and trims its heap (strikes/web/memory.py): a few ms of CPU.
RELEASE_SECONDS = 10.0
T = TypeVar("T")
LOG = logging.getLogger("strikes.app")


@st.cache_resource(show_spinner=False)
def memory_release() -> None:
    """Once per server: arrow's buffers from malloc, and freed memory handed back every few seconds."""
    memory.use_system_allocator()
    memory.release_every(RELEASE_SECONDS)


@st.cache_data(show_spinner=False)
def builtin_events() -> pd.DataFrame:
    return dataset.load_events()


def per_dataset(shared_entries: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Cache a function of (data_key, ..., _events) once per dataset and argument values.

    The curated data's results are the same for every reader, so they are cached once for all
    (st.cache_data, at most ``shared_entries``); an upload's are seen by its reader only, so they
    are kept in that reader's session (UPLOAD_MEMO results each) and go when the session does.
    """

    def wrap(compute: Callable[..., T]) -> Callable[..., T]:
        shared = st.cache_data(max_entries=shared_entries, show_spinner=False)(compute)

        @functools.wraps(compute)
        def cached(data_key: str, *args: Any) -> T:
            if data_key == "builtin":
                return shared(data_key, *args)
            memo = st.session_state.setdefault(f"memo_{compute.__name__}", Memo(UPLOAD_MEMO))
            return memo.get((data_key, *args[:-1]), lambda: compute(data_key, *args))  # the last is _events

        return cached

    return wrap


@per_dataset(shared_entries=32)
def main_sites(
    data_key: str, chosen: filters.Filters, waves: tuple[str, str], lang: Lang, _events: pd.DataFrame
) -> SiteData:
    """The map's costly part, once per dataset and filter values: an unchanged filter does no work.

    The folium map itself is rebuilt each run (cheaply): streamlit-folium
    renames a map's parts as it renders it, so one map object cannot be shown twice.
    """
    status = site_status(data_key, filters.status_filters(chosen), waves, _events)
    return mapview.site_data(filters.apply(_events, chosen), status, waves, lang)


@per_dataset(shared_entries=32)
def site_status(data_key: str, chosen: filters.Filters, waves: tuple[str, str], _events: pd.DataFrame) -> pd.Series:
    """Each site's status across both waves under these filters, for the markers and the table.

    Callers pass filters.status_filters(...), so every day of a playback shares one result.
    """
    return compare.site_status(filters.across_waves(_events, chosen), waves)


@per_dataset(shared_entries=32)
def site_table(
    data_key: str, chosen: filters.Filters, waves: tuple[str, str], lang: Lang, _events: pd.DataFrame
) -> pd.DataFrame:
    """The table under the map, once per dataset and filter values: the map's own reports rerun the app."""
    status = site_status(data_key, filters.status_filters(chosen), waves, _events)
    return tables.site_table(filters.apply(_events, chosen), status, waves, lang)


@per_dataset(shared_entries=2)
def map_frame(data_key: str, waves: tuple[str, str], _events: pd.DataFrame) -> mapview.Frame:
    """The dataset's side of the map frame (bounds, legend entries, search box), once per dataset."""
    return mapview.Frame.of(_events, waves)


@per_dataset(shared_entries=16)
def dual_sites(
    data_key: str, chosen: filters.Filters, waves: tuple[str, str], lang: Lang, _events: pd.DataFrame
) -> tuple[SiteData, SiteData]:
    return mapview.dual_site_data(filters.across_waves(_events, chosen), waves, lang)


def lang() -> i18n.Lang:
    return i18n.language(st.session_state.get("f_lang"))


def tr(key: str, **values: object) -> str:
    """The interface string ``key`` in the reader's language."""
    return i18n.t(lang(), key, **values)


def upload_control() -> None:
    """Read an uploaded file into this browser session only; a bad file keeps the previous data.

    Every call on the file (its sheets' names too) ends as data or as a message naming the file, and
    a file is marked read only once its result is stored: a rerun that interrupts the read (a widget
    moved, the first map reporting its view) leaves it unread, so the next run reads it again.
    """
    if words := widgetwords.uploader_css(lang(), intake.MAX_UPLOAD_BYTES // 2**20, registry.suffixes()):
        st.markdown(words, unsafe_allow_html=True)
    uploaded = st.file_uploader(
        tr("upload"),
        type=registry.suffixes(),
        help=tr("upload_help", mb=intake.MAX_UPLOAD_BYTES // 2**20, rows=f"{intake.MAX_ROWS:,}"),
    )
    labour_only = st.toggle(tr("labour_only"), key="labour_only", help=tr("labour_only_help"))
    if uploaded is None:
        return
    sheet = sheet_choice(uploaded)
    reading = (uploaded.file_id, sheet, labour_only)
    if st.session_state.get("upload_id") == reading:
        return
    progress = st.progress(0.0, text=tr("reading_file"))

    def placing(done: int, total: int) -> None:
        progress.progress(done / total, text=tr("placing_towns", done=done, total=total))

    try:
        events, notes = intake.read_upload(
            uploaded.getvalue(),
            uploaded.name,
            sheet=sheet,
            labour_only=labour_only,
            geocode_progress=placing,
        )
    except intake.UploadError as exc:
        st.session_state["upload_error"] = (uploaded.name, exc.problems)  # worded as shown, in the reader's language
    except Exception:  # a reader's bug must not show a user a traceback; the log has it
        LOG.exception("unexpected error reading the upload %r", uploaded.name)
        st.session_state["upload_error"] = (uploaded.name, None)
    else:
        digest = hashlib.sha1(pd.util.hash_pandas_object(events, index=False).to_numpy().tobytes()).hexdigest()
        # shown at once, alone (the curated data is one click away): a map that did not change
        # looked as if the upload had failed
        st.session_state.update(
            upload=events,
            upload_digest=digest,
            upload_notes=notes,
            upload_name=uploaded.name,
            upload_error=None,
            f_data="upload",
        )
    st.session_state["upload_id"] = reading
    progress.empty()


def sheet_choice(uploaded: UploadedFile) -> int | None:
    """A workbook's sheet, by position (two sheets may share a name); its names are read once per file."""
    try:
        sheet_names = registry.format_for(uploaded.name).sheet_names
    except intake.UploadError:
        return None  # read_upload says the type is unknown
    if sheet_names is None:
        return None
    known = st.session_state.get("upload_sheets")
    if known is None or known[0] != uploaded.file_id:
        try:
            names = sheet_names(uploaded.getvalue(), uploaded.name)
        except intake.UploadError:
            names = []  # read_upload says what is wrong with the workbook
        except Exception:  # as in upload_control: logged, and read_upload then gives the reader a message
            LOG.exception("unexpected error reading the sheets of %r", uploaded.name)
            names = []
        known = st.session_state["upload_sheets"] = (uploaded.file_id, names)
    names = known[1]
    if len(names) < 2:
        return None
    return st.selectbox(
        tr("sheet"),
        range(len(names)),
        format_func=lambda i: f"{i + 1}. {names[i]}",
        key=f"upload_sheet_{uploaded.file_id}",
    )


def current_events() -> tuple[pd.DataFrame, str]:
    """The data this session shows, and a key that changes whenever it does."""
    builtin = builtin_events()
    upload = st.session_state.get("upload")
    choice = st.session_state.get("f_data", "builtin")
    if upload is None or choice == "builtin":
        return builtin, "builtin"
    digest = st.session_state["upload_digest"]
    if choice == "upload":
        return upload, f"upload-{digest}"
    tagged = upload.assign(**{c: "upload:" + upload[c] for c in ("event_id", "site_id", "source_id")})
    return pd.concat([builtin, tagged], ignore_index=True), f"both-{digest}"


def url_state(options: dict[str, list[str]], span: tuple[date, date]) -> None:
    """Seed the widgets from the URL on a session's first run only; afterwards the widgets rule."""
    if st.session_state.get("seeded"):
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    initial = filters.Filters.from_query_params(params, options)
    for name in filters.CHOICE_COLUMNS:
        st.session_state[f"f_{name}"] = list(getattr(initial, name))
    start = max(initial.date_from or span[0], span[0])
    end = min(initial.date_to or span[1], span[1])
    st.session_state["f_dates"] = (start, end) if start <= end else span
    view = params.get("view", ["map"])[0]
    st.session_state["f_view"] = view if view in VIEWS else "map"
    st.session_state["map_view"] = st.session_state["map_start"] = mapview.View.from_query_params(params)
    st.session_state["link_view"] = st.session_state["map_view"]  # the comparison opens here too, else fits
    first, last = filters.play_days(span)
    try:
        day = date.fromisoformat(params.get("day", [""])[0])
    except ValueError:
        day = None
    st.session_state["f_pair_first"], st.session_state["f_pair_second"] = (params.get("pair", []) + [None, None])[:2]
    st.session_state["f_day_mode"] = day is not None and first <= day <= last
    if st.session_state["f_day_mode"]:  # else the day view opens on the first day with action
        st.session_state["f_day"] = day
    st.session_state["seeded"] = True


def keep_valid(options: dict[str, list[str]], span: tuple[date, date]) -> None:
    """After the data changes, drop chosen values it no longer has and clamp the dates."""
    for name in filters.CHOICE_COLUMNS:
        key = f"f_{name}"
        st.session_state[key] = [v for v in st.session_state.get(key, []) if v in options[name]]
    start, end = st.session_state.get("f_dates", span)
    start, end = max(start, span[0]), min(end, span[1])
    st.session_state["f_dates"] = (start, end) if start <= end else span


def toggle_play() -> None:
    """Play from the slider's day, or pause where the playback is."""
    playing = not st.session_state.get("playing", False)
    st.session_state["playing"] = playing
    if playing:
        st.session_state["play_day"] = st.session_state["f_day"]


@per_dataset(shared_entries=32)
def days_with_action(
    data_key: str, chosen: filters.Filters, first: date, last: date, _events: pd.DataFrame
) -> list[date]:
    """The playable days on which some site under the chosen filters (dates aside) is in action."""
    return filters.action_days(filters.apply(_events, chosen), first, last)


def every_day(first: date, last: date) -> list[date]:
    """The days the day slider steps through, so that it can name them in the reader's language (Streamlit's
    date slider writes its months in English)."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def spoken_day(day: date) -> str:
    """A slider's day in the reader's language: 10 жніўня 2020."""
    return i18n.long_date(lang(), day)


def follow_slider() -> None:
    """A reader moving the day slider moves the playback there."""
    st.session_state["play_day"] = st.session_state["f_day"]


def playback(data_key: str, events: pd.DataFrame, span: tuple[date, date]) -> tuple[date | None, list[date] | None]:
    """Day by day: a day slider with play, pause and speed. The day shown (None for the date range),
    and the days playback steps through when it keeps to days with action (None: every day).

    It opens on the first day with action; where most days have none (the curated data acts on 6 of
    114), it steps through the days with action only, so the map is not bare on most of its frames.
    """
    st.header(tr("play_header"))
    if not st.toggle(tr("day_mode"), key="f_day_mode"):
        st.session_state["playing"] = False
        st.session_state.pop("play_day", None)
        return None, None
    first, last = filters.play_days(span)
    chosen = filters.Filters.of({name: st.session_state.get(f"f_{name}", []) for name in filters.CHOICE_COLUMNS})
    days = days_with_action(data_key, chosen, first, last, events) or [first]
    linked = st.session_state.get("f_day")  # a link's day stays the day shown, quiet or not
    st.session_state.setdefault(
        "f_action_days", filters.mostly_quiet(len(days), first, last) and (linked is None or linked in days)
    )
    action_only = st.toggle(tr("action_days"), key="f_action_days", help=tr("action_days_help"))
    if "play_day" in st.session_state:  # where the playback has got to: the slider moves there
        st.session_state["f_day"] = st.session_state["play_day"]
        if not st.session_state.get("playing"):
            del st.session_state["play_day"]
    day = min(max(st.session_state.get("f_day", days[0]), first), last)
    if action_only:
        st.session_state["f_day"] = next((d for d in days if d >= day), days[-1])
    else:
        st.session_state["f_day"] = day
    day = st.select_slider(
        tr("day"),
        options=days if action_only else every_day(first, last),
        key="f_day",
        on_change=follow_slider,
        format_func=spoken_day,
    )
    play, speed = st.columns(2)  # room for "Прайграць" beside the speed
    play.button(tr("pause") if st.session_state.get("playing") else tr("play"), on_click=toggle_play, width="stretch")
    speed.selectbox(tr("speed"), list(SPEEDS), format_func=tr, key="f_speed", label_visibility="collapsed")
    return day, days if action_only else None


def play(
    data_key: str,
    events: pd.DataFrame,
    chosen: filters.Filters,
    waves: tuple[str, str],
    day: date,
    last: date,
    steps: list[date] | None,
) -> None:
    """While playing, only this fragment reruns at each tick: the day, its markers and its counts.

    A whole run (sidebar, upload summary, site table, exports) each tick cost a playing reader
    28-56 CPU-seconds a minute; the rest of the page follows at the pause. The day lives in
    play_day, which the slider takes up at the next whole run.
    """
    st.session_state["tick_armed"] = False
    st.session_state.setdefault("play_day", day)

    @st.fragment(run_every=SPEEDS[st.session_state.get("f_speed", next(iter(SPEEDS)))])
    def tick() -> None:
        if st.session_state.get("tick_armed"):  # the run that draws the page is not a tick
            following = filters.next_play_day(st.session_state["play_day"], last, steps)
            if following is None:
                st.session_state["playing"] = False
                st.rerun()
            st.session_state["play_day"] = following
        st.session_state["tick_armed"] = True
        day = st.session_state["play_day"]
        st.query_params["day"] = day.isoformat()  # a link copied during playback opens on its day
        current = filters.on_day(chosen, day)
        shown = filters.apply(events, current)
        day_heading(day, shown)
        draw_map(data_key, events, current, waves, day)
        headline(shown, waves)

    tick()


def filter_words(name: str) -> Callable[[str], str]:
    """A filter's values as the page words them: a town by its one name in the reader's language."""
    if name == "town":
        return functools.partial(placenames.town_name, lang=lang())
    return functools.partial(i18n.word, lang())


def wave_picker(data_key: str, events: pd.DataFrame) -> None:
    """Which two waves the map colours and the comparison sets side by side, where the data has more than
    two (an upload's months): the first two in time (or a link's pair) unless the reader picks others."""
    waves = dataset_waves(data_key, events)
    if len(waves) <= 2:
        return
    pair = chosen_pair(data_key, events)  # the pick so far, if the data still has it; else the default
    st.session_state["f_pair_first"], st.session_state["f_pair_second"] = pair
    words = functools.partial(i18n.wave_name, lang())
    # one above the other: side by side the sidebar cut "Верасень 2022" to "Верасень", and the year is the point
    st.selectbox(tr("first_wave"), waves, key="f_pair_first", format_func=words)
    st.selectbox(tr("second_wave"), waves, key="f_pair_second", format_func=words)


def chosen_pair(data_key: str, events: pd.DataFrame) -> tuple[str, str]:
    """The two waves compared: the reader's pick (wave_picker), or the data's first two."""
    picked = (st.session_state.get("f_pair_first"), st.session_state.get("f_pair_second"))
    return compare.pick_pair(dataset_waves(data_key, events), picked)


@per_dataset(shared_entries=2)
def dataset_waves(data_key: str, _events: pd.DataFrame) -> list[str]:
    """The data's waves in time order, once per dataset (a groupby over every event)."""
    return compare.waves_in_order(_events)


def data_name(data_key: str) -> DataName:
    """Whose data the page shows, for its heading and its exports' titles and file names."""
    return DataName(data_key.split("-")[0], st.session_state.get("upload_name", ""))


def sidebar(
    data_key: str, events: pd.DataFrame, options: dict[str, list[str]], span: tuple[date, date]
) -> tuple[filters.Filters, str, date | None, list[date] | None]:
    with st.sidebar:
        day, steps = playback(data_key, events, span)
        st.header(tr("filters"))
        view = st.radio(tr("view"), list(VIEWS), format_func=lambda key: tr(VIEWS[key]), key="f_view")
        wave_picker(data_key, events)
        if span[0] < span[1]:
            # a range: its value (url_state seeds it) is a pair, which Streamlit's typing cannot see
            start, end = cast(
                "tuple[date, date]",
                st.slider(
                    tr("date_of_action"),
                    min_value=span[0],
                    max_value=span[1],
                    key="f_dates",
                    format=SLIDER_DATE_FORMATS.get(lang(), "DD.MM.YYYY"),
                    disabled=day is not None,
                    help=tr("range_off") if day else None,
                ),
            )
        else:  # a slider needs two ends: data from one day has nothing to slide over
            st.caption(f"{tr('date_of_action')}: {i18n.long_date(lang(), span[0])}")
            start, end = span
        chosen = {
            name: tuple(
                st.multiselect(
                    tr(label), options[name], key=f"f_{name}", placeholder=tr("all"), format_func=filter_words(name)
                )
            )
            for name, label in FILTER_LABELS.items()
        }
        st.caption(tr("filters_caption"))
    current = filters.Filters.of(
        chosen, date_from=None if start == span[0] else start, date_to=None if end == span[1] else end
    )
    return current, view, day, steps


def data_sidebar() -> None:
    with st.sidebar:
        skip_links()
        st.selectbox(tr("language"), list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.__getitem__, key="f_lang")
        st.header(tr("data"))
        upload_control()
        if st.session_state.get("upload_error"):
            name, problems = st.session_state["upload_error"]
            st.error(tr("not_loaded", name=md(name)))
            text = tr("upload_unexpected") if problems is None else wording.problems_text(problems, lang())
            st.code(text, language=None, wrap_lines=True)  # shown literally, never as markdown
        if st.session_state.get("upload") is not None:
            st.radio(tr("show"), list(DATA_CHOICES), format_func=lambda key: tr(DATA_CHOICES[key]), key="f_data")
            report = intake.summary(st.session_state["upload"], st.session_state["upload_notes"], lang())
            st.caption(
                "\n".join(
                    [f"**{md(st.session_state['upload_name'])}**"] + [f"- {md(line)}" for line in report.splitlines()]
                )
            )


def export_buttons(
    data_key: str,
    events: pd.DataFrame,
    shown: pd.DataFrame,
    current: filters.Filters,
    waves: tuple[str, str],
    view: mapview.View | None,
) -> None:
    """Downloads of exactly what the filters show; each file is made only when its button is pressed.

    The snapshots open on the reader's view: the same centre, zoom and map size.
    """
    st.header(tr("export"))
    columns = st.columns(4)
    name = data_name(data_key)
    formats = [(fmt, tr(f"export_{fmt}"), mime) for fmt, mime in export.MEDIA_TYPES.items()]
    try:
        find_chromium()
        png_ready, missing = bool(shown["lat"].notna().any()), tr("png_no_sites")
    except BrowserError as exc:
        png_ready, missing = False, str(exc)
    citation = "" if data_key.startswith("upload") else about.citation(page_address(), lang())
    size = st.session_state.get("png_size", "view")
    language, box = lang(), view_box()

    def made(fmt: str) -> bytes:
        """The file, made when the reader asks for it, of the view they have then (the box follows the map)."""
        return export.export(
            fmt,
            current,
            events,
            view=box.get("view", view),
            lang=language,
            name=name,
            waves=waves,
            citation=citation,
            png_size=size,
        )

    for column, (fmt, button, mime) in zip(columns, formats):
        disabled = fmt == "png" and not png_ready
        column.download_button(
            button,
            data=functools.partial(made, fmt),
            file_name=export.file_name(name.label(), current, fmt),
            mime=mime,
            disabled=disabled,
            width="stretch",
            on_click="ignore",
        )
    columns[3].selectbox(
        tr("png_size"),
        list(export.PNG_SIZES),
        format_func=lambda key: tr(f"png_{key}"),
        key="png_size",
        disabled=not png_ready,
    )
    if not png_ready:
        st.caption(tr("png_off", why=missing))


def draw_map(
    data_key: str, events: pd.DataFrame, current: filters.Filters, waves: tuple[str, str], day: date | None = None
) -> None:
    """The main map: its frame is the same whatever the filters, so the map (and the reader's place
    on it) stays; only the marker group is swapped, and a filter or day with no site says so over the
    map. It opens where the link said, or where the reader left it before the comparison; pans and
    zooms rerun the app to keep the link and snapshots current."""
    fmap = localize(
        mapview.frame_map(map_frame(data_key, waves, events), waves, st.session_state.get("map_start"), lang=lang())
    )
    markers = localize(
        mapview.marker_group(
            main_sites(data_key, current, waves, lang(), events), tr("empty_day" if day else "empty"), lang()
        )
    )
    height = EMBEDDED_MAP_HEIGHT if st.context.is_embedded else MAP_HEIGHT
    state = st_folium(
        fmap,
        key="main_map",
        height=height,
        use_container_width=True,
        feature_group_to_add=markers,
        returned_objects=["center", "bounds", "zoom"],
    )
    reported = mapview.View.from_state(state or {}, height)
    if reported is not None:
        st.session_state["map_view"] = reported


def view_box() -> dict[str, mapview.View]:
    """The reader's latest view, in a plain dict the download buttons keep: the map's fragment reruns
    update it after the buttons were drawn, and a download runs outside any script run."""
    return st.session_state.setdefault("view_box", {})


@st.fragment
def map_fragment(
    data_key: str, events: pd.DataFrame, current: filters.Filters, waves: tuple[str, str], day: date | None
) -> None:
    """The map as a fragment: its view reports (one as it opens, one after it fits the data, then one per
    pan or zoom) rerun only this, not the sidebar, the site table and the exports; the link follows here."""
    before = st.session_state.get("map_view")
    draw_map(data_key, events, current, waves, day)
    after = st.session_state.get("map_view")
    if after is not None:
        view_box()["view"] = after
        if after != before:
            st.query_params.update(after.to_query_params())


def show_map(
    data_key: str,
    events: pd.DataFrame,
    shown: pd.DataFrame,
    current: filters.Filters,
    waves: tuple[str, str],
    day: date | None,
) -> None:
    left, right = st.columns([4, 1])
    with left:
        st.markdown('<div id="strike-map" tabindex="-1"></div>', unsafe_allow_html=True)
        map_fragment(data_key, events, current, waves, day)
        headline(shown, waves)
    with right:
        st.header(tr("not_on_map"))
        unlocated = tables.unlocated(shown)
        if unlocated.empty:
            st.caption(tr("all_placed"))
        for row in unlocated.itertuples():
            st.markdown(f"**{md(row.name)}** ({md(i18n.word(lang(), row.sector))})")
            st.caption(f"“{md(row.quote)}” — {md(row.source_title)}")
    st.header(tr("sites"), anchor="site-table")
    st.dataframe(
        site_table(data_key, current, waves, lang(), events),
        hide_index=True,
        width="stretch",
        column_config={column: tr(f"col_{column}") for column in tables.SITE_COLUMNS},
    )
    export_buttons(data_key, events, shown, current, waves, st.session_state.get("map_view"))


def show_comparison(
    data_key: str, events: pd.DataFrame, shown: pd.DataFrame, current: filters.Filters, waves: tuple[str, str]
) -> None:
    if waves[1] == compare.NO_SECOND_WAVE:
        st.info(tr("one_wave", wave=md(i18n.word(lang(), waves[0]))))
        return
    status_events = filters.across_waves(events, current)
    first, second = (md(i18n.wave_name(lang(), w)) for w in waves)
    counts = compare.status_counts(status_events, waves)
    st.header(tr("what_changed", first_wave=first, second_wave=second, **compare.what_changed(counts, waves)))
    st.caption(tr("compare_caption", first=first, second=second))
    st.markdown('<div id="strike-map" tabindex="-1"></div>', unsafe_allow_html=True)
    dual = mapview.build_dual_map(
        status_events,
        waves,
        dual_sites(data_key, current, waves, lang(), events),
        lang=lang(),
        view=st.session_state.get("link_view"),
    )  # a link's view; else the whole data
    st_folium(localize(dual), key="dual_map", height=560, use_container_width=True, returned_objects=[])
    headline(shown, waves)
    names = markup.status_names(waves, lang())  # as the legend and the table word them
    for column, (label, value) in zip(st.columns(len(counts)), counts.items()):
        column.metric(tr("sites_status", status=md(names[label])), int(value))
    st.header(tr("compare_table"))
    st.dataframe(
        tables.comparison_rows(status_events, waves, lang()),
        hide_index=True,
        width="stretch",
        column_config={column: tr(f"col_{column}") for column in tables.COMPARISON_COLUMNS},
    )
    by_sector, by_oblast = st.columns(2)
    with by_sector:
        st.markdown(f"**{tr('by_sector')}**")
        st.bar_chart(
            tables.sites_per_wave_chart(status_events, "sector", waves, lang()),
            stack=False,
            horizontal=True,
            color=[FIRST_COLOUR, SECOND_COLOUR],
        )  # the map's colours for the waves
    with by_oblast:
        st.markdown(f"**{tr('by_oblast')}**")
        st.bar_chart(
            tables.sites_per_wave_chart(status_events, "oblast", waves, lang()),
            stack=False,
            horizontal=True,
            color=[FIRST_COLOUR, SECOND_COLOUR],
        )


def headline(shown: pd.DataFrame, waves: tuple[str, str]) -> None:
    """The counts, under the map: on a phone the map comes first, in the first screen."""
    cols = st.columns(4)
    cols[0].metric(tr("sites_shown"), shown["site_id"].nunique())
    cols[1].metric(tr("actions_shown"), len(shown))
    for col, wave in zip(cols[2:], (w for w in waves if w != compare.NO_SECOND_WAVE)):
        col.metric(
            tr("sites_in", wave=md(i18n.wave_name(lang(), wave))),
            shown.loc[shown["wave"] == wave, "site_id"].nunique(),
        )


def day_heading(day: date, shown: pd.DataFrame) -> None:
    """The day shown in day mode, and how many sites were in action on it."""
    st.markdown(f"## {i18n.long_date(lang(), day)}")
    st.caption(tr("in_action", count=shown["site_id"].nunique()))


def show_view(
    data_key: str, events: pd.DataFrame, current: filters.Filters, view: str, day: date | None, waves: tuple[str, str]
) -> None:
    """The map or the comparison under the filters, with the day's heading in day mode."""
    shown = filters.apply(events, current)
    if day is not None:
        day_heading(day, shown)
    if view == "compare":
        st.session_state["map_start"] = st.session_state.get("map_view")  # the map reopens where it was
        if filters.across_waves(events, current).empty:
            st.warning(tr("empty"))
            headline(shown, waves)
        else:
            show_comparison(data_key, events, shown, current, waves)
    else:  # an empty filter or day keeps the map and the reader's place; the map says why it is bare
        show_map(data_key, events, shown, current, waves, day)


def page_address() -> str:
    """The map's address as the reader opened it, without the filters, for the citation line."""
    return str(st.context.url or "").split("?", 1)[0]


@st.cache_data(show_spinner=False)
def about_text(lang: Lang, address: str) -> str:
    """The curated map's "About this map" in ``lang``."""
    return about.about_markdown(builtin_events(), dataset.load_sources(), address, lang)


def about_section(data_key: str) -> None:
    """What the map is made from, how far to trust its points, its waves and how to cite it (folded)."""
    if data_key.startswith("upload"):
        return  # a reader's own data: its notes say what was read
    with st.expander(tr("about")):
        st.markdown(about_text(lang(), page_address()))


def skip_links() -> None:
    """Links a keyboard reader meets first, atop the sidebar: straight to the map, or past it to the site
    table (WCAG 2.4.1)."""
    links = [("strike-map", tr("skip_map"))] + (
        [("site-table", tr("skip_table"))]
        if st.session_state.get("f_view", st.query_params.get("view", "map")) == "map"
        else []
    )
    st.markdown(
        " ".join(f'<a class="skip-link" href="#{anchor}">{html.escape(label)}</a>' for anchor, label in links),
        unsafe_allow_html=True,
    )


def main() -> None:
    memory_release()
    if "f_lang" not in st.session_state:  # the link's language, before the first widget that speaks it
        st.session_state["f_lang"] = i18n.language(st.query_params.get("lang"))
    data_sidebar()
    events, data_key = current_events()
    options = filters.options(events)
    span = filters.date_span(events)
    url_state(options, span)
    if st.session_state.get("data_key") != data_key:
        keep_valid(options, span)
        if "data_key" in st.session_state:  # new data: fit it, rather than keep a view of the old
            st.session_state["map_view"] = st.session_state["map_start"] = None
            view_box().clear()
        st.session_state["data_key"] = data_key
    chosen, view, day, steps = sidebar(data_key, events, options, span)

    title = data_name(data_key).title(lang())
    st.set_page_config(page_title=title)  # the browser's tab names the data shown, an upload's too
    if st.context.is_embedded:  # in an article's frame the article names the map; the map gets the room
        st.markdown(
            f'<h1 class="embedded-title">{html.escape(title)}</h1>'
            "<style>[data-testid=stMainBlockContainer] {padding-top: 0.5rem;}</style>",
            unsafe_allow_html=True,
        )
    else:
        st.title(md(title))
    waves = chosen_pair(data_key, events)
    if day is not None and view == "map" and st.session_state.get("playing"):
        play(data_key, events, chosen, waves, day, filters.play_days(span)[1], steps)
    else:
        show_view(data_key, events, chosen if day is None else filters.on_day(chosen, day), view, day, waves)
    about_section(data_key)  # after the map: on a phone the map comes first, in the first screen
    map_view = st.session_state.get("map_view")
    st.query_params.from_dict(
        {
            **chosen.to_query_params(),
            **({"day": day.isoformat()} if day else {}),
            **({"view": view} if view != "map" else {}),
            **({"pair": list(waves)} if len(options["wave"]) > 2 else {}),
            **({"lang": lang()} if lang() != i18n.DEFAULT else {}),
            **(map_view.to_query_params() if map_view is not None else {}),
        }
    )


try:
    main()
except Exception:  # anything an upload provokes past its reading: a message and the log, never a traceback
    LOG.exception("unexpected error drawing the page")
    st.error(tr("unexpected"))
