"""Mapbox vector tiles, read: the line features of a tile, by the Mapbox Vector Tile specification 2.1.

The offline base map's roads and railways come as such tiles (see
tools/basemap_build.py). A tile is a protobuf message; this reads the
little of protobuf that tiles use, with no protobuf library or schema.
"""

from __future__ import annotations

import struct
from typing import Any


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def _message(data: bytes) -> dict[int, list[Any]]:
    """A protobuf message's fields by number, each a list of values: ints for varints, bytes for the rest."""
    fields: dict[int, list[Any]] = {}
    at = 0
    while at < len(data):
        key, at = _varint(data, at)
        wire = key & 7
        if wire == 0:
            value, at = _varint(data, at)
        else:
            if wire == 2:
                size, at = _varint(data, at)
            elif wire in (1, 5):
                size = 8 if wire == 1 else 4
            else:
                raise ValueError(f"protobuf wire type {wire} is not in vector tiles")
            fields.setdefault(key >> 3, []).append(data[at : at + size])
            at += size
            continue
        fields.setdefault(key >> 3, []).append(value)
    return fields


def _packed(data: bytes) -> list[int]:
    values, at = [], 0
    while at < len(data):
        value, at = _varint(data, at)
        values.append(value)
    return values


def _zigzag(n: int) -> int:
    return (n >> 1) ^ -(n & 1)


def _value(value: dict[int, list[Any]]) -> Any:
    """A vector tile's Value message: string, float, double, int, uint, sint or bool."""
    ((number, (raw,)),) = value.items()
    if number == 1:
        return raw.decode("utf-8")
    if number in (2, 3):
        return struct.unpack("<f" if number == 2 else "<d", raw)[0]
    return _zigzag(raw) if number == 6 else bool(raw) if number == 7 else raw


def _lines(commands: list[int]) -> list[list[tuple[int, int]]]:
    """A line geometry's MoveTo (1) and LineTo (2) commands as lines of tile-unit points."""
    lines: list[list[tuple[int, int]]] = []
    x = y = at = 0
    while at < len(commands):
        command, count = commands[at] & 7, commands[at] >> 3
        at += 1
        for _ in range(count):
            x, y = x + _zigzag(commands[at]), y + _zigzag(commands[at + 1])
            at += 2
            if command == 1:
                lines.append([])
            lines[-1].append((x, y))
    return lines


TileLayer = tuple[int, list[tuple[dict[str, Any], list[list[tuple[int, int]]]]]]


def read_mvt(data: bytes) -> dict[str, TileLayer]:
    """A Mapbox vector tile's line features: layer name -> (extent, [(properties, lines in tile units)]).

    The format is protobuf (Mapbox Vector Tile specification 2.1). Only what
    lines need is read: names, keys, values and line geometries.
    """
    layers = {}
    for raw_layer in _message(data).get(3, []):
        layer = _message(raw_layer)
        keys = [key.decode("utf-8") for key in layer.get(3, [])]
        values = [_value(_message(value)) for value in layer.get(4, [])]
        features = []
        for raw_feature in layer.get(2, []):
            feature = _message(raw_feature)
            if feature.get(3) != [2]:  # not a LINESTRING
                continue
            tags = _packed(feature.get(2, [b""])[0])
            properties = {keys[k]: values[v] for k, v in zip(tags[::2], tags[1::2])}
            features.append((properties, _lines(_packed(feature.get(4, [b""])[0]))))
        layers[layer[1][0].decode("utf-8")] = (layer.get(5, [4096])[0], features)
    return layers
