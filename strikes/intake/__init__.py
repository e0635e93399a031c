"""The intake: a reader's own file (CSV, GeoJSON, Excel; ACLED, Labor Action Tracker, this map's exports)
turned into the validated events frame, in bounded time and memory, or refused with messages naming
each row and field. Nothing here imports the maps or the exporter."""

from .decode import MAX_ROWS, MAX_UPLOAD_BYTES, UploadError
from .read import read_upload, summary

__all__ = ["MAX_ROWS", "MAX_UPLOAD_BYTES", "UploadError", "read_upload", "summary"]
