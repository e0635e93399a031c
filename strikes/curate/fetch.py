"""Every service asked about every workplace: the candidates not yet rejected, and what went wrong.

Wikidata is asked first, so that Overpass can look for the OSM objects tagged with the
items it found; Nominatim last. A service that fails for one workplace (an error status,
a timeout after the retries, a malformed answer) is reported and the others still
answer; a network that is not there at all (``http.Offline``) stops the whole run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from . import nominatim, overpass, wikidata
from .candidates import Candidate, Workplace, merge, near
from .http import Client, ServiceError


@dataclass(frozen=True)
class Services:
    """Where each service is: the public ones, or (for tests, or a mirror) what the environment names."""

    overpass: str = overpass.DEFAULT_URL
    nominatim: str = nominatim.DEFAULT_URL
    wikidata: str = wikidata.DEFAULT_URL

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Services:
        return cls(
            env.get("STRIKES_OVERPASS_URL", overpass.DEFAULT_URL),
            env.get("STRIKES_NOMINATIM_URL", nominatim.DEFAULT_URL),
            env.get("STRIKES_WIKIDATA_URL", wikidata.DEFAULT_URL),
        )


@dataclass
class Found:
    candidates: list[Candidate] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _try(found: Found, what: str, ask: Callable[[], list[Candidate]]) -> list[Candidate]:
    try:
        return ask()
    except ServiceError as exc:
        found.problems.append(f"{what}: {exc}")
        return []


def gather(client: Client, workplace: Workplace, services: Services, rejected: frozenset[str]) -> Found:
    """The workplace's candidates from all three services, within reach of its town, minus the rejected."""
    found = Found()
    ids: tuple[str, ...] = ()
    try:
        items = wikidata.items(client, workplace, services.wikidata)
        ids = items.ids
        from_wikidata = list(items.candidates)
    except ServiceError as exc:
        found.problems.append(f"wikidata: {exc}")
        from_wikidata = []
    from_osm = _try(found, "overpass", lambda: overpass.candidates(client, workplace, ids, services.overpass))
    from_nominatim = _try(found, "nominatim", lambda: nominatim.candidates(client, workplace, services.nominatim))
    offered = near(merge([*from_osm, *from_nominatim, *from_wikidata]), workplace)
    found.candidates = [c for c in offered if c.ref not in rejected]
    return found
