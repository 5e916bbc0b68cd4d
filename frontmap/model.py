"""Small value objects shared by every stage.

Coordinates always travel with their names (``lat``, ``lon``); nothing here
is a bare tuple that could be swapped.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any, Literal, get_args

# The closed vocabularies of the output contract, as Literal types a type checker
# sees; the tuples beside them are the same values, for validation at run time.
Kind = Literal["settlement", "region", "river", "other"]
Status = Literal["resolved", "ambiguous", "unresolved"]
Event = Literal["captured", "liberated", "advance", "fighting", "encircled",
                "repelled", "strike", "withdrawal", "other"]
Side = Literal["RU", "UA"]
ClaimantSide = Literal["RU", "UA", "third", "outlet"]
Stance = Literal["asserted", "denied", "hedged", "reported"]
GeometryKind = Literal["offset", "buffer", "line", "area"]
Precision = Literal[1, 2, 3]  # ACLED-like: 1 the settlement itself, 2 near or offset from it, 3 only a region

KINDS: tuple[Kind, ...] = get_args(Kind)
STATUSES: tuple[Status, ...] = get_args(Status)
EVENTS: tuple[Event, ...] = get_args(Event)
SIDES: tuple[Side, ...] = get_args(Side)
CLAIMANT_SIDES: tuple[ClaimantSide, ...] = get_args(ClaimantSide)
STANCES: tuple[Stance, ...] = get_args(Stance)
GEOMETRY_KINDS: tuple[GeometryKind, ...] = get_args(GeometryKind)
PRECISIONS: tuple[Precision, ...] = get_args(Precision)


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


@dataclass(frozen=True)
class Geometry:
    """The shape a claim describes, beyond its place's point.

    offset: one point, "8 km west of X"; buffer: a centre and radius_km, "near X", "the X area";
    line: points in order, "along the X road toward Y"; area: area_km2 as stated, around a centre.
    """

    kind: GeometryKind
    points: tuple[Point, ...]
    radius_km: float | None = None
    area_km2: float | None = None
    text: str = ""                  # the phrase it came from

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "points": [{"lat": p.lat, "lon": p.lon} for p in self.points],
                "radius_km": self.radius_km, "area_km2": self.area_km2, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Geometry":
        return cls(kind=d["kind"], points=tuple(Point(lat=p["lat"], lon=p["lon"]) for p in d["points"]),
                   radius_km=d.get("radius_km"), area_km2=d.get("area_km2"), text=d.get("text", ""))


@dataclass(frozen=True)
class Entry:
    """One gazetteer record: a settlement, region, river or other place."""

    id: str                  # "gn:703656", "ru:...", "region:UA63", ...
    name: str                # canonical: Ukrainian national transliteration
    name_uk: str             # official Ukrainian (Cyrillic) name, "" if none
    kind: Kind
    oblast: str | None       # short English oblast name: "Kharkiv", "Crimea", "Belgorod (Russia)"
    raion: str | None        # short raion name of the 2020 reform: "Kupiansk"
    hromada: str | None
    lat: float
    lon: float
    population: int = 0
    feature: str = ""        # GeoNames feature code (PPL, PPLA2, ...) or KATOTTG category
    katottg: str | None = None
    approximate: bool = False  # coordinate is a polygon centroid, not a settlement point

    @property
    def point(self) -> Point:
        return Point(lat=self.lat, lon=self.lon)


@dataclass(frozen=True)
class Match:
    """A gazetteer answer: the entry, the spelling that matched, and a score 0..1."""

    entry: Entry
    matched: str
    score: float = 1.0
    source: str = "gazetteer"


@dataclass
class Report:
    """A report as read: its text (offsets point into it), date and provenance."""

    path: str
    date: str                 # ISO YYYY-MM-DD
    text: str
    encoding: str = "utf-8"
    sha256: str = ""
    title: str | None = None
    warnings: list[str] = field(default_factory=list)
    source_url: str | None = None  # where it was published: canonical link, og:url, front matter or a source line


@dataclass
class Mention:
    """A span of report text that names (or looks like it names) a place."""

    text: str
    start: int
    end: int
    candidates: list[Match] = field(default_factory=list)
    kind_hint: str | None = None   # "region" for "X Oblast", "river", "direction", ...
    looks_like_place: bool = True  # false for names found only by shape, not by gazetteer


@dataclass(frozen=True)
class Alternative:
    """Another candidate for a place (or a spelling suggestion for an unknown name),
    with the resolver's score for it."""

    id: str | None = None
    name: str | None = None
    kind: Kind | None = None
    oblast: str | None = None
    raion: str | None = None
    lat: float | None = None
    lon: float | None = None
    score: float | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Alternative:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in known})

    def to_dict(self) -> dict[str, Any]:
        return _fields_dict(self)


@dataclass
class Place:
    """A resolved mention: the output contract's place object."""

    text: str
    start: int
    end: int
    name: str | None
    kind: Kind | None
    oblast: str | None
    lat: float | None
    lon: float | None
    id: str | None
    confidence: float
    status: Status
    reason: str = ""
    alternatives: list[Alternative] = field(default_factory=list)
    precision: Precision = 1
    # What decided it ("single", "context", "offset", "spelling", "contradicted", "memory") and the
    # resolver's own score before calibration turned it into ``confidence``; kept to refit and audit.
    evidence: str = ""
    raw_confidence: float | None = None

    def __post_init__(self) -> None:
        # Stored ledgers and hand-made places give plain dicts; keep one type inside.
        self.alternatives = [a if isinstance(a, Alternative) else Alternative.from_dict(a)
                             for a in self.alternatives]

    def to_dict(self) -> dict[str, Any]:
        d = _fields_dict(self)
        d["alternatives"] = [a.to_dict() for a in self.alternatives]
        return d


@dataclass
class Claim:
    """A statement, attributed to someone, about what happened at a place."""

    place: Place
    event: Event
    beneficiary: Side | None
    claimant: str
    claimant_side: ClaimantSide
    stance: Stance
    evidence: str
    evidence_start: int = 0
    evidence_end: int = 0
    event_date: str | None = None
    geometry: Geometry | None = None

    def to_dict(self) -> dict[str, Any]:
        d = _fields_dict(self)
        d["place"] = self.place.to_dict()
        d["geometry"] = self.geometry.to_dict() if self.geometry else None
        return d


@dataclass
class Extraction:
    """Everything extracted from one report."""

    report: Report
    places: list[Place]
    claims: list[Claim]
    unresolved: list[Place] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.report.path, "date": self.report.date}
        if self.report.source_url:
            out["source_url"] = self.report.source_url
        out.update(places=[p.to_dict() for p in self.places], claims=[c.to_dict() for c in self.claims])
        return out


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _fields_dict(obj: Any) -> dict[str, Any]:
    """The object's fields in order, values as they are: ``asdict`` without its deep copy, which
    costs most of the JSON output's time.  The caller converts the fields that hold objects."""
    return {name: getattr(obj, name) for name in _field_names(type(obj))}
