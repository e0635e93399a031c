"""Build-time tools that the map never imports at run time: the base-map and world-map builds, the vector-tile
reader they use, synthetic data for benchmarks and tests, and the harness that starts the app for them."""
