"""Every reader counts (issue 21): colour vision, axe-core on every page the project makes, the keyboard.

The axe and keyboard tests run against the running app and an exported HTML file in Chromium; axe-core
comes from npm (static/package.json) and is injected into each document, the map frames included.
"""

from __future__ import annotations

from itertools import combinations

import pytest
from coloraide import Color

from strikes.page.icons import BOTH_COLOUR, FIRST_COLOUR, OTHER_COLOUR, SECOND_COLOUR

# The least CIEDE2000 difference between two status colours of one map, for every kind of colour vision.
MIN_DELTA_E = 20


@pytest.mark.parametrize("vision", ["protan", "deutan", "tritan", None])
def test_the_status_colours_stay_apart_for_every_colour_vision(vision: str | None) -> None:
    """Machado et al. 2009 at full severity (coloraide's "machado" filter), CIEDE2000 between every pair."""
    colours = [
        Color(c).filter(vision, method="machado") if vision else Color(c)
        for c in (FIRST_COLOUR, BOTH_COLOUR, SECOND_COLOUR, OTHER_COLOUR)
    ]
    closest = min(a.delta_e(b, method="2000") for a, b in combinations(colours, 2))
    assert closest >= MIN_DELTA_E, (vision, round(closest, 1))


# In Belarusian and Russian the uploader's button is named by CSS generated content (strikes.web.widgetwords), as
# browsers name it (the accname spec includes CSS content; tests/browser/test_reader_states.py checks Chromium's name).
# axe-core leaves that content out (dequelabs/axe-core#3767, open), so it would call the button nameless.
