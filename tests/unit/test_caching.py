"""The caching policy: the curated data's results shared by every session, an upload's kept in its reader's."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import pandas as pd

from strikes.web.caching import UPLOAD_MEMO, by_dataset
from strikes.web.memo import Memo

EVENTS = pd.DataFrame({"n": [1, 2, 3]})


class Sessions:
    """Two readers' sessions, each with its own memos; ``current`` is the one whose run this is."""

    def __init__(self) -> None:
        self.memos: dict[str, dict[str, Memo[Any]]] = {"a": {}, "b": {}}
        self.current = "a"

    def __call__(self) -> MutableMapping[str, Memo[Any]]:
        return self.memos[self.current]


def test_the_curated_datas_results_are_computed_once_for_every_session() -> None:
    sessions, calls = Sessions(), []

    @by_dataset(shared_entries=4, session_memos=sessions)
    def curated_total(data_key: str, scale: int, _events: pd.DataFrame) -> int:
        calls.append(scale)
        return int(_events["n"].sum()) * scale

    assert curated_total("builtin", 2, EVENTS) == 12
    sessions.current = "b"
    assert curated_total("builtin", 2, EVENTS) == 12
    assert curated_total("builtin", 3, EVENTS) == 18
    assert calls == [2, 3]
    assert sessions.memos == {"a": {}, "b": {}}  # nothing of the curated data's in a session


def test_an_uploads_results_live_in_its_readers_session_only() -> None:
    sessions, calls = Sessions(), []

    @by_dataset(shared_entries=4, session_memos=sessions)
    def upload_total(data_key: str, scale: int, _events: pd.DataFrame) -> int:
        calls.append((sessions.current, scale))
        return int(_events["n"].sum()) * scale

    assert upload_total("upload-abc", 2, EVENTS) == 12
    assert upload_total("upload-abc", 2, EVENTS.copy()) == 12  # the key stands for the frame
    sessions.current = "b"
    assert upload_total("upload-abc", 2, EVENTS) == 12
    assert calls == [("a", 2), ("b", 2)]
    assert [len(memos["upload_total"]) for memos in sessions.memos.values()] == [1, 1]


def test_an_upload_keeps_its_last_few_results() -> None:
    sessions, calls = Sessions(), []

    @by_dataset(shared_entries=4, session_memos=sessions)
    def recent_total(data_key: str, scale: int, _events: pd.DataFrame) -> int:
        calls.append(scale)
        return scale

    for scale in range(UPLOAD_MEMO + 1):
        recent_total("upload-abc", scale, EVENTS)
    recent_total("upload-abc", UPLOAD_MEMO, EVENTS)  # the latest is kept
    recent_total("upload-abc", 0, EVENTS)  # the oldest went
    recent_total("both-abc", UPLOAD_MEMO, EVENTS)  # another dataset is another key
    assert calls == [*range(UPLOAD_MEMO + 1), 0, UPLOAD_MEMO]
    assert len(sessions.memos["a"]["recent_total"]) == UPLOAD_MEMO
