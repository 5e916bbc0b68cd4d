"""The reference overlay the maps draw: read and tested in ``frontmap.ledger.reference``."""
from __future__ import annotations

from frontmap.ledger.reference import INSIDE, OUTSIDE, Reference, ReferenceSet, load_reference, load_references

__all__ = ["INSIDE", "OUTSIDE", "Reference", "ReferenceSet", "load_reference", "load_references"]
