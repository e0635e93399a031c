"""Exports of the filtered map and data: CSV and GeoJSON, HTML and PNG snapshots, a module each.

One contract (contract.py), one module per format, a registry that the app's
row of download buttons and the command line (``python -m strikes.export``)
both read. Only the PNG needs Chromium, and only it imports Playwright, when it
takes a picture. The names here are the ones the app, the tests and the
benchmark use.
"""

from .cli import main
from .contract import ExportError, Format, Request
from .csvfile import to_csv
from .drawn import BASE_LAYER_DRAWN, MARKERS
from .geojsonfile import ACTION_COLUMNS, SITE_COLUMNS, to_geojson, to_geojson_bytes
from .make import export, file_name
from .pngfile import png_snapshot
from .registry import FORMATS, MEDIA_TYPES, PNG_SIZES, format_for
from .snapshot import filter_lines, html_snapshot, sources, sources_html, title_lines

__all__ = [
    "ACTION_COLUMNS",
    "BASE_LAYER_DRAWN",
    "FORMATS",
    "MARKERS",
    "MEDIA_TYPES",
    "PNG_SIZES",
    "SITE_COLUMNS",
    "ExportError",
    "Format",
    "Request",
    "export",
    "file_name",
    "filter_lines",
    "format_for",
    "html_snapshot",
    "main",
    "png_snapshot",
    "sources",
    "sources_html",
    "title_lines",
    "to_csv",
    "to_geojson",
    "to_geojson_bytes",
]
