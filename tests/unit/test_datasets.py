"""The data the page shows: the curated events, an upload, or both joined, each under a key of its own."""

from __future__ import annotations

import pandas as pd
import pandas.testing as pdt
import pytest

from strikes.web import datasets

BUILTIN = pd.DataFrame(
    {"event_id": ["e1", "e2"], "site_id": ["s1", "s1"], "source_id": ["r1", "r2"], "wave": ["august", "november"]}
)
UPLOAD = pd.DataFrame({"event_id": ["e1"], "site_id": ["s9"], "source_id": ["r1"], "wave": ["august"]}, index=[7])
READ = datasets.Upload(UPLOAD, "abc", [], "mine.csv")


def test_without_an_upload_the_curated_data_is_shown_whatever_the_choice() -> None:
    for choice in ("builtin", "upload", "both"):
        events, key = datasets.chosen(BUILTIN, None, choice)
        assert events is BUILTIN and key == "builtin"


def test_the_curated_data_stays_one_choice_away() -> None:
    events, key = datasets.chosen(BUILTIN, READ, "builtin")
    assert events is BUILTIN and key == "builtin"


def test_an_upload_alone_is_shown_as_read_under_its_digest() -> None:
    events, key = datasets.chosen(BUILTIN, READ, "upload")
    pdt.assert_frame_equal(events, UPLOAD)
    assert key == "upload-abc"


def test_both_join_the_upload_under_the_curated_data_its_identifiers_tagged() -> None:
    untouched = UPLOAD.copy(deep=True)
    events, key = datasets.chosen(BUILTIN, READ, "both")
    expected = pd.DataFrame(
        {
            "event_id": ["e1", "e2", "upload:e1"],
            "site_id": ["s1", "s1", "upload:s9"],
            "source_id": ["r1", "r2", "upload:r1"],
            "wave": ["august", "november", "august"],
        }
    )
    pdt.assert_frame_equal(events, expected)
    assert key == "both-abc"
    pdt.assert_frame_equal(UPLOAD, untouched)  # the upload itself is left as it was


def test_an_upload_is_named_by_the_digest_of_its_content() -> None:
    assert datasets.Upload.of(UPLOAD, [], "mine.csv") == datasets.Upload(
        UPLOAD, datasets.digest(UPLOAD), [], "mine.csv"
    )


def test_the_digest_names_the_content_not_the_index() -> None:
    same = datasets.digest(UPLOAD.reset_index(drop=True))
    assert same == datasets.digest(UPLOAD)
    assert datasets.digest(UPLOAD.assign(wave=["november"])) != same
    assert len(same) == 40


@pytest.mark.parametrize(("key", "kind"), [("builtin", "builtin"), ("upload-abc", "upload"), ("both-abc", "both")])
def test_the_data_is_named_by_its_key(key: str, kind: str) -> None:
    name = datasets.data_name(key, READ)
    assert (name.kind, name.upload) == (kind, "mine.csv")
