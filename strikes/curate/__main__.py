"""make curate: candidates for every town-placed workplace, a review page, and the maintainer's decision.

    python -m strikes.curate                       # ask the services (cached), write the review page
    python -m strikes.curate fetch --site naftan   # only some workplaces
    python -m strikes.curate review                # the review page again, from the last answers
    python -m strikes.curate accept naftan way/123 # write that candidate into sites.csv as a site point
    python -m strikes.curate reject naftan Q456    # never offer it for that workplace again

Answers are cached in build/curate/answers/, so a second run asks nothing again; the
services' addresses can be set with STRIKES_OVERPASS_URL, STRIKES_NOMINATIM_URL and
STRIKES_WIKIDATA_URL. With no network the command says so in one line and exits 2,
having written nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

from ..core.files import write_atomic
from ..data.cache import GEODATA
from ..data.dataset import DatasetError
from . import accept as accepting
from . import review
from .candidates import Candidate, Workplace, load_found, object_url, save_found, workplaces
from .decisions import Decision, DecisionError, read_decisions, record, rejected
from .fetch import Services, gather
from .http import Client, Offline, ServiceError, user_agent

BUILD = Path(__file__).resolve().parents[2] / "build" / "curate"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m strikes.curate", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--geodata", type=Path, default=GEODATA, help="folder of sites.csv and curation.csv")
    parser.add_argument("--cache-dir", type=Path, default=BUILD, help="answers, candidates and the review page")
    commands = parser.add_subparsers(dest="command")
    fetch = commands.add_parser("fetch", help="ask the services (default)")
    fetch.add_argument(
        "--site", action="append", default=[], metavar="SITE_ID", help="only this workplace (repeatable)"
    )
    fetch.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    fetch.add_argument("--contact", help="your e-mail or page, added to the user agent as the services ask")
    commands.add_parser("review", help="write the review page from the last fetch")
    for action in ("accept", "reject"):
        sub = commands.add_parser(action, help=f"{action} one candidate for one workplace")
        sub.add_argument("site")
        sub.add_argument("candidate", help="way/123, node/1, relation/2 or Q456, as the review page names it")
    return parser


def _today() -> date:
    return datetime.now(UTC).date()


def write_review(targets: list[Workplace], cache_dir: Path, geodata: Path) -> Path:
    found = load_found(cache_dir / "candidates.json")
    decisions = read_decisions(geodata / "curation.csv")
    entries = [
        (w, [c for c in found.get(w.site_id, []) if c.ref not in rejected(decisions, w.site_id)]) for w in targets
    ]
    stamp = cache_dir / "candidates.json"
    fetched = datetime.fromtimestamp(stamp.stat().st_mtime, UTC).date().isoformat() if stamp.exists() else "never"
    path = cache_dir / "review.html"
    write_atomic(path, review.page(entries, fetched).encode("utf-8"))
    return path


def run_fetch(args: argparse.Namespace, targets: list[Workplace], client: Client | None = None) -> int:
    unknown = set(args.site) - {w.site_id for w in targets}
    if unknown:
        raise DecisionError(f"not a town-placed workplace: {', '.join(sorted(unknown))}")
    chosen = [w for w in targets if not args.site or w.site_id in args.site]
    client = client or Client(args.cache_dir / "answers", timeout=args.timeout, user_agent=user_agent(args.contact))
    decisions = read_decisions(args.geodata / "curation.csv")
    services = Services.from_env()
    found: dict[str, list[Candidate]] = load_found(args.cache_dir / "candidates.json")
    problems: list[str] = []
    for workplace in chosen:
        result = gather(client, workplace, services, rejected(decisions, workplace.site_id))
        found[workplace.site_id] = result.candidates
        problems.extend(f"{workplace.site_id}: {problem}" for problem in result.problems)
        by_source = Counter(source for c in result.candidates for source in c.sources)
        sources = ", ".join(f"{name} {count}" for name, count in sorted(by_source.items()))
        print(f"{workplace.site_id}: {len(result.candidates)} candidate(s){f' ({sources})' if sources else ''}")
    save_found(found, args.cache_dir / "candidates.json")
    page = write_review(targets, args.cache_dir, args.geodata)
    print(f"{client.asked} request(s) sent, {client.reused} answer(s) from the cache; review: {page}")
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


def run_decision(args: argparse.Namespace, targets: list[Workplace], today: date) -> int:
    workplace = next((w for w in targets if w.site_id == args.site), None)
    if workplace is None:
        raise DecisionError(f"{args.site} is not a town-placed workplace (already a site point, a group, or unknown)")
    path = args.geodata / "curation.csv"
    if args.candidate in rejected(read_decisions(path), args.site):
        raise DecisionError(f"{args.candidate} was rejected for {args.site}")
    if args.command == "reject":
        record(Decision(args.site, args.candidate, "rejected", today, object_url(args.candidate)), path)
        print(f"{args.site}: {args.candidate} rejected; it will not be offered again")
        return 0
    offered = load_found(args.cache_dir / "candidates.json").get(args.site, [])
    chosen = next((c for c in offered if c.ref == args.candidate), None)
    if chosen is None:
        raise DecisionError(f"{args.candidate} is not among {args.site}'s candidates: run make curate first")
    Decision(args.site, chosen.ref, "accepted", today, chosen.url)  # checks the ref before sites.csv is touched
    written = accepting.accept(workplace, chosen, offered, today, args.geodata, args.geodata / "geocache.json")
    record(Decision(args.site, chosen.ref, "accepted", today, chosen.url), path)
    print(f"{args.site}: site point {chosen.lat:.5f}, {chosen.lon:.5f} from {chosen.url}\n  curated_note: {written}")
    return 0


def main(argv: list[str] | None = None, today: date | None = None, client: Client | None = None) -> int:
    """The command; ``today`` and ``client`` (its answer cache, waits and timeouts) are the tests' to set."""
    argv = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(argv)
    if args.command is None:  # fetch is the default command
        args = _parser().parse_args([*argv, "fetch"])
    try:
        targets = workplaces(args.geodata, args.geodata / "geocache.json")
        if args.command == "fetch":
            return run_fetch(args, targets, client)
        if args.command == "review":
            print(f"review: {write_review(targets, args.cache_dir, args.geodata)}")
            return 0
        return run_decision(args, targets, today or _today())
    except Offline as exc:
        print(f"no network: {exc}; nothing was asked of the other services, and nothing was written", file=sys.stderr)
        return 2
    except (DatasetError, DecisionError, accepting.AcceptError, ServiceError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
