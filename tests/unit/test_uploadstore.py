"""The upload store (strikes/data/uploadstore.py): an upload back whole, under its token's hash only, until it expires."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from strikes import intake
from strikes.data import uploadstore
from strikes.data.uploadstore import FolderStore, Kept, NotRestored
from strikes.intake.wording import Joined, Say, Word, say
from strikes.web.datasets import digest

CSV = (
    "event_id,event_date,workplace,sector,source,location,latitude,longitude\n"
    "s1,2020-08-11,Store Works,manufacturing,Store test,Minsk,53.9,27.56\n"
    "s2,2020-08-12,Store Mine,,Store test,Hrodna,,\n"
)
KEYSCRIPT = Path(__file__).resolve().parents[2] / "static" / "js" / "keep-cookie.js"


@pytest.fixture(scope="module")
def kept() -> Kept:
    events, notes = intake.read_upload(CSV.encode(), "mine.csv", sheet=None, labour_only=False)
    return Kept(events, notes, "mine=1.csv")


@pytest.fixture()
def store(tmp_path: Path) -> FolderStore:
    return FolderStore(tmp_path / "store", ttl=60)


def test_an_upload_comes_back_whole_events_notes_and_name(store: FolderStore, kept: Kept) -> None:
    key = uploadstore.key_of(uploadstore.new_token())
    assert key is not None
    store.put(key, kept)
    back = store.get(key)
    pd.testing.assert_frame_equal(back.events, kept.events)
    assert digest(back.events) == digest(kept.events)  # the page's caches key on it: the same data, the same key
    assert back.notes == kept.notes and back.name == kept.name
    assert [p.name for p in store.folder.iterdir()] == [f"{key}.parquet"]  # no temp file left


def test_notes_of_every_kind_survive_the_round_trip(kept: Kept) -> None:
    notes = [say("no_action_type", n=2, type=Word("strike")), say("note", note=Joined(("a", say("or")), ", "))]
    back = uploadstore.decode(uploadstore.encode(Kept(kept.events, notes, "x")), "x")
    assert back.notes == notes


def test_the_key_is_the_tokens_sha256_and_nothing_else_is_a_key() -> None:
    token = uploadstore.new_token()
    assert uploadstore.key_of(token) == hashlib.sha256(token.encode()).hexdigest()
    assert uploadstore.new_token() != token
    for forged in (None, "", "../../etc/passwd", "A" * 42, "A" * 44, "A" * 42 + "/", "A" * 42 + ".", "Ä" * 43):
        assert uploadstore.key_of(forged) is None, forged


def test_no_key_names_a_path_outside_the_store(store: FolderStore, kept: Kept) -> None:
    for bad in ("../" + "a" * 61, "a" * 63, "A" * 64, "/etc/passwd", "a" * 64 + "/x"):
        with pytest.raises(ValueError):
            store.path(bad)
        with pytest.raises(ValueError):
            store.put(bad, kept)


def test_another_token_reaches_nothing(store: FolderStore, kept: Kept) -> None:
    mine, theirs = (uploadstore.key_of(uploadstore.new_token()) for _ in range(2))
    assert mine is not None and theirs is not None
    store.put(mine, kept)
    with pytest.raises(NotRestored) as error:
        store.get(theirs)
    assert error.value.reason == "gone"


def test_an_expired_entry_is_gone_and_swept(store: FolderStore, kept: Kept) -> None:
    old, new = (uploadstore.key_of(uploadstore.new_token()) for _ in range(2))
    assert old is not None and new is not None
    store.put(old, kept)
    past = time.time() - 61
    os.utime(store.path(old), (past, past))
    with pytest.raises(NotRestored) as error:
        store.get(old)
    assert error.value.reason == "gone" and not store.path(old).exists()
    store.put(old, kept)
    os.utime(store.path(old), (past, past))
    store.put(new, kept)  # a write sweeps the expired
    assert not store.path(old).exists() and store.path(new).exists()


def test_removed_is_gone(store: FolderStore, kept: Kept) -> None:
    key = uploadstore.key_of(uploadstore.new_token())
    assert key is not None
    store.put(key, kept)
    store.delete(key)
    store.delete(key)  # twice: no error
    with pytest.raises(NotRestored) as error:
        store.get(key)
    assert error.value.reason == "gone"


@pytest.mark.parametrize("damage", ["truncated", "noise", "bad_row", "foreign_note"])
def test_a_damaged_entry_is_refused_as_damaged(store: FolderStore, kept: Kept, damage: str) -> None:
    key = uploadstore.key_of(uploadstore.new_token())
    assert key is not None
    store.put(key, kept)
    path = store.path(key)
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:300])
    elif damage == "noise":
        path.write_bytes(os.urandom(2000))
    elif damage == "bad_row":  # a frame that breaks the events schema: checked again on the way back
        path.write_bytes(uploadstore.encode(Kept(kept.events.assign(lat=999.0), kept.notes, kept.name)))
    else:  # a note the catalogue does not have (another version's, or forged)
        path.write_bytes(uploadstore.encode(Kept(kept.events, [Say("nope")], kept.name)))
    with pytest.raises(NotRestored) as error:
        store.get(key)
    assert error.value.reason == "damaged"


def test_an_unreachable_folder_says_so(tmp_path: Path, kept: Kept) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = FolderStore(blocker / "store")
    key = uploadstore.key_of(uploadstore.new_token())
    assert key is not None
    with pytest.raises(NotRestored) as error:
        store.put(key, kept)
    assert error.value.reason == "unreachable"
    with pytest.raises(NotRestored) as error:
        store.get(key)
    assert error.value.reason == "unreachable"


def test_the_settings_name_the_folder_and_the_time(tmp_path: Path) -> None:
    store = uploadstore.store_from({"STRIKES_UPLOAD_STORE": str(tmp_path), "STRIKES_UPLOAD_TTL": "3600"})
    assert store == FolderStore(tmp_path, 3600.0)
    assert uploadstore.store_from({}) == FolderStore(uploadstore.DEFAULT_FOLDER, uploadstore.DEFAULT_TTL)
    with pytest.raises(ValueError, match="redis://"):
        uploadstore.store_from({"STRIKES_UPLOAD_STORE": "redis://cache:6379/0"})
    with pytest.raises(ValueError, match="STRIKES_UPLOAD_TTL"):
        uploadstore.store_from({"STRIKES_UPLOAD_TTL": "0"})


def test_the_cookie_script_can_be_inlined_in_a_script_element() -> None:
    """strikes/web/keep.py puts keep-cookie.js inside <script>: a "</" in it would end the element early."""
    assert "</" not in KEYSCRIPT.read_text(encoding="utf-8")
