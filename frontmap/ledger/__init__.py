"""Stage 5, ledger: the SQLite store of reports, places and claims, the diff between two dates, and
the control ledger (who claims to hold what, date by date)."""
