"""A workplace's Wikidata items, found by name, and their coordinate location (P625) as candidates.

Two calls of Wikidata's Action API: ``wbsearchentities`` for each name (in English for a
Latin name, Russian and Belarusian for a Cyrillic one), then ``wbgetentities`` for the
items found. An item is the workplace's only if it is in Belarus (P17 = Q184) or its
coordinate lies within reach of the town; its id also lets Overpass find the OSM object
tagged with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .candidates import NEAR_TOWN_KM, Candidate, Workplace
from .http import Client, ServiceError

DEFAULT_URL = "https://www.wikidata.org/w/api.php"
BELARUS = "Q184"
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ITEM = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True)
class Items:
    """What Wikidata knows of a workplace: its items' ids, and those with a coordinate as candidates."""

    ids: tuple[str, ...]
    candidates: tuple[Candidate, ...]


def languages(name: str) -> tuple[str, ...]:
    return ("ru", "be") if _CYRILLIC.search(name) else ("en",)


def _claims(entity: dict[str, Any], prop: str) -> list[Any]:
    values = []
    for claim in entity.get("claims", {}).get(prop, []):
        snak = claim.get("mainsnak", {})
        if snak.get("snaktype") == "value" and claim.get("rank") != "deprecated":
            values.append(snak["datavalue"]["value"])
    return values


def _label(entity: dict[str, Any]) -> str:
    labels = entity.get("labels", {})
    for lang in ("be", "ru", "en"):
        if lang in labels:
            return str(labels[lang]["value"])
    return str(entity.get("id", ""))


def search_ids(answer: Any) -> list[str]:
    """The item ids of a wbsearchentities answer."""
    if not isinstance(answer, dict) or not isinstance(answer.get("search"), list):
        raise ServiceError("Wikidata's search answered JSON without a search list")
    return [str(hit["id"]) for hit in answer["search"] if _ITEM.match(str(hit.get("id", "")))]


def parse_entities(answer: Any, workplace: Workplace) -> Items:
    """The wbgetentities answer's items that are this workplace's, and candidates from their P625."""
    if not isinstance(answer, dict) or not isinstance(answer.get("entities"), dict):
        raise ServiceError("Wikidata answered JSON without entities")
    ids, found = [], []
    try:
        for item, entity in answer["entities"].items():
            if "missing" in entity:
                continue
            countries = {value["id"] for value in _claims(entity, "P17")}
            points = [
                Candidate(
                    item,
                    float(v["latitude"]),
                    float(v["longitude"]),
                    _label(entity),
                    ("wikidata",),
                    {
                        "P625": f"{v['latitude']}, {v['longitude']}",
                        "precision": str(v.get("precision")),
                        "description": str(entity.get("descriptions", {}).get("en", {}).get("value", "")),
                    },
                )
                for v in _claims(entity, "P625")[:1]
                if v.get("globe", "http://www.wikidata.org/entity/Q2") == "http://www.wikidata.org/entity/Q2"
            ]
            near = [c for c in points if (km := c.km_from(workplace.point)) is not None and km <= NEAR_TOWN_KM]
            if BELARUS in countries or near:
                ids.append(item)
                found.extend(near if workplace.point is not None else points)
    except (KeyError, TypeError, ValueError) as exc:
        raise ServiceError(f"Wikidata answered an item without its {exc}") from None
    return Items(tuple(ids), tuple(found))


def items(client: Client, workplace: Workplace, url: str = DEFAULT_URL) -> Items:
    ids: dict[str, None] = {}
    for name in workplace.names:
        for lang in languages(name):
            params = {
                "action": "wbsearchentities",
                "search": name,
                "language": lang,
                "uselang": "en",
                "type": "item",
                "limit": "5",
                "format": "json",
            }
            ids.update(dict.fromkeys(search_ids(client.get(url, params))))
    if not ids:
        return Items((), ())
    params = {
        "action": "wbgetentities",
        "ids": "|".join(list(ids)[:50]),
        "props": "labels|descriptions|claims",
        "languages": "be|ru|en",
        "format": "json",
    }
    return parse_entities(client.get(url, params), workplace)
