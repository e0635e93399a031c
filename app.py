"""The Belarus strike map: Streamlit widgets wired to the pure functions in strikes/.

Run with `make run`. The filters live in the URL, so a copied link reopens the
same view; the maps are embedded with streamlit-folium and do not rerun the
script on pan or zoom; each map's site data is cached per dataset and filter values.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import date, timedelta

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from strikes import compare, dataset, export, filters, mapview, tables, validate, xlsxfile
from strikes.assets import localize
from strikes.browser import BrowserError, find_chromium
from strikes.markers import SiteData

st.set_page_config(page_title="Belarus strike map, 2020", page_icon="✊", layout="wide")
# On a phone the title takes one line, so the map starts in the first screen.
st.markdown("<style>@media (max-width: 640px) {h1 {font-size: 1.5rem !important; padding-top: 0 !important;}}</style>",
            unsafe_allow_html=True)

VIEWS = {"map": "Map", "compare": "Compare the two waves"}
DATA_CHOICES = {"builtin": "Belarus 2020 (built in)", "upload": "My upload only", "both": "Both together"}
EMPTY = "No sites match these filters. Widen or clear a filter in the sidebar."
SPEEDS = {"1 day a second": 1.0, "2 days a second": 0.5, "a day every 2 seconds": 2.0}
MAP_HEIGHT = 620
LOG = logging.getLogger("strikes.app")


@st.cache_data(show_spinner=False)
def builtin_events() -> pd.DataFrame:
    return dataset.load_events()


@st.cache_data(max_entries=32, show_spinner=False)
def main_sites(data_key: str, chosen: filters.Filters, waves: tuple[str, str], _events: pd.DataFrame) -> SiteData:
    """The map's costly part, once per dataset and filter values: an unchanged filter does no work.

    The folium map itself is rebuilt each run (cheaply): streamlit-folium
    renames a map's parts as it renders it, so one map object cannot be shown twice.
    """
    shown = filters.apply(_events, chosen)
    status = compare.site_status(filters.across_waves(_events, chosen), waves)
    return mapview.site_data(shown, status, waves)


@st.cache_data(max_entries=16, show_spinner=False)
def dual_sites(data_key: str, chosen: filters.Filters, waves: tuple[str, str],
               _events: pd.DataFrame) -> tuple[SiteData, SiteData]:
    return mapview.dual_site_data(filters.across_waves(_events, chosen), waves)


def md(text: object) -> str:
    """User text for st.markdown, shown literally: markdown's special characters escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$])", r"\\\1", str(text))


def upload_control() -> None:
    """Read an uploaded file into this browser session only; a bad file keeps the previous data."""
    uploaded = st.file_uploader(
        "Your own strike data", type=["csv", "tsv", "txt", "xlsx", "geojson", "json"],
        help=f"CSV, Excel or GeoJSON: an ACLED or Labor Action Tracker export as it comes, this map's own "
             f"export, or the columns the README lists. At most {validate.MAX_UPLOAD_BYTES // 2**20} MB "
             f"and {validate.MAX_ROWS:,} rows.",
    )
    labour_only = st.toggle("Labour actions only", key="labour_only",
                            help="For ACLED files: keep the events whose actors or tags name workers, unions or strikes")
    if uploaded is None:
        return
    sheet = None
    if uploaded.name.lower().endswith(".xlsx"):
        try:
            names = xlsxfile.sheet_names(uploaded.getvalue(), uploaded.name)
        except validate.UploadError:
            names = []  # read_upload below says what is wrong with the workbook
        if len(names) > 1:
            sheet = st.selectbox("Sheet", names, key="upload_sheet")
    reading = (uploaded.file_id, sheet, labour_only)
    if st.session_state.get("upload_id") == reading:
        return
    st.session_state["upload_id"] = reading
    progress = st.progress(0.0, text="Reading the file")
    try:
        events, notes = validate.read_upload(
            uploaded.getvalue(), uploaded.name, sheet=sheet, labour_only=labour_only,
            geocode_progress=lambda done, total: progress.progress(done / total, text=f"Placing towns: {done}/{total}"),
        )
    except validate.UploadError as exc:
        st.session_state["upload_error"] = (uploaded.name, str(exc))
    except Exception:  # a reader's bug must not show a user a traceback; the log has it
        LOG.exception("unexpected error reading the upload %r", uploaded.name)
        st.session_state["upload_error"] = (
            uploaded.name, "The file could not be read because of an unexpected error, which has been logged. "
            "Check that it is a CSV, Excel or GeoJSON file in a format the README describes.")
    else:
        digest = hashlib.sha1(pd.util.hash_pandas_object(events, index=False).to_numpy().tobytes()).hexdigest()
        st.session_state.update(upload=events, upload_digest=digest, upload_notes=notes,
                                upload_name=uploaded.name, upload_error=None)
    finally:
        progress.empty()


def current_events() -> tuple[pd.DataFrame, str]:
    """The data this session shows, and a key that changes whenever it does."""
    builtin = builtin_events()
    upload = st.session_state.get("upload")
    choice = st.session_state.get("f_data", "builtin") if upload is not None else "builtin"
    if choice == "builtin":
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
    first, last = filters.play_days(span)
    try:
        day = date.fromisoformat(params.get("day", [""])[0])
    except ValueError:
        day = None
    st.session_state["f_day_mode"] = day is not None and first <= day <= last
    st.session_state["f_day"] = day if st.session_state["f_day_mode"] else first
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
    st.session_state["playing"] = not st.session_state.get("playing", False)


def playback(span: tuple[date, date]) -> date | None:
    """Day by day: a day slider with play, pause and speed. The day shown, or None for the date range."""
    st.header("Play the waves")
    if not st.toggle("Show one day at a time", key="f_day_mode"):
        st.session_state["playing"] = False
        return None
    first, last = filters.play_days(span)
    st.session_state["f_day"] = min(max(st.session_state.get("f_day", first), first), last)
    day = st.slider("Day", min_value=first, max_value=last, key="f_day", format="D MMM YYYY")
    play, speed = st.columns([1, 2])
    play.button("Pause" if st.session_state.get("playing") else "Play", on_click=toggle_play, width="stretch")
    speed.selectbox("Speed", list(SPEEDS), key="f_speed", label_visibility="collapsed")
    return day


def ticker(last: date) -> None:
    """While playing: every tick moves the day on and redraws the page, until the last day."""
    st.session_state["tick_armed"] = False

    @st.fragment(run_every=SPEEDS[st.session_state.get("f_speed", next(iter(SPEEDS)))])
    def tick() -> None:
        if not st.session_state.get("tick_armed"):  # the run that draws the page is not a tick
            st.session_state["tick_armed"] = True
            return
        day = st.session_state["f_day"]
        if day >= last:
            st.session_state["playing"] = False
        else:
            st.session_state["f_day"] = day + timedelta(days=1)
        st.rerun()

    tick()


def sidebar(options: dict[str, list[str]], span: tuple[date, date]) -> tuple[filters.Filters, str, date | None]:
    with st.sidebar:
        day = playback(span)
        st.header("Filters")
        view = st.radio("View", list(VIEWS), format_func=VIEWS.get, key="f_view")
        if span[0] < span[1]:
            start, end = st.slider("Date of action", min_value=span[0], max_value=span[1], key="f_dates",
                                   format="D MMM YYYY", disabled=day is not None,
                                   help="Off while the map shows one day at a time" if day else None)
        else:  # a slider needs two ends: data from one day has nothing to slide over
            st.caption(f"Date of action: {span[0]:%d %b %Y}")
            start, end = span
        labels = {"wave": "Wave", "sector": "Sector", "oblast": "Oblast (region)", "town": "Town",
                  "type": "Action type"}
        chosen = {name: tuple(st.multiselect(label, options[name], key=f"f_{name}", placeholder="All"))
                  for name, label in labels.items()}
        st.caption("Leave a filter empty to show all. The address bar keeps the filters: "
                   "copy the link to share this view.")
    current = filters.Filters(
        date_from=None if start == span[0] else start,
        date_to=None if end == span[1] else end,
        **chosen,
    )
    return current, view, day


def data_sidebar() -> None:
    with st.sidebar:
        st.header("Data")
        upload_control()
        if st.session_state.get("upload_error"):
            name, problems = st.session_state["upload_error"]
            st.error(f"{md(name)} was not loaded; the data shown is unchanged.")
            st.code(problems, language=None, wrap_lines=True)  # shown literally, never as markdown
        if st.session_state.get("upload") is not None:
            st.radio("Show", list(DATA_CHOICES), format_func=DATA_CHOICES.get, key="f_data")
            report = validate.summary(st.session_state["upload"], st.session_state["upload_notes"])
            st.caption("\n".join([f"**{md(st.session_state['upload_name'])}**"]
                                  + [f"- {md(line)}" for line in report.splitlines()]))


def export_buttons(events: pd.DataFrame, shown: pd.DataFrame, current: filters.Filters,
                   view: mapview.View | None) -> None:
    """Downloads of exactly what the filters show; each file is made only when its button is pressed.

    The snapshots open on the reader's view: the same centre, zoom and map size.
    """
    st.subheader("Export this view")
    columns = st.columns(4)
    stamp = "belarus-strikes"
    formats = [("csv", "CSV (actions)", "text/csv"), ("geojson", "GeoJSON (sites)", "application/geo+json"),
               ("html", "HTML map (offline)", "text/html"), ("png", "PNG snapshot", "image/png")]
    try:
        find_chromium()
        png_ready, missing = bool(shown["lat"].notna().any()), "none of these sites has a place on the map"
    except BrowserError as exc:
        png_ready, missing = False, str(exc)
    for column, (fmt, label, mime) in zip(columns, formats):
        disabled = fmt == "png" and not png_ready
        column.download_button(
            label, data=lambda fmt=fmt: export.export(fmt, current, events, view=view),
            file_name=f"{stamp}.{fmt}", mime=mime, disabled=disabled, width="stretch", on_click="ignore",
        )
    if not png_ready:
        st.caption(f"PNG export is off: {missing}")


def show_map(data_key: str, events: pd.DataFrame, shown: pd.DataFrame, current: filters.Filters,
             waves: tuple[str, str]) -> None:
    status_events = filters.across_waves(events, current)
    left, right = st.columns([4, 1])
    with left:
        # The frame is the same whatever the filters, so the map (and the reader's place on it) stays;
        # only the marker group is swapped. Pans and zooms rerun the app to keep the link and snapshots current.
        # The map opens where the link said, or where the reader left it before switching to the
        # comparison; that start stays the same while the map lives (a new one would remount it).
        fmap = localize(mapview.frame_map(events, waves, st.session_state.get("map_start")))
        markers = localize(mapview.marker_group(main_sites(data_key, current, waves, events)))
        state = st_folium(fmap, key="main_map", height=MAP_HEIGHT, use_container_width=True,
                          feature_group_to_add=markers, returned_objects=["center", "bounds", "zoom"])
        reported = mapview.View.from_state(state or {}, MAP_HEIGHT)
        if reported is not None:
            st.session_state["map_view"] = reported
        headline(shown, waves)
    with right:
        st.subheader("Not on the map")
        unlocated = tables.unlocated(shown)
        if unlocated.empty:
            st.caption("Every matching site has a place on the map.")
        for row in unlocated.itertuples():
            st.markdown(f"**{md(row.name)}** ({md(row.sector)})")
            st.caption(f"“{md(row.quote)}” — {md(row.source_title)}")
    st.subheader("Sites")
    st.dataframe(tables.site_table(shown, compare.site_status(status_events, waves)),
                 hide_index=True, width="stretch")
    export_buttons(events, shown, current, st.session_state.get("map_view"))


def show_comparison(data_key: str, events: pd.DataFrame, current: filters.Filters, waves: tuple[str, str]) -> None:
    if waves[1] == compare.NO_SECOND_WAVE:
        st.info(f"This data has one wave ({md(waves[0])}), so there is nothing to compare it with.")
        return
    status_events = filters.across_waves(events, current)
    st.caption(f"{md(waves[0].capitalize())} on the left, {md(waves[1].capitalize())} on the right; "
               "they pan and zoom together. The comparison ignores the wave and date filters.")
    dual = mapview.build_dual_map(status_events, waves, dual_sites(data_key, current, waves, events))
    st_folium(localize(dual), key="dual_map", height=560,
              use_container_width=True, returned_objects=[])
    headline(filters.apply(events, current), waves)
    counts = compare.status_counts(status_events, waves)
    for column, (label, value) in zip(st.columns(len(counts)), counts.items()):
        column.metric(f"Sites: {md(label.capitalize())}", int(value))
    st.subheader("Where the action stopped, held, or began")
    st.dataframe(compare.comparison_table(status_events, waves), hide_index=True, width="stretch")
    by_sector, by_oblast = st.columns(2)
    with by_sector:
        st.markdown("**Sites per wave, by sector**")
        st.bar_chart(compare.sites_per_wave(status_events, "sector"), stack=False, horizontal=True)
    with by_oblast:
        st.markdown("**Sites per wave, by oblast**")
        st.bar_chart(compare.sites_per_wave(status_events, "oblast"), stack=False, horizontal=True)


def headline(shown: pd.DataFrame, waves: tuple[str, str]) -> None:
    """The counts, under the map: on a phone the map comes first, in the first screen."""
    cols = st.columns(4)
    cols[0].metric("Sites shown", shown["site_id"].nunique())
    cols[1].metric("Actions shown", len(shown))
    for col, wave in zip(cols[2:], (w for w in waves if w != compare.NO_SECOND_WAVE)):
        col.metric(f"Sites in {md(wave.capitalize())}", shown.loc[shown["wave"] == wave, "site_id"].nunique())


def main() -> None:
    data_sidebar()
    events, data_key = current_events()
    options = filters.options(events)
    span = filters.date_span(events)
    url_state(options, span)
    if st.session_state.get("data_key") != data_key:
        keep_valid(options, span)
        if "data_key" in st.session_state:  # new data: fit it, rather than keep a view of the old
            st.session_state["map_view"] = st.session_state["map_start"] = None
        st.session_state["data_key"] = data_key
    chosen, view, day = sidebar(options, span)
    current = chosen if day is None else filters.on_day(chosen, day)

    st.title("The 2020 Belarusian strikes")
    shown = filters.apply(events, current)
    waves = compare.wave_pair(events)
    if day is not None:
        st.markdown(f"## {day:%-d %B %Y}")
        st.caption(f"{shown['site_id'].nunique()} sites in action on this day")
    if view == "compare":
        st.session_state["map_start"] = st.session_state.get("map_view")  # the map reopens where it was
        if filters.across_waves(events, current).empty:
            st.warning(EMPTY)
            headline(shown, waves)
        else:
            show_comparison(data_key, events, current, waves)
    elif shown.empty:
        st.warning(EMPTY)
        headline(shown, waves)
    else:
        show_map(data_key, events, shown, current, waves)
    map_view = st.session_state.get("map_view")
    st.query_params.from_dict({**chosen.to_query_params(), **({"day": day.isoformat()} if day else {}),
                               **({"view": view} if view != "map" else {}),
                               **(map_view.to_query_params() if map_view is not None else {})})
    if day is not None and st.session_state.get("playing"):
        ticker(filters.play_days(span)[1])


try:
    main()
except Exception:  # anything an upload provokes past its reading: a message and the log, never a traceback
    LOG.exception("unexpected error drawing the page")
    st.error("Something went wrong drawing this view; the error has been logged. "
             "Choose the built-in data in the sidebar, or change the filters, and try again.")
