"""A GeoJSON upload's features as a table of text: each feature's properties and its Point.

JSON is read with every number kept as the text it was written in (2, not
2.0; a 5,000-digit integer as its digits, not an error) and NaN or Infinity
as words, so that a bad value reaches the row checks and is reported there,
by feature and field. A document nested deeper than any GeoJSON needs is
refused before it is parsed.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd

from ..core.quote import excerpt, printable
from ..core.schema import EVENT_COLUMNS
from .contract import Cells, FileFormat
from .csvfile import column_key
from .decode import UploadError, cell_at, check_characters, check_size, decode, not_text, row_at
from .wording import Say, Unit, say

# A FeatureCollection of Points with flat properties is 5 levels deep; nested
# properties may add a few. Python's parser recurses, so depth is checked first.
MAX_DEPTH = 20
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def nesting_depth(text: str) -> int:
    """How deeply brackets and braces nest in JSON text, strings aside, without parsing it."""
    code = np.frombuffer(_STRING.sub('""', text).encode("utf-8", "surrogatepass"), dtype=np.uint8)
    steps = np.isin(code, (ord("["), ord("{"))).astype(np.int32) - np.isin(code, (ord("]"), ord("}")))
    return int(steps.cumsum().max(initial=0))


def _cell(value: object) -> str | None:
    """A property as a cell's text; None for null. Objects and lists are not cells."""
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise TypeError(type(value).__name__)
    return str(value).lower() if isinstance(value, bool) else str(value)


def read_cells(text: str, label: str) -> tuple[pd.DataFrame, Unit]:
    """The file's rows as text, and what a row is: a GeoJSON ``feature``, an ACLED API ``record``,
    or, for this map's own GeoJSON export, the events of each ``site`` in the export's columns."""
    if nesting_depth(text) > MAX_DEPTH:
        raise UploadError([say("too_deep", label=label, depth=MAX_DEPTH)])
    try:
        data = json.loads(text, parse_int=str, parse_float=str, parse_constant=str)
    except json.JSONDecodeError as exc:
        raise UploadError([say("not_json", label=label, why=exc.msg, line=exc.lineno, column=exc.colno)]) from None
    if isinstance(data, dict) and isinstance(data.get("data"), list) and "features" not in data:
        return _acled_records(data["data"], label), "record"
    kind = data.get("type") if isinstance(data, dict) else type(data).__name__
    if kind != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise UploadError([say("not_feature_collection", label=label, kind=excerpt(kind))])
    if data["features"] and all(_is_own_site(f) for f in data["features"]):
        return _own_export_rows(data, label), "site"
    check_size(len(data["features"]), 0, label, "feature")
    records: list[dict[str, str | None]] = []
    problems: list[Say] = []
    columns = set[str]()
    for number, feature in enumerate(data["features"], start=1):
        feature = feature if isinstance(feature, dict) else {}
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            problems.append(_at(label, number, "properties", say("properties_object")))
            continue
        record: dict[str, str | None] = {}
        for key, value in properties.items():
            column = column_key(key)
            if column in record:
                at = row_at(label, "feature", number)
                problems.append(say("property_repeats", at=at, key=excerpt(key), column=excerpt(column)))
            try:
                record[column] = _cell(value)
            except TypeError as kind_of:
                problems.append(_at(label, number, excerpt(key), say("text_or_number", kind=kind_of.args[0])))
                continue
            # checked here, not by the frame: pandas' text columns cannot hold an unpaired surrogate
            for part, text in (("part_name", key), ("part_value", record[column] or "")):
                if found := not_text(text):
                    problems.append(_at(label, number, excerpt(key), say("part_not_text", part=say(part), found=found)))
        geometry = feature.get("geometry")
        if isinstance(geometry, dict) and geometry.get("type") == "Point":
            coords = geometry.get("coordinates")
            if isinstance(coords, list) and len(coords) >= 2 and all(isinstance(c, str) for c in coords[:2]):
                record["longitude"], record["latitude"] = coords[0], coords[1]
            else:
                problems.append(_at(label, number, "geometry", say("point_coordinates")))
        elif geometry is not None:
            got = geometry.get("type") if isinstance(geometry, dict) else geometry
            problems.append(_at(label, number, "geometry", say("only_points", kind=excerpt(got))))
        records.append(record)
        columns.update(record)
        check_size(0, len(columns), label, "feature")  # counted as read: a frame of them all could not be
    if problems:
        raise UploadError(problems)
    frame = pd.DataFrame.from_records(records, index=range(1, len(records) + 1))
    if records and frame.columns.empty:
        raise UploadError([say("no_properties", label=label)])
    check_size(len(frame), len(frame.columns), label, "feature")
    return frame.astype("str"), "feature"


def _acled_records(records: list[object], label: str) -> pd.DataFrame:
    """ACLED's API answer ({"data": [event, ...]}): each event's fields as text, numbered from 1."""
    check_size(len(records), 0, label, "record")
    problems: list[Say] = []
    rows: list[dict[str, str | None]] = []
    columns = set[str]()
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            at = row_at(label, "record", number)
            problems.append(say("record_object", at=at))
            continue
        row = {}
        for key, value in record.items():
            try:
                row[column_key(key)] = _cell(value)
            except TypeError as kind_of:
                what = say("text_or_number", kind=kind_of.args[0])
                problems.append(say("problem", at=cell_at(label, "record", number, excerpt(key)), what=what))
                continue
            if found := not_text(f"{key}{row[column_key(key)] or ''}"):
                what = say("holds_not_text", found=found)
                problems.append(say("problem", at=cell_at(label, "record", number, excerpt(key)), what=what))
        rows.append(row)
        columns.update(row)
        check_size(0, len(columns), label, "record")
    if problems:
        raise UploadError(problems)
    frame = pd.DataFrame.from_records(rows, index=range(1, len(rows) + 1))
    check_size(len(frame), len(frame.columns), label, "record")
    return frame.astype("str")


def _is_own_site(feature: object) -> bool:
    """A feature of this map's own GeoJSON export: a site with its actions in a list."""
    properties = feature.get("properties") if isinstance(feature, dict) else None
    return isinstance(properties, dict) and "site_id" in properties and isinstance(properties.get("actions"), list)


def _own_export_rows(data: dict, label: str) -> pd.DataFrame:
    """This map's GeoJSON export flattened back to one row of text per action, in the events' columns,
    indexed by its site's number (features first, then the unlocated sites, from 1)."""
    rows: list[dict[str, str | None]] = []
    numbers: list[int] = []
    problems: list[Say] = []
    sites = [(f["properties"], f.get("geometry")) for f in data["features"]]
    sites += [(p, None) for p in data.get("unlocated", []) if isinstance(p, dict)]
    for number, (properties, geometry) in enumerate(sites, start=1):
        point = geometry.get("coordinates") if isinstance(geometry, dict) else None
        lon, lat = point[:2] if isinstance(point, list) and len(point) >= 2 else (None, None)
        site = {k: v for k, v in properties.items() if k != "actions"}
        for action in properties["actions"]:
            row = {**site, **(action if isinstance(action, dict) else {}), "lat": lat, "lon": lon}
            try:
                cells = {key: _cell(value) for key, value in row.items()}
            except TypeError as kind_of:
                at = row_at(label, "site", number)
                problems.append(say("site_field_kind", at=at, kind=kind_of.args[0]))
                continue
            # checked here, not by the frame: pandas' text columns cannot hold an unpaired surrogate
            problems += [
                say(
                    "problem",
                    at=cell_at(label, "site", number, printable(key)),
                    what=say("holds_not_text", found=found),
                )
                for key, value in cells.items()
                if (found := not_text(f"{key}{value or ''}"))
            ]
            rows.append(cells)
            numbers.append(number)
        check_size(len(rows), 0, label, "action")
    if problems:
        raise UploadError(list(dict.fromkeys(problems)))  # a site's field is named once, not once per action
    return pd.DataFrame(rows, columns=list(EVENT_COLUMNS), index=numbers, dtype="str")


def _at(label: str, number: int, field: str, what: Say) -> Say:
    """A problem of one feature's field: 's.geojson: feature 3, field geometry: ...'."""
    return say("problem", at=cell_at(label, "feature", number, field), what=what)


def read(raw: bytes, label: str, sheet: int | None = None) -> Cells:
    """The GeoJSON's (or ACLED JSON's) rows, decoded and checked; ``sheet`` is unused."""
    text, encoding = decode(raw, label)
    frame, unit = read_cells(text, label)
    check_characters(frame, label, unit)
    return Cells(frame, unit, [encoding])


FORMAT = FileFormat("GeoJSON or ACLED JSON", say("format_json"), (".geojson", ".json"), read)
