"""Uploading one's own data in the app: it maps, a bad file keeps the previous data, nothing is written."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from strikes.data.cache import CACHE_PATH, GEODATA

from .test_app import APP, metrics

EXAMPLE = GEODATA / "examples" / "strikes-example.csv"


def upload(app: AppTest, name: str, content: bytes) -> AppTest:
    return app.file_uploader[0].set_value((name, content, "text/csv")).run()


def test_upload_replaces_or_joins_the_built_in_data_for_this_session() -> None:
    before = {p: p.read_bytes() for p in GEODATA.glob("*.*")}
    app = AppTest.from_file(APP, default_timeout=60).run()
    upload(app, "strikes-example.csv", EXAMPLE.read_bytes())
    assert not app.exception and not app.error
    uploaded = metrics(app)
    app.radio(key="f_data").set_value("builtin").run()
    builtin = metrics(app)
    app.radio(key="f_data").set_value("both").run()
    both = metrics(app)
    assert builtin["Actions shown"] == 50 and both["Actions shown"] == 60
    assert uploaded["Actions shown"] == 10  # the upload is shown at once, alone
    assert {p: p.read_bytes() for p in GEODATA.glob("*.*")} == before  # geodata/ untouched
    assert CACHE_PATH.read_bytes() == before[CACHE_PATH]


def test_a_broken_upload_says_why_and_keeps_the_previous_data() -> None:
    app = AppTest.from_file(APP, default_timeout=60).run()
    upload(app, "strikes-example.csv", EXAMPLE.read_bytes())
    app.radio(key="f_data").set_value("upload").run()
    upload(app, "broken.csv", b"event_id,event_date,lattitude\n1,2020-08-10,53\n")
    assert [e.value for e in app.error] == ["broken\\.csv was not loaded; the data shown is unchanged."]
    assert [c.value for c in app.code] == [
        "broken.csv: unknown column 'lattitude': did you mean 'latitude'?\n"
        "broken.csv: missing required column 'workplace' (or 'employer' or 'actor1')\n"
        "broken.csv: missing required column 'source'"
    ]
    assert metrics(app)["Actions shown"] == 10  # still the earlier upload
    assert not app.exception


def test_the_filters_apply_to_uploaded_data() -> None:
    app = AppTest.from_file(APP, default_timeout=60).run()
    upload(app, "strikes-example.csv", EXAMPLE.read_bytes())
    app.radio(key="f_data").set_value("upload").run()
    app.multiselect(key="f_sector").set_value(["mining"]).run()
    assert metrics(app)["Sites shown"] == 1


def test_an_acled_export_loads_as_it_comes_and_labour_only_narrows_it() -> None:
    app = AppTest.from_file(APP, default_timeout=60).run()
    upload(app, "acled-example.csv", (EXAMPLE.parent / "acled-example.csv").read_bytes())
    app.radio(key="f_data").set_value("upload").run()
    assert not app.error and metrics(app)["Actions shown"] == 4
    app.toggle(key="labour_only").set_value(True).run()
    assert metrics(app)["Actions shown"] == 2  # the rows whose actors name workers
    assert not app.exception


def test_example_file_is_documented_in_the_readme() -> None:
    readme = (Path(APP).parent / "README.md").read_text(encoding="utf-8")
    assert "geodata/examples/strikes-example.csv" in readme


def test_a_one_day_upload_needs_no_date_slider() -> None:
    one_day = (
        "event_id,event_date,workplace,sector,source,location\n"
        "e1,2020-10-26,Minsk Tractor Works,manufacturing,A source,Minsk\n"
    )
    app = AppTest.from_file(APP, default_timeout=60).run()
    upload(app, "one-day.csv", one_day.encode())
    app.radio(key="f_data").set_value("upload").run()
    assert not app.exception
    assert metrics(app) == {"Sites shown": 1, "Actions shown": 1, "Sites in October 2020": 1}
    assert "Date of action: 26 October 2020" in [c.value for c in app.sidebar.caption]
