"""The curated dataset and its places: the CSVs in geodata/, the geocode cache, the gazetteer and the towns'
names in each language."""
