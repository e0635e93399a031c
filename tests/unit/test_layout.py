"""The house's plan: the README's Layout table names every module, and the intake needs no map."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from strikes.intake import registry

ROOT = Path(__file__).resolve().parents[2]


def layout_table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("## Layout") :].split("\n## ", 1)[0]


def test_the_layout_table_names_every_module_and_nothing_that_is_gone() -> None:
    table = layout_table()
    named = set(re.findall(r"`((?:strikes|tools|bench|static|deploy|tests)/[\w/.-]*|app\.py)`", table))
    folders = {name for name in named if name.endswith("/")}
    # a file inside a folder row is named by its bare file name in that row
    rows = {line.split("|")[1].strip(" `"): line for line in table.splitlines() if line.startswith("| `")}
    modules = [
        path.relative_to(ROOT).as_posix()
        for path in [*ROOT.glob("strikes/**/*.py"), *ROOT.glob("tools/*.py")]
        if path.name not in ("__init__.py", "__main__.py")
    ]
    unnamed = []
    for module in modules:
        folder = module.rsplit("/", 1)[0] + "/"
        if module in named or (folder in folders and f"`{module.rsplit('/', 1)[1]}`" in rows[folder]):
            continue
        unnamed.append(module)
    assert unnamed == []
    gone = [name for name in named if not (ROOT / name).exists()]
    assert gone == []


def test_the_readme_shows_the_registrys_table_of_formats() -> None:
    assert registry.formats_table() in (ROOT / "README.md").read_text(encoding="utf-8")


# In a fresh interpreter: what reading an upload imports, then what the app imports of tools/ (one process
# for both, since each start costs seconds of imports).
IMPORTS = """import json, sys
import strikes.intake
intake = sorted(m for m in sys.modules if m.startswith(('strikes.page', 'strikes.export', 'folium', 'playwright')))
import app
print(json.dumps([intake, sorted(m for m in sys.modules if m == 'tools' or m.startswith('tools.'))]))"""


@pytest.fixture(scope="module")
def imported() -> tuple[list[str], list[str]]:
    """The modules of interest that reading an upload imports, and those of tools/ that the app imports."""
    loaded = subprocess.run([sys.executable, "-c", IMPORTS], capture_output=True, text=True, check=True, cwd=ROOT)
    intake, tools = json.loads(loaded.stdout.strip().splitlines()[-1])
    return intake, tools


def test_reading_an_upload_imports_no_map_exporter_or_browser(imported: tuple[list[str], list[str]]) -> None:
    assert imported[0] == []


def test_every_format_is_registered_once_and_the_app_accepts_exactly_those() -> None:
    suffixes = registry.suffixes()
    assert suffixes == ["csv", "tsv", "txt", "xlsx", "geojson", "json"]
    assert len(set(suffixes)) == len(suffixes)
    assert "type=registry.suffixes()" in (ROOT / "strikes/web/upload.py").read_text(encoding="utf-8")


def test_the_runtime_never_imports_a_build_tool(imported: tuple[list[str], list[str]]) -> None:
    """tools/ builds and measures; the map, the workbench and the exports run without it."""
    importers = [
        path.relative_to(ROOT).as_posix()
        for path in [ROOT / "app.py", *ROOT.glob("strikes/**/*.py")]
        if re.search(r"^\s*(?:from|import) tools\b", path.read_text(encoding="utf-8"), re.M)
    ]
    assert importers == []
    assert imported[1] == []
