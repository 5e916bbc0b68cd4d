"""Stage 6, briefs: one date's map and claims as the document an analyst sends (.html, .md, .docx)."""
