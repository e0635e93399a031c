"""The published edition: the whole interactive map as a folder of static files (``python -m strikes.publish``).

The Streamlit app is the workbench; the edition is what a newsroom publishes. Every reader's filter,
day, comparison and table runs in the browser on data the build writes once, so a crowd costs a static
host (or a CDN) nothing but bytes: build (the folder, atomically), data (the events as the browser's
compact columns and each language's words), mapparts (the folium map, split into content-hashed files)
and shell (the small index.html).
"""
