"""Where an outline's point is: the centre of its area, which lies on the grounds of a compact works."""

from __future__ import annotations

from collections.abc import Sequence

Ring = Sequence[tuple[float, float]]  # (lat, lon) pairs


def ring_area(ring: Ring) -> float:
    """Signed planar area in square degrees (shoelace); small areas only, which a works is."""
    return sum(a[1] * b[0] - b[1] * a[0] for a, b in zip(ring, [*ring[1:], ring[0]], strict=True)) / 2


def ring_centroid(ring: Ring) -> tuple[float, float]:
    """The area's centre of a closed ring; the mean of its points for a ring with no area."""
    area = ring_area(ring)
    if abs(area) < 1e-14:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    lat = lon = 0.0
    for a, b in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = a[1] * b[0] - b[1] * a[0]
        lon += (a[1] + b[1]) * cross
        lat += (a[0] + b[0]) * cross
    return lat / (6 * area), lon / (6 * area)


def outline_point(rings: Sequence[Ring]) -> tuple[float, float]:
    """The centre of the largest ring: a works drawn as several parts is placed on its main part."""
    largest = max(rings, key=lambda ring: abs(ring_area(ring)))
    return ring_centroid(largest)
