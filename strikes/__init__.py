"""A map of the 2020 Belarusian strike movement: data, geocoding, filtering, maps and exports."""
