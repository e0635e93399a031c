"""A sector from the words a source uses, for files that have none (ACLED's exports, for one).

One small keyword table per language: English, Russian and Belarusian. A
keyword is the start of a word ("miner" matches "miners", "шахт" matches
"шахтёры"), so one entry covers a word's endings. The first sector whose
keyword appears wins, in the order of the tables, which put the specific
(potash, refinery) before the general (plant, factory). Nothing matched is
``unspecified``: a guess would be worse than saying so.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

UNSPECIFIED = "unspecified"

ENGLISH: dict[str, tuple[str, ...]] = {
    "mining": ("belaruskali", "potash", "miner", "mine", "mining", "quarr"),
    "chemicals": (
        "azot",
        "khimvolokno",
        "chemical",
        "fertili",
        "polymir",
        "belshina",
        "tyre",
        "tire",
        "pharma",
        "belmedpreparaty",
        "lakokraska",
        "paint",
    ),
    "energy": ("naftan", "refiner", "oil", "power plant", "power station", "nuclear", "energ", "gas"),
    "transport": (
        "metro",
        "trolleybus",
        "tram",
        "bus driver",
        "railway",
        "railroad",
        "locomotive",
        "depot",
        "airport",
        "taxi",
        "transport",
        "truck driver",
        "logistic",
    ),
    "health": ("hospital", "doctor", "nurse", "medic", "ambulance", "clinic", "health"),
    "education": ("universit", "student", "teacher", "school", "lecturer", "academ", "educat"),
    "culture": (
        "theatre",
        "theater",
        "philharmoni",
        "museum",
        "castle",
        "orchestra",
        "actor",
        "artist",
        "culture",
        "journalist",
        "television",
        "broadcast",
    ),
    "construction": ("construct", "builder", "housing", "zhilstroy"),
    "food": ("sugar", "meat", "dairy", "margarine", "bakery", "brewer", "food", "tobacco"),
    "forestry": ("forest", "lumber", "plywood", "timber", "sawmill", "leskhoz"),
    "research": ("institute", "research", "scien", "laborator", "design bureau"),
    "public services": ("municipal", "utilit", "public servic", "sanitation", "water suppl"),
    "manufacturing": (
        "tractor",
        "mtz",
        "maz",
        "belaz",
        "automobile",
        "motor plant",
        "steel",
        "metallurg",
        "bmz",
        "machine",
        "engineering",
        "electrotechnic",
        "factory",
        "plant",
        "works",
        "manufactur",
        "assembly",
        "forging",
    ),
}
RUSSIAN: dict[str, tuple[str, ...]] = {
    "mining": ("беларуськали", "калий", "калийн", "шахт", "горняк", "рудник", "карьер"),
    "chemicals": ("азот", "химволокно", "химич", "удобрен", "полимир", "белшина", "шин", "фармац", "лакокраск"),
    "energy": ("нафтан", "нпз", "нефтеперераб", "нефт", "аэс", "электростанц", "тэц", "энерг"),
    "transport": (
        "метро",
        "троллейбус",
        "трамва",
        "автобус",
        "железнодорож",
        "локомотив",
        "депо",
        "аэропорт",
        "такси",
        "транспорт",
    ),
    "health": ("больниц", "врач", "медсест", "медик", "скорой", "поликлиник", "здравоохран"),
    "education": ("университет", "студент", "учител", "школ", "преподава", "академи", "образован"),
    "culture": ("театр", "филармони", "музей", "замок", "оркестр", "актёр", "актер", "культур", "журналист", "телевид"),
    "construction": ("строител", "стройк", "жилстрой"),
    "food": ("сахар", "мясокомбинат", "молоч", "маргарин", "хлебозавод", "пищев", "табач"),
    "forestry": ("лесхоз", "лесн", "фанер", "древесин", "лесопил"),
    "research": ("институт", "научн", "исследоват", "лаборатор", "конструкторск"),
    "public services": ("коммунальн", "жкх", "водоканал"),
    "manufacturing": (
        "тракторн",
        "мтз",
        "маз",
        "белаз",
        "автомобильн",
        "моторн",
        "металлург",
        "бмз",
        "машиностро",
        "станкостро",
        "электротехн",
        "завод",
        "фабрик",
        "комбинат",
        "производств",
    ),
}
BELARUSIAN: dict[str, tuple[str, ...]] = {
    "mining": ("беларуськалі", "калій", "калійн", "шахц", "шахт", "горнік", "руднік"),
    "chemicals": ("азот", "хімвалакно", "хімічн", "угнаенн", "паліміра", "белшына", "шын", "фармацэўт"),
    "energy": ("нафтан", "нафтаперапрац", "нафт", "аэс", "электрастанц", "энерг"),
    "transport": (
        "метро",
        "тралейбус",
        "трамва",
        "аўтобус",
        "чыгун",
        "лакаматыў",
        "дэпо",
        "аэрапорт",
        "таксі",
        "транспарт",
    ),
    "health": ("бальніц", "лекар", "медсёстр", "медсястр", "медык", "хуткай", "паліклінік", "ахов здароў"),
    "education": ("універсітэт", "студэнт", "настаўнік", "школ", "выкладчык", "акадэмі", "адукацы"),
    "culture": ("тэатр", "філармані", "музей", "замак", "аркестр", "акцёр", "культур", "журналіст", "тэлебачан"),
    "construction": ("будаўнік", "будоўл", "жылбуд"),
    "food": ("цукр", "мясакамбінат", "малочн", "маргарын", "хлебазавод", "харчов", "тытун"),
    "forestry": ("лясгас", "лясн", "фанер", "драўнін", "лесапіл"),
    "research": ("інстытут", "навуков", "даследчы", "лабараторы", "канструктарск"),
    "public services": ("камунальн", "жкг", "вадаканал"),
    "manufacturing": (
        "трактарн",
        "мтз",
        "маз",
        "белаз",
        "аўтамабільн",
        "маторн",
        "металург",
        "бмз",
        "машынабуд",
        "станкабуд",
        "электратэхн",
        "завод",
        "фабрык",
        "камбінат",
        "вытворч",
    ),
}
TABLES = (ENGLISH, RUSSIAN, BELARUSIAN)


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One pattern per sector and language, in table order; a keyword must start a word."""
    return tuple(
        (sector, re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keywords) + ")", re.IGNORECASE))
        for table in TABLES
        for sector, keywords in table.items()
    )


def infer_sector(*texts: object) -> tuple[str, str | None]:
    """The sector the texts point to, and the word that decided it (None when nothing matched).

    The texts are tried in turn (a workplace's name before a long note), so the
    most specific text decides.
    """
    for text in texts:
        if not isinstance(text, str) or not text:
            continue
        best: tuple[int, str, str] | None = None
        for order, (sector, pattern) in enumerate(_patterns()):
            found = pattern.search(text)
            if found and (best is None or order < best[0]):
                best = (order, sector, found.group())
        if best is not None:
            return best[1], best[2]
    return UNSPECIFIED, None


def infer_sectors(frame: pd.DataFrame, text_columns: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
    """A sector for each row from its texts, and a remark saying it was inferred and from which word."""
    columns = [c for c in text_columns if c in frame]
    sectors, remarks = [], []
    for texts in frame[columns].itertuples(index=False):
        sector, word = infer_sector(*texts)
        sectors.append(sector)
        remarks.append(f"sector inferred from the word '{word}'" if word else "sector unspecified: no keyword matched")
    return pd.Series(sectors, index=frame.index, dtype="str"), pd.Series(remarks, index=frame.index, dtype="str")
