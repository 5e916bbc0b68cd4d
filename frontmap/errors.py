"""One root exception for everything frontmap raises on purpose.

Messages quote the bad value and say how to fix it.
"""


class FrontmapError(Exception):
    """Root of frontmap's own errors."""


class ReportError(FrontmapError, ValueError):
    """A report cannot be read: empty, binary, undecodable, undated, too large."""


class BudgetError(FrontmapError):
    """One report took longer than its time budget and was stopped; the others go on."""


class GazetteerError(FrontmapError):
    """The gazetteer is missing or damaged."""


class LedgerError(FrontmapError):
    """The claims ledger cannot be opened or written."""


class EvalError(FrontmapError, ValueError):
    """A gold annotation folder is not in the expected format."""


class DataError(FrontmapError):
    """A data file packaged with frontmap (frontmap/data/) is missing or malformed."""


class MapError(FrontmapError):
    """A map cannot be drawn: a bad reference layer, missing map assets."""


class SnapshotError(FrontmapError):
    """A map picture cannot be taken in headless Chromium."""
