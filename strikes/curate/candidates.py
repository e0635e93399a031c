"""Which workplaces need a point of their own, what they are called, and what a candidate for one is.

A candidate is one public object that may stand on a workplace's grounds: an
OpenStreetMap node, way or relation, or a Wikidata item with a coordinate. Its
``ref`` (``way/123``, ``Q456``) names it across runs, so a decision about it
holds the next time the services are asked.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..core.files import write_atomic
from ..core.schema import CURATED_PRECISIONS
from ..data.cache import CACHE_PATH, GEODATA, read_cache
from ..data.dataset import load_actions, load_sites, locate_sites
from ..data.gazetteer import haversine_km

# How far from its town a workplace may stand: the dataset's own rule (the nuclear power station is 18 km out).
NEAR_TOWN_KM = 25.0
# Legal forms that are not part of a company's name: "ОАО «Нафтан»" is searched as "Нафтан".
_LEGAL_FORMS = re.compile(r"\b(?:ОАО|ЗАО|РУП|УП|ООО|ОДО|ААТ|ЗАТ|РУПП|JSC|OJSC|OAO|RUE)\b\.?", re.IGNORECASE)
_QUOTED = re.compile(r"[«\"“]([^»\"”]+)[»\"”]")
# A street address as the notes write it: "vul. Satsyjalistychnaja 2", "pr. Kasmanaŭtaŭ 100".
_ADDRESS = re.compile(r"\b(?:vul|pr|pl|praspiekt|vulica)\.?\s+[^,;()]+?\s\d+[a-zA-Z]?\b")


def object_url(ref: str) -> str:
    """The public page of an OSM object ("way/123") or a Wikidata item ("Q123")."""
    if ref.startswith("Q"):
        return f"https://www.wikidata.org/wiki/{ref}"
    return f"https://www.openstreetmap.org/{ref}"


@dataclass(frozen=True)
class Workplace:
    """A town-placed (or unplaced) workplace, as the review and the services need it."""

    site_id: str
    name: str
    local_name: str | None
    town: str | None
    oblast: str | None
    point: tuple[float, float] | None  # today's point: the town's centre, or None when unplaced
    names: tuple[str, ...]  # what to search for, Latin and Cyrillic
    address: str | None
    quotes: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class Candidate:
    """One object a service offers for a workplace, with what the maintainer needs to judge it."""

    ref: str  # "node/1", "way/2", "relation/3" (OpenStreetMap) or "Q4" (Wikidata)
    lat: float
    lon: float
    name: str
    sources: tuple[str, ...]  # which services offered it: overpass, nominatim, wikidata
    tags: dict[str, str] = field(default_factory=dict)
    outline: tuple[tuple[tuple[float, float], ...], ...] = ()  # rings of (lat, lon), where OSM has an outline

    @property
    def url(self) -> str:
        """The public page of the object, which becomes the point's coord_source."""
        return object_url(self.ref)

    @property
    def label(self) -> str:
        """How a curated note names the source: "OpenStreetMap way 123", "Wikidata item Q4"."""
        if self.ref.startswith("Q"):
            return f"Wikidata item {self.ref} (P625)"
        kind, number = self.ref.split("/")
        return f"OpenStreetMap {kind} {number}"

    def km_from(self, point: tuple[float, float] | None) -> float | None:
        return None if point is None else haversine_km(self.lat, self.lon, *point)

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "lat": self.lat,
            "lon": self.lon,
            "name": self.name,
            "sources": list(self.sources),
            "tags": self.tags,
            "outline": [[list(p) for p in ring] for ring in self.outline],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Candidate:
        outline = tuple(tuple((float(p[0]), float(p[1])) for p in ring) for ring in data.get("outline", []))
        return cls(
            ref=str(data["ref"]),
            lat=float(data["lat"]),
            lon=float(data["lon"]),
            name=str(data.get("name", "")),
            sources=tuple(data.get("sources", ())),
            tags={str(k): str(v) for k, v in data.get("tags", {}).items()},
            outline=outline,
        )


def merge(found: list[Candidate]) -> list[Candidate]:
    """One candidate per object: the first answer's geometry (Overpass's outline), every service that offered it."""
    merged: dict[str, Candidate] = {}
    for candidate in found:
        if candidate.ref not in merged:
            merged[candidate.ref] = candidate
            continue
        kept = merged[candidate.ref]
        sources = kept.sources + tuple(s for s in candidate.sources if s not in kept.sources)
        merged[candidate.ref] = Candidate(
            kept.ref,
            kept.lat,
            kept.lon,
            kept.name or candidate.name,
            sources,
            {**candidate.tags, **kept.tags},
            kept.outline or candidate.outline,
        )
    return list(merged.values())


def near(candidates: list[Candidate], workplace: Workplace) -> list[Candidate]:
    """Only candidates within the dataset's reach of the town: a namesake elsewhere is not this workplace."""
    return [c for c in candidates if (km := c.km_from(workplace.point)) is None or km <= NEAR_TOWN_KM]


def search_names(name: str, local_name: str | None, site_query: str | None, town: str | None) -> tuple[str, ...]:
    """The names a workplace goes by, Latin and Cyrillic, without legal forms or the town."""
    names: list[str] = []
    if site_query:
        names.append(site_query.removesuffix(f", {town}") if town else site_query)
    if local_name:
        quoted = _QUOTED.findall(local_name)
        names.append(quoted[0] if quoted else local_name)
    names.append(name)
    cleaned = (" ".join(_LEGAL_FORMS.sub(" ", n).split()) for n in names)
    unique: dict[str, str] = {}
    for n in cleaned:
        if n:
            unique.setdefault(n.casefold(), n)
    return tuple(unique.values())


def known_address(*texts: Any) -> str | None:
    """The first street address the site's notes give, for Nominatim."""
    for text in texts:
        if isinstance(text, str) and (found := _ADDRESS.search(text)):
            return found.group(0)
    return None


def _text(value: Any) -> str | None:
    return None if pd.isna(value) else str(value)


def workplaces(geodata: Path = GEODATA, cache_path: Path = CACHE_PATH) -> list[Workplace]:
    """Every single workplace (not a group) whose point is not yet its own: town-placed or unplaced."""
    sites = load_sites(geodata)
    located = locate_sites(sites, read_cache(cache_path)).set_index("site_id")
    actions = load_actions(geodata)
    found = []
    for _, site in sites.iterrows():
        if site["is_group"] or site["precision"] in CURATED_PRECISIONS:
            continue
        where = located.loc[site["site_id"]]
        point = None if pd.isna(where["lat"]) else (float(where["lat"]), float(where["lon"]))
        quotes = tuple(dict.fromkeys(actions.loc[actions["site_id"] == site["site_id"], "quote"].dropna()))
        found.append(
            Workplace(
                site_id=site["site_id"],
                name=site["name"],
                local_name=_text(site["local_name"]),
                town=_text(site["town"]),
                oblast=_text(site["oblast"]),
                point=point,
                names=search_names(
                    site["name"], _text(site["local_name"]), _text(site["site_query"]), _text(site["town"])
                ),
                address=known_address(site["curated_note"], site["notes"]),
                quotes=quotes,
                note=_text(site["curated_note"]),
            )
        )
    return found


def save_found(found: dict[str, list[Candidate]], path: Path) -> None:
    """The candidates of the last fetch, by site id, for the review and for accept to read back."""
    data = {site: [c.to_json() for c in candidates] for site, candidates in sorted(found.items())}
    write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def load_found(path: Path) -> dict[str, list[Candidate]]:
    """The last fetch's candidates; an absent file means no fetch has run."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {site: [Candidate.from_json(c) for c in candidates] for site, candidates in data.items()}
