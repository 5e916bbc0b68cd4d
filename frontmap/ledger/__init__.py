"""Stage 5, ledger: the SQLite store of reports, places and claims, and the diff between two dates."""
