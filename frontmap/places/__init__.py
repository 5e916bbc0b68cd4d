"""Stage 3, places: find the place names in a report and resolve each to a gazetteer entry by context."""
