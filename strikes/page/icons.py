"""Marker geometry and colours: a shape per sector, a colour per wave status.

Only fixed drawing data lives here; the marker SVG, which carries a letter
from the wave names, is assembled in strikes.page.markup.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

# Okabe-Ito colours, distinguishable with the common colour-vision deficiencies;
# a cluster's pie shows sites in both waves in Paul Tol's wine, which stays apart from both under
# protanopia, deuteranopia and tritanopia (tests/unit/test_accessibility.py simulates each).
FIRST_COLOUR, SECOND_COLOUR, BOTH_COLOUR = "#E69F00", "#0072B2", "#882255"
OTHER_COLOUR = "#999999"

SECTOR_SHAPES: dict[str, str] = {
    "manufacturing": "square",
    "chemicals": "hexagon",
    "mining": "triangle-down",
    "energy": "star",
    "transport": "circle",
    "health": "cross",
    "education": "triangle",
    "culture": "diamond",
    "construction": "pentagon",
    "food": "octagon",
    "forestry": "fir",
    "research": "star6",
    "public services": "x",
}
DEFAULT_SHAPE = "circle"


def _polygon(points: Iterable[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points) + " Z"


def _regular(sides: int, radius: float = 10.5, turn: float = -90.0, inner: float | None = None) -> str:
    """A regular polygon (or a star, given an inner radius) centred in a 24x24 box."""
    count = sides * 2 if inner else sides
    points = []
    for i in range(count):
        r = inner if inner and i % 2 else radius
        angle = math.radians(turn + 360.0 * i / count)
        points.append((12 + r * math.cos(angle), 12 + r * math.sin(angle)))
    return _polygon(points)


SHAPE_PATHS: dict[str, str] = {
    "circle": "M12,1.5 A10.5,10.5 0 1 1 11.99,1.5 Z",
    "square": _polygon([(2.5, 2.5), (21.5, 2.5), (21.5, 21.5), (2.5, 21.5)]),
    "triangle": _regular(3, 12, -90),
    "triangle-down": _regular(3, 12, 90),
    "diamond": _regular(4, 11.5, -90),
    "pentagon": _regular(5, 11),
    "hexagon": _regular(6, 11, 0),
    "octagon": _regular(8, 11, 22.5),
    "star": _regular(5, 12, -90, inner=5.5),
    "star6": _regular(6, 12, -90, inner=7),
    "cross": _polygon(
        [
            (8, 1.5),
            (16, 1.5),
            (16, 8),
            (22.5, 8),
            (22.5, 16),
            (16, 16),
            (16, 22.5),
            (8, 22.5),
            (8, 16),
            (1.5, 16),
            (1.5, 8),
            (8, 8),
        ]
    ),
    "x": _polygon(
        [
            (5, 1.5),
            (12, 8.5),
            (19, 1.5),
            (22.5, 5),
            (15.5, 12),
            (22.5, 19),
            (19, 22.5),
            (12, 15.5),
            (5, 22.5),
            (1.5, 19),
            (8.5, 12),
            (1.5, 5),
        ]
    ),
    "fir": _polygon([(12, 0.5), (20, 22.5), (4, 22.5)]),
}


def shape_path(sector: str) -> str:
    """The SVG path of a sector's shape; a sector we have no shape for is a circle."""
    return SHAPE_PATHS[SECTOR_SHAPES.get(sector, DEFAULT_SHAPE)]
