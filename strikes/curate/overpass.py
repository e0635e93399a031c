"""OpenStreetMap objects named for a workplace near its town, from the Overpass API.

One query per workplace asks for every node, way and relation within the dataset's
reach of the town (25 km) whose name (in any of its languages), operator or owner
contains one of the company's names, or whose wikidata tag is one of its items; the
answer is ``out geom``, so a works' outline comes with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .candidates import NEAR_TOWN_KM, Candidate, Workplace
from .geometry import outline_point
from .http import Client, ServiceError

DEFAULT_URL = "https://overpass-api.de/api/interpreter"
NAME_KEYS = ("name", "name:be", "name:ru", "name:en", "official_name", "short_name", "old_name", "operator", "owner")
# Objects that carry a company's name without being its grounds: a street, a bus stop, a route.
NOT_GROUNDS = ("highway", "public_transport", "route", "waterway")


def _ql_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def name_pattern(names: Iterable[str]) -> str:
    """A POSIX regular expression matching any of the names, literally."""
    return "|".join(re.sub(r"([\\.^$|?*+()\[\]{}])", r"\\\1", name) for name in names)


def query(workplace: Workplace, wikidata_ids: Iterable[str] = ()) -> str | None:
    """The Overpass QL for a workplace; None for one with no town point to search around."""
    if workplace.point is None:
        return None
    lat, lon = workplace.point
    around = f"(around:{NEAR_TOWN_KM * 1000:.0f},{lat},{lon})"
    pattern = _ql_string(name_pattern(workplace.names))
    lines = [f"  nwr[{_ql_string(key)}~{pattern},i]{around};" for key in NAME_KEYS]
    ids = sorted(set(wikidata_ids))
    if ids:
        lines.append(f'  nwr["wikidata"~{_ql_string("^(" + "|".join(ids) + ")$")}]{around};')
    return "[out:json][timeout:90];\n(\n" + "\n".join(lines) + "\n);\nout geom;"


def _ring(points: Any) -> tuple[tuple[float, float], ...]:
    return tuple((float(p["lat"]), float(p["lon"])) for p in points)


def candidate(element: dict[str, Any]) -> Candidate | None:
    """One element of an Overpass answer as a candidate; None for a street, a stop or an element with no place."""
    tags = {str(k): str(v) for k, v in element.get("tags", {}).items()}
    if any(key in tags for key in NOT_GROUNDS) or tags.get("type") == "route":
        return None
    kind, ref = element["type"], f"{element['type']}/{element['id']}"
    outline: tuple[tuple[tuple[float, float], ...], ...] = ()
    if kind == "node":
        point = (float(element["lat"]), float(element["lon"]))
    elif kind == "way" and element.get("geometry"):
        outline = (_ring(element["geometry"]),)
    elif kind == "relation":
        outline = tuple(
            _ring(member["geometry"])
            for member in element.get("members", [])
            if member.get("type") == "way" and member.get("role", "outer") in ("outer", "") and member.get("geometry")
        )
    if kind != "node":
        if "center" in element:
            point = (float(element["center"]["lat"]), float(element["center"]["lon"]))
        elif outline:
            point = outline_point(outline)
        else:
            return None
    return Candidate(ref, point[0], point[1], tags.get("name", ""), ("overpass",), tags, outline)


def parse(answer: Any) -> list[Candidate]:
    """Every usable element of an Overpass JSON answer."""
    if not isinstance(answer, dict) or not isinstance(answer.get("elements"), list):
        raise ServiceError("Overpass answered JSON without an elements list")
    if answer.get("remark"):  # Overpass reports a query that ran out of time or memory here, with a 200
        raise ServiceError(f"Overpass: {answer['remark']}")
    try:
        return [found for element in answer["elements"] if (found := candidate(element)) is not None]
    except (KeyError, TypeError, ValueError) as exc:
        raise ServiceError(f"Overpass answered an element without its {exc}") from None


def candidates(
    client: Client, workplace: Workplace, wikidata_ids: Iterable[str] = (), url: str = DEFAULT_URL
) -> list[Candidate]:
    text = query(workplace, wikidata_ids)
    return [] if text is None else parse(client.post(url, {"data": text}))
