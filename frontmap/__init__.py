"""frontmap: front-line reports in, maps of who claims what out."""

from frontmap.errors import FrontmapError, GazetteerError, LedgerError, ReportError

__version__ = "0.1.0"
__all__ = ["FrontmapError", "GazetteerError", "LedgerError", "ReportError", "__version__"]
