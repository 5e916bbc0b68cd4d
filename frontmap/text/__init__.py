"""Stage 1, text: read a report (any encoding, HTML, Markdown) and split it into sentences; name keys shared by every later stage."""
