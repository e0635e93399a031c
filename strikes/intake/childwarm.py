"""Imported once by the warm process the upload readers fork from: one small read, so every reader starts warm.

A first read in a process pays for what pandas and pandera set up lazily (pyarrow
for pandas' strings, pandera's backends): 70 ms of a small file's 100. The
forkserver pays it here, before any fork, and each child inherits it. The row
carries its own coordinates, so the town index is not opened: a connection never
crosses a fork.
"""

from __future__ import annotations

from .read import read_upload

SAMPLE = (
    b"event_id,event_date,workplace,sector,source,location,latitude,longitude\n"
    b"e1,2020-08-10,Works,industry,Source,Minsk,53.9,27.56\n"
)

read_upload(SAMPLE, "warm.csv")
