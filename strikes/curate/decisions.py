"""The maintainer's decisions, kept in geodata/curation.csv: what was accepted, and what was rejected.

A rejected candidate is never offered again for that workplace, whatever a later run of
the services returns; an accepted one is the record of where a `site` point came from
and when it was checked. The file is small, sorted and human-readable, so a review shows
up as a readable diff.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..core.files import write_atomic
from ..data.cache import GEODATA

DECISIONS_PATH = GEODATA / "curation.csv"
COLUMNS = ("site_id", "candidate", "decision", "checked", "source")
DECISIONS = ("accepted", "rejected")
_REF = re.compile(r"^(?:(?:node|way|relation)/[1-9][0-9]*|Q[1-9][0-9]*)$")
_SITE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class DecisionError(ValueError):
    """The decisions file, or a decision asked for, is not well formed; the message names the row."""


@dataclass(frozen=True)
class Decision:
    site_id: str
    candidate: str  # a Candidate.ref
    decision: str
    checked: date
    source: str  # the candidate's public URL

    def __post_init__(self) -> None:
        if not _SITE.match(self.site_id):
            raise DecisionError(f"site id {self.site_id!r} is not a dataset id")
        if not _REF.match(self.candidate):
            raise DecisionError(
                f"candidate {self.candidate!r} is not an OSM object (way/123) or a Wikidata item (Q123)"
            )
        if self.decision not in DECISIONS:
            raise DecisionError(f"decision {self.decision!r} is not one of {', '.join(DECISIONS)}")
        if not self.source.startswith("https://"):
            raise DecisionError(f"source {self.source!r} is not an https:// page")


def read_decisions(path: Path = DECISIONS_PATH) -> list[Decision]:
    """Every decision; an absent file is none yet."""
    if not path.exists():
        return []
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    decisions = []
    for number, row in enumerate(rows, start=2):
        try:
            decisions.append(
                Decision(
                    row["site_id"], row["candidate"], row["decision"], date.fromisoformat(row["checked"]), row["source"]
                )
            )
        except (DecisionError, KeyError, TypeError, ValueError) as exc:
            raise DecisionError(f"{path.name}: row {number}: {exc}") from None
    return decisions


def rejected(decisions: list[Decision], site_id: str) -> frozenset[str]:
    return frozenset(d.candidate for d in decisions if d.site_id == site_id and d.decision == "rejected")


def record(decision: Decision, path: Path = DECISIONS_PATH) -> list[Decision]:
    """Add a decision (replacing an earlier one about the same candidate), written whole and sorted."""
    kept = [d for d in read_decisions(path) if (d.site_id, d.candidate) != (decision.site_id, decision.candidate)]
    decisions = sorted([*kept, decision], key=lambda d: (d.site_id, d.candidate))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for d in decisions:
        writer.writerow([d.site_id, d.candidate, d.decision, d.checked.isoformat(), d.source])
    write_atomic(path, out.getvalue().encode("utf-8"))
    return decisions
