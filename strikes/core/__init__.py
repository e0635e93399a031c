"""The map's vocabulary: the events frame's schema, its filters, waves and comparison, languages and sectors,
and the small rules every other package keeps (quotes, problems, safe CSV, atomic files)."""
