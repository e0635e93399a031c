"""A reader's upload kept between page loads and app processes, under a secret only their browser holds.

A Streamlit session lives in one process's memory: a reload, or the death of that process behind the balancer,
used to drop the reader's upload without a word. The validated events frame (not the raw file) is kept here,
with its file name and reading notes, as one Parquet file named by the SHA-256 of the reader's token, so the
store never sees the token and no token, however forged, names a path outside it.

Where it lives is one setting, ``STRIKES_UPLOAD_STORE``: a folder (the default, ``out/uploads``), which every
app process on one machine reaches; for several machines, a folder they share (NFS) or another store behind
the same four methods (``UploadStore``). ``STRIKES_UPLOAD_TTL`` is how long an entry is kept, in seconds (a
day by default); older entries are refused and swept.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import secrets
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..core import schema
from ..core.files import write_atomic
from ..intake.wording import Joined, Say, Word, say
from .dataset import DatasetError, Source, validate

STORE_SETTING = "STRIKES_UPLOAD_STORE"
TTL_SETTING = "STRIKES_UPLOAD_TTL"
DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "out" / "uploads"
DEFAULT_TTL = 86_400  # a day
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32): 256 random bits
KEY_PATTERN = re.compile(r"[0-9a-f]{64}")
META = b"strikes-upload"  # the Parquet schema's metadata key holding the name and notes
FORMAT = 1
LOG = logging.getLogger("strikes.app")

# Why an upload could not be restored: the reader's words for each are catalogue keys (strikes/core/i18n.py).
Reason = Literal["gone", "damaged", "unreachable"]


class NotRestored(Exception):
    """An entry that cannot be given back: gone (expired or removed), damaged, or a store out of reach."""

    def __init__(self, reason: Reason, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason: Reason = reason


@dataclass(frozen=True)
class Kept:
    """What is kept of an upload: the validated events, the reading's notes, the file's name."""

    events: pd.DataFrame
    notes: list[Say]
    name: str


class UploadStore(Protocol):
    """Where uploads are kept, by key (key_of a token); a shared store across machines implements these."""

    @property
    def ttl(self) -> float:
        """Seconds an entry is kept (the cookie's Max-Age too)."""
        ...

    def put(self, key: str, kept: Kept) -> None: ...
    def get(self, key: str) -> Kept: ...
    def delete(self, key: str) -> None: ...
    def sweep(self) -> int: ...


def new_token() -> str:
    """A reader's secret: 256 random bits, URL-safe, for their browser's cookie and nowhere else."""
    return secrets.token_urlsafe(32)


def key_of(token: str | None) -> str | None:
    """The store's key for a token (its SHA-256), or None for anything that is not a token this app makes."""
    if token is None or not TOKEN_PATTERN.fullmatch(token):
        return None
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def encode(kept: Kept) -> bytes:
    """One Parquet file: the events, with the name and notes as JSON in the schema's metadata."""
    table = pa.Table.from_pandas(kept.events, preserve_index=False)
    meta = {"format": FORMAT, "name": kept.name, "notes": [_note(n) for n in kept.notes]}
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), META: json.dumps(meta).encode()})
    out = io.BytesIO()
    pq.write_table(table, out, compression="zstd")
    return out.getvalue()


def decode(data: bytes, label: str) -> Kept:
    """An entry read back and checked again against the events schema: a damaged one raises NotRestored."""
    try:
        table = pq.read_table(io.BytesIO(data))
        meta = json.loads((table.schema.metadata or {})[META])
        if meta.get("format") != FORMAT or not isinstance(meta.get("name"), str):
            raise ValueError(f"unknown format {meta.get('format')!r}")
        notes = [_say(n) for n in meta["notes"]]
        events = validate(table.to_pandas(), schema.EVENTS, Source(label, first_row=0))
    except (DatasetError, OSError, KeyError, TypeError, ValueError, pa.ArrowException) as error:
        raise NotRestored("damaged", f"{label}: {error}") from None
    return Kept(events[list(schema.EVENT_COLUMNS)], notes, meta["name"])


def _note(value: Any) -> Any:
    """A note's value as JSON: a Say, Word or Joined tagged by kind; text and numbers as they are."""
    if isinstance(value, Say):
        return {"say": value.key, "values": [[k, _note(v)] for k, v in value.values]}
    if isinstance(value, Word):
        return {"word": value.value}
    if isinstance(value, Joined):
        return {"joined": [_note(v) for v in value.items], "separator": _note(value.separator)}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _say(value: Any) -> Say:
    """A note read back; a key the catalogue lacks raises KeyError (a damaged or foreign entry)."""
    read = _value(value)
    if not isinstance(read, Say):
        raise ValueError("a note is not a Say")
    return read


def _value(value: Any) -> Any:
    if isinstance(value, Mapping):
        if "say" in value:
            return say(str(value["say"]), **{str(k): _value(v) for k, v in value["values"]})
        if "word" in value:
            return Word(str(value["word"]))
        if "joined" in value:
            return Joined(tuple(_value(v) for v in value["joined"]), _value(value["separator"]))
        raise ValueError(f"unknown note {sorted(value)}")
    if isinstance(value, Sequence) and not isinstance(value, str):
        raise ValueError("a list in a note")
    return value


@dataclass(frozen=True)
class FolderStore:
    """Entries as files in one folder: `<key>.parquet`, written whole (temp file and rename) or not at all."""

    folder: Path
    ttl: float = DEFAULT_TTL

    def path(self, key: str) -> Path:
        """The entry's file; a key is 64 hex digits (key_of), never a path of the caller's choosing."""
        if not KEY_PATTERN.fullmatch(key):
            raise ValueError("not a store key")
        return self.folder / f"{key}.parquet"

    def put(self, key: str, kept: Kept) -> None:
        path = self.path(key)
        try:
            write_atomic(path, encode(kept))
        except OSError as error:
            raise NotRestored("unreachable", str(error)) from None
        self.sweep()

    def get(self, key: str) -> Kept:
        path = self.path(key)
        try:
            age = time.time() - path.stat().st_mtime
            if age > self.ttl:
                path.unlink(missing_ok=True)
                raise NotRestored("gone", f"{path.name} expired {age - self.ttl:.0f} s ago")
            data = path.read_bytes()
        except FileNotFoundError:
            raise NotRestored("gone", f"no {path.name}") from None
        except OSError as error:
            raise NotRestored("unreachable", str(error)) from None
        return decode(data, path.name)

    def delete(self, key: str) -> None:
        try:
            self.path(key).unlink(missing_ok=True)
        except OSError as error:
            raise NotRestored("unreachable", str(error)) from None

    def sweep(self) -> int:
        """Delete the entries older than the TTL (and temp files a crash left); how many went."""
        gone = 0
        now = time.time()
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return 0
        for entry in entries:
            try:
                if entry.name.endswith((".parquet", ".tmp")) and now - entry.stat().st_mtime > self.ttl:
                    os.unlink(entry.path)
                    gone += 1
            except OSError:
                continue  # another process swept it first
        return gone


def store_from(env: Mapping[str, str] = os.environ) -> UploadStore:
    """The store the settings name: a folder path (default out/uploads). A URL scheme (redis://...) is a
    store not built in; it is refused here, so a misconfigured cluster fails at its first upload, loudly."""
    setting = env.get(STORE_SETTING, "").strip()
    ttl = float(env.get(TTL_SETTING, "") or DEFAULT_TTL)
    if ttl <= 0:
        raise ValueError(f"{TTL_SETTING} must be a positive number of seconds, got {ttl}")
    if re.match(r"^[a-z][a-z0-9+.-]*://", setting):
        raise ValueError(f"{STORE_SETTING}={setting.split('://')[0]}://... is not a store this app has: give a folder")
    return FolderStore(Path(setting) if setting else DEFAULT_FOLDER, ttl)
