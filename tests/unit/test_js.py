"""The map's own JavaScript without a browser: node's unit tests, ESLint, and the search box's folding.

The search box (static/js/strike-search.js) folds names in the browser as
strikes.data.gazetteer.name_key folds them in Python, so that a town the Python side
files under one key is found in the browser under the same one. Both case-fold
(Straße ~ strasse, not just lower-case) and drop every combining mark; these
tests hold node's ``fold`` to ``name_key`` on the map's names and on every
character Unicode assigns.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from strikes import export
from strikes.core import compare
from strikes.core.filters import Filters
from strikes.core.i18n import Lang
from strikes.data.gazetteer import name_key
from strikes.page import mapview
from strikes.page.assets import localize, standalone_html
from strikes.page.search import TOWNS_PATH, search_entries

from ..conftest import require

REPO = Path(__file__).resolve().parents[2]
STATIC = REPO / "static"
PLUGIN = STATIC / "js" / "strike-search.js"
NODE_TESTS = sorted((STATIC / "js" / "test").glob("*.test.js"))

# Names that fold differently when case is only lowered, or marks only partly dropped.
TRICKY = [
    # Turkish dotted and dotless I
    "İstanbul",
    "ISTANBUL",
    "ıstanbul",
    "Iğdır",
    "İ",
    "i\u0307",
    "DİYARBAKIR",
    # German sharp s, small and capital
    "Straße",
    "STRASSE",
    "ẞ",
    "Großbritannien",
    "Gießen",
    "GROẞ",
    # Cyrillic with the three apostrophes, ў, ё and й
    "Кобрынʼ",
    "Кобрын’",
    "Кобрын'",
    "Мазырʼ",
    "Зʼезд",
    "Мсціслаў",
    "Ёлкі",
    "Мёры",
    "Йўе",
    "ЖОДЗІНА",
    "Гомель",
    "Homyel’",
    "Mahilyow",
    "Mazyr'",
    "Pastavy",
    "Salіhorsk",  # the last with a Cyrillic і
    # combining accents, precomposed and not, stacked and doubled
    "Żodino",
    "Z\u0307odino",
    "Mi\u0301nsk",
    "Hrodna\u0300",
    "e\u0301\u0323",
    "a\u0308\u0308",
    "\u0301Brest",
    "Łódź",
    "Ørsted",
    "Ærø",
    "Ðakovo",
    "þorp",
    # Greek final sigma and iota subscript, lunate sigma, a combining ypogegrammeni
    "ΟΔΟΣ ΣΟΦΙΑΣ",
    "Σ",
    "ᾼ",
    "ᾳ",
    "ϲ",
    "ϹΑΣ",
    "α\u0345",
    # compatibility forms: ligatures, full width, Roman numerals, super- and subscripts
    "ﬁeld",
    "ＭＩＮＳＫ",
    "Ⅻ",
    "x²",
    "H₂O",
    "℡",
    "㎒",
    "ℍotel",
    # punctuation, digits, spaces and invisibles
    "  Grodno-Azot__(OAO)  ",
    "St. Petersburg",
    "«Гродно Азот»",
    "Завод №2",
    "\t\n",
    "",
    ".",
    "''",
    "Brest\u00a0Fortress",
    "Min\u200dsk",
    "Min\u00adsk",
    "Min\u200bsk",
    "٣ أبريل",
    "Minsk 🏭",
    "𝐌𝐢𝐧𝐬𝐤",
    # other scripts: a vowel sign (a mark of class 0), Cherokee, old Cyrillic letter shapes
    "हिन्दी",
    "मिन्स्क",
    "ᏣᎳᎩ",
    "ꮳꮃꭹ",
    "ᲀᲁᲂ",
    "Мѣньскъ",
    "Svyetlahorsk",
    "YY",
    "yi",
]


@pytest.fixture(scope="module")
def node() -> str:
    return require(shutil.which("node"), "node is not installed (apt-get install npm); .ci/run installs it")


@pytest.fixture(scope="module")
def npx(node: str) -> str:
    path = require(shutil.which("npx"), "npx is not installed (apt-get install npm); .ci/run installs it")
    eslint = STATIC / "node_modules" / ".bin" / "eslint"
    require(eslint if eslint.exists() else None, "ESLint is not installed in static/node_modules: run `make setup`")
    return path


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def folded_by_node(node: str, texts: list[str], tmp_path: Path) -> list[str]:
    """Each text through strike-search.js's ``fold`` ("" stands for one with a character node's Unicode lacks)."""
    source = tmp_path / "texts.json"
    source.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    script = (
        "const {fold} = require(process.argv[1]);"
        "const texts = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));"
        "process.stdout.write(JSON.stringify(texts.map(t => /\\p{Cn}/u.test(t) ? null : fold(t))));"
    )
    done = _run([node, "-e", script, str(PLUGIN), str(source)], REPO)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def the_maps_names(events: pd.DataFrame) -> list[str]:
    """Every name the search box files an entry under, every town's every name, and the tricky ones."""
    towns = json.loads(TOWNS_PATH.read_text(encoding="utf-8"))
    names = [name for town in towns for name in (town["label"], town["detail"], *town["names"])]
    names += [name for entry in search_entries(events) for name in (entry["label"], entry["detail"], *entry["names"])]
    names += [str(value) for column in ("name", "local_name", "town", "oblast") for value in events[column].dropna()]
    return list(dict.fromkeys(names + TRICKY))


def test_node_unit_tests_pass(node: str) -> None:
    assert NODE_TESTS, "no node tests in static/js/test"
    done = _run([node, "--test", *map(str, NODE_TESTS)], REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    counts = {
        line.split()[1]: int(line.split()[2])
        for line in done.stdout.splitlines()
        if line.startswith("# ") and len(line.split()) == 3 and line.split()[2].isdigit()
    }
    assert counts["fail"] == 0 and counts["pass"] >= 10, done.stdout


def test_eslint_passes(npx: str) -> None:
    done = _run([npx, "--no", "eslint", "js"], STATIC)  # --no: never fetch ESLint from the registry
    assert done.returncode == 0, done.stdout + done.stderr


def test_fold_agrees_with_name_key_on_the_maps_names(node: str, events: pd.DataFrame, tmp_path: Path) -> None:
    names = the_maps_names(events)
    assert len(names) > 2000
    folded = folded_by_node(node, names, tmp_path)
    differ = [(name, js, name_key(name)) for name, js in zip(names, folded) if js != name_key(name)]
    assert differ == [], f"{len(differ)} of {len(names)} names fold differently (name, JS, Python): {differ[:20]}"
    # what the two agree on, spelled out
    assert name_key("Straße") == "strasse" and name_key("İstanbul") == "istanbul" and name_key("ΟΔΟΣ") == "οδοσ"
    assert name_key("Кобрынʼ") == name_key("Кобрын’") == name_key("Кобрын'") == "кобрын"
    assert name_key("Z\u0307odino") == name_key("Żodino") == "zodino"


def test_fold_agrees_with_name_key_on_every_character(node: str, tmp_path: Path) -> None:
    """Every character Python's Unicode assigns, alone and between letters, where node's Unicode has it too."""
    assigned = [
        chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) not in ("Cn", "Co", "Cs")
    ]
    texts = assigned + [f"Ab{char}cY" for char in assigned]
    folded = folded_by_node(node, texts, tmp_path)
    compared = [(text, js) for text, js in zip(texts, folded) if js is not None]
    assert len(compared) > 0.99 * len(texts)
    differ = [
        (f"U+{ord(text[2] if len(text) > 1 else text):04X}", text, js, name_key(text))
        for text, js in compared
        if js != name_key(text)
    ]
    assert differ == [], f"{len(differ)} texts fold differently (code, text, JS, Python): {differ[:20]}"


def test_the_search_box_is_a_plugin_the_app_serves_and_an_export_inlines(events: pd.DataFrame) -> None:
    waves = compare.wave_pair(events)
    script = (STATIC / "js" / "strike-search.js").read_bytes()
    app_page = localize(mapview.build_map(events, waves, lang=Lang("en"))).get_root().render()
    # in the app: the plugin file, served by Streamlit (its hash in the URL, for the browser's cache)
    assert re.search(r'<script src="/app/static/js/strike-search\.js\?v=[0-9a-f]{12}"></script>', app_page)
    # the element only hands the plugin its data: three lines of script, all but the JSON
    call = re.search(
        r"var search_control_\w+ = L\.control\.strikeSearch\(\s*\[.*?\]\s*,\s*\{.*?\}\s*\)"
        r"\.addTo\(map_\w+\);",
        app_page,
        re.S,
    )
    assert call and call.group(0).count("\n") == 2
    assert "function" not in re.sub(r'"(?:[^"\\]|\\.)*"', "", call.group(0))
    # in an export: inlined, so the file opens with no server (tests/browser/test_search_speed.py types in it offline)
    for page in (
        standalone_html(mapview.build_map(events, waves, lang=Lang("en")), lang=Lang("en")),
        export.html_snapshot(events, Filters(), waves, lang=Lang("en"), title="The 2020 Belarusian strikes").decode(),
    ):
        assert f'src="data:text/javascript;base64,{base64.b64encode(script).decode()}"' in page
        assert "/app/static" not in page
