"""A maintainer's path from a town-centre point to a cited one: candidates, a review map, a recorded decision.

`python -m strikes.curate` (`make curate`) asks OpenStreetMap (Overpass), Nominatim
and Wikidata where each town-placed workplace stands, caches every answer, draws the
candidates on a review page, and writes an accepted one into geodata/sites.csv as a
`site` point with its source and the date it was checked. The app never imports it.
"""
