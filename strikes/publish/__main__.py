"""python -m strikes.publish --out DIR [--data FILE] [--url URL] [--no-image]: write the published edition.

Without --data, the curated dataset; with it, the reader's own file, read through the app's intake and
its checks (strikes.intake.read_upload): a file that fails them is refused with its problems, naming
row and field, exit code 2, and nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..core.dataname import DataName
from ..data import dataset
from ..intake.read import read_file
from ..page import about
from .build import build, social_image


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m strikes.publish", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="the folder to write (replaced whole)")
    parser.add_argument("--data", type=Path, help="a strike file of your own (as the app's upload takes)")
    parser.add_argument("--url", default="", help="the address the edition will be published at (social cards)")
    parser.add_argument("--no-image", action="store_true", help="skip the 1200 x 675 social image (needs Chromium)")
    args = parser.parse_args(argv)
    if args.data is not None:
        read = read_file(args.data)
        if read is None:
            return 2
        events = read[0]
        name, sources, updated = DataName("upload", args.data.name), None, None
    else:
        events = dataset.load_events()
        name, sources, updated = DataName(), dataset.load_sources(), about.updated()
    edition = build(
        events,
        args.out,
        name,
        sources=sources,
        updated=updated,
        url=args.url,
        image=None if args.no_image else social_image,
    )
    for note in edition.notes:
        print(note, file=sys.stderr)
    print(f"{edition.out}: {len(edition.files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
