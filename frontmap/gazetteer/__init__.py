"""Stage 2, gazetteer: the offline gazetteer at run time (store, schema, overrides, inflection, areas) and its geopy-compatible geocoder."""
