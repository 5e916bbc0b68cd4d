"""frontmap: front-line reports in, maps of who claims what out.

The public API.  ``import frontmap`` is cheap: the model types and errors are
plain Python, and everything heavier (the gazetteer, folium, python-docx,
selenium) is imported on first use of the name that needs it.

    import frontmap
    extraction = frontmap.extract("date 2025-11-20\\nRussian forces captured Radisne.")
    for claim in extraction.claims:
        print(claim.place.name, claim.event, claim.claimant, claim.stance)
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from frontmap.errors import (BudgetError, DataError, EvalError, FrontmapError, GazetteerError, LedgerError,
                             MapError, ReportError, SnapshotError)
from frontmap.model import Alternative, Claim, Entry, Extraction, Geometry, Match, Mention, Place, Point, Report

__version__ = "0.1.0"

# public name -> the module that defines it, imported when the name is first used
_LAZY = {
    "read_report": "frontmap.text.reading",
    "read_report_bytes": "frontmap.text.reading",
    "iter_report_paths": "frontmap.text.reading",
    "Gazetteer": "frontmap.gazetteer.store",
    "default_gazetteer": "frontmap.gazetteer.store",
    "OfflineGeocoder": "frontmap.gazetteer.geocoder",
    "Extractor": "frontmap.pipeline",
    "Memory": "frontmap.places.memory",
    "extract": "frontmap.pipeline",
    "extract_file": "frontmap.pipeline",
    "unresolved_rows": "frontmap.pipeline",
    "extract_parallel": "frontmap.workers",
    "worker_count": "frontmap.workers",
    "Ledger": "frontmap.ledger.store",
    "StoredClaim": "frontmap.ledger.store",
    "diff_dates": "frontmap.ledger.diff",
    "control_ledger": "frontmap.ledger.control",
    "control_on": "frontmap.ledger.control",
    "status_changes": "frontmap.ledger.control",
    "assess": "frontmap.ledger.assess",
    "claimed_areas": "frontmap.ledger.areas",
    "load_references": "frontmap.ledger.reference",
    "recover_ledger": "frontmap.ledger.recover",
    "render_map": "frontmap.render.map",
    "write_maps": "frontmap.render.map",
    "embed_map": "frontmap.render.embed",
    "write_map_pngs": "frontmap.render.snapshot",
    "collect_brief": "frontmap.briefs.collect",
    "write_brief": "frontmap.briefs.write",
    "brief_format": "frontmap.briefs.write",
    "evaluate": "frontmap.evaluation",
    "write_layers": "frontmap.exports",
    "export_driver": "frontmap.exports",
    "run_batch": "frontmap.batch",
    "read_batch": "frontmap.batch",
}

__all__ = ["Alternative", "BudgetError", "Claim", "DataError", "Entry", "EvalError", "Extraction",
           "FrontmapError", "GazetteerError", "Geometry", "LedgerError", "MapError", "Match", "Memory",
           "Mention", "Place", "Point", "Report", "ReportError", "SnapshotError", "__version__",
           "Extractor", "Gazetteer", "Ledger", "OfflineGeocoder", "StoredClaim", "assess", "brief_format",
           "claimed_areas", "collect_brief", "control_ledger", "control_on", "default_gazetteer", "diff_dates", "embed_map",
           "evaluate", "extract",
           "extract_file", "iter_report_paths", "load_references", "read_batch", "read_report", "read_report_bytes", "recover_ledger", "render_map",
           "run_batch", "status_changes", "unresolved_rows", "write_brief", "write_layers", "export_driver", "write_map_pngs",
           "write_maps", "extract_parallel", "worker_count"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'frontmap' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value      # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


if TYPE_CHECKING:   # what a type checker and an IDE see; at run time the names load lazily
    from frontmap.batch import read_batch, run_batch
    from frontmap.briefs.collect import collect_brief
    from frontmap.briefs.write import brief_format, write_brief
    from frontmap.evaluation import evaluate
    from frontmap.gazetteer.geocoder import OfflineGeocoder
    from frontmap.gazetteer.store import Gazetteer, default_gazetteer
    from frontmap.ledger.diff import diff_dates
    from frontmap.ledger.recover import recover as recover_ledger
    from frontmap.ledger.store import Ledger, StoredClaim
    from frontmap.pipeline import Extractor, extract, extract_file, unresolved_rows
    from frontmap.render.embed import embed_map
    from frontmap.render.map import render_map, write_maps
    from frontmap.render.snapshot import write_map_pngs
    from frontmap.text.reading import iter_report_paths, read_report, read_report_bytes
