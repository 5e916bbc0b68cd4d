"""A brief: one date's map and claims, in the document an analyst sends (.html, .md or .docx).

:func:`collect_brief` gathers what a brief says from the ledger, as sections of plain-text
tables; the writers (:mod:`frontmap.briefs.html`, :mod:`frontmap.briefs.markdown`,
:mod:`frontmap.briefs.docx`) only lay those out, each escaping text its own way.  A brief holds:
the map; what is new since the previous ledger date (:mod:`frontmap.ledger.diff`); the
contested places; the claims grouped by claimant group; the names left unresolved or
ambiguous, with their suggestions; the source reports; the gazetteer attribution.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from frontmap.files import report_name
from frontmap.resources import load_json
from frontmap.ledger.store import Ledger, StoredClaim
from frontmap.ledger.diff import (LedgerDiff, claimants, contested_places, diff_dates, place_label,
                                  previous_date)

GROUP_ORDER = ("RU", "UA", "third", "outlet")
DEFAULT_WIDTH, DEFAULT_HEIGHT = 1280, 800


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """frontmap/data/briefs/brief.json: titles, headings and messages."""
    return load_json("briefs/brief.json")


@dataclass
class Section:
    """A heading, then a table (or, when it has no rows, the ``empty`` sentence)."""

    title: str
    level: int                       # 2: a part of the brief, 3: a table within one
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    empty: str = ""
    note: str = ""                   # a sentence shown under the heading


@dataclass
class Brief:
    date: str
    previous: str | None
    title: str
    summary: str
    map_html: str
    sections: list[Section]
    attribution: str                 # plain text (entities decoded)
    claims: list[StoredClaim]
    diff: LedgerDiff

    def map_caption(self) -> str:
        return words()["map_caption"].format(date=self.date)


def collect_brief(ledger: Ledger, date: str, *, attribution: str | None = None,
                  reference=None, title: str | None = None,
                  warn: Callable[[str], None] | None = None) -> Brief:
    """Everything a brief of ``date`` says, read from the ledger (raises when it has no such date).

    ``reference``: what ``render_map`` takes (a GeoJSON file for every date, or a folder or
    pattern of dated files; the date takes its own, else the nearest earlier, with a warning to
    ``warn``, default stderr): it is drawn on the map, and the tables give each capture claim's
    verdict against it.
    """
    from frontmap.ledger.control import control_ledger
    from frontmap.render.control import reference_for, references_of, warn_once
    from frontmap.render.map import ATTRIBUTION, render_map
    if attribution is None:
        attribution = ATTRIBUTION
    diff = diff_dates(ledger, previous_date(ledger, date), date)   # checks the date first
    previous = diff.before
    claims = ledger.claims(date)
    reports = ledger.reports(date)
    references = references_of(reference)
    ref = reference_for(references, date)
    warn_once(warn, set(), ref.warning)
    w = words()
    fill = {"date": date, "previous": previous or "-",
            "reference": _reference_name(ref, date) if ref.given else ""}
    heading = title or w["title"].format(**fill)
    control = control_ledger(ledger, until=date)
    map_html = render_map(date, claims, attribution=attribution, title=heading, reference=references,
                          n_reports=len(reports), control=control, warn=lambda _: None)
    contested = contested_places(claims)
    judge = _Judge(ref) if ref.given else None
    sections = _new_sections(diff, fill, judge)
    sections.append(_control_section(control.between(previous, date), fill, judge))
    sections.append(Section(w["sections"]["contested"], 2, _cols("contested", fill),
                            [[c.place, c.oblast or "", c.why, claimants(c.claims)] for c in contested],
                            w["empty"]["contested"].format(**fill)))
    sections += _claim_sections(claims, fill, judge)
    sections.append(Section(w["sections"]["unresolved"], 2, _cols("unresolved", fill),
                            unresolved_rows(ledger, date), w["empty"]["unresolved"].format(**fill)))
    sections.append(Section(w["sections"]["reports"], 2, _cols("reports", fill),
                            [[report_name(r["path"]), r["date"], r["title"] or "", str(r["n_places"]),
                              str(r["n_claims"])] for r in reports], w["empty"]["reports"].format(**fill)))
    since = (f"; since {previous}: {len(diff.newly_claimed)} newly claimed, "
             f"{len(diff.withdrawn_or_denied)} withdrawn or denied" if previous else "")
    summary = (f"{len(claims)} claim(s) from {len(reports)} report(s) dated {date}; "
               f"{len(contested)} contested place(s){since}.")
    return Brief(date=date, previous=previous, title=heading, summary=summary, map_html=map_html,
                 sections=sections, attribution=html.unescape(attribution), claims=claims, diff=diff)


def _cols(key: str, fill: dict[str, str]) -> list[str]:
    return [c.format(**fill) for c in words()["columns"][key]]


def source(stored: StoredClaim) -> str:
    return f"{stored.claim.claimant} ({report_name(stored.report_path)})"


class _Judge:
    """Verdicts against the date's reference for the claims of a brief's tables: capture claims
    (a gain: captured, liberated, withdrawal) get one, other claims an empty cell."""

    def __init__(self, ref):
        self.ref = ref

    def column(self, fill: dict[str, str]) -> list[str]:
        return [words()["reference"]["column"].format(**fill)]

    def cells(self, stored: list[StoredClaim]) -> list[list[str]]:
        from frontmap.ledger.control import GAIN_EVENTS
        from frontmap.render.control import claim_verdicts, verdict_words

        gains = [s for s in stored if s.claim.event in GAIN_EVENTS]
        found = dict(zip((id(s) for s in gains), claim_verdicts(gains, self.ref)))
        return [[verdict_words(found[id(s)])] if id(s) in found else [""] for s in stored]


def _reference_name(ref, date: str) -> str:
    if ref.reference is None:
        return words()["reference"]["none"]
    if ref.date is not None and ref.date != date:
        return f"{ref.reference.name} (of {ref.date})"
    return ref.reference.name


def _control_section(changes, fill: dict[str, str], judge: _Judge | None) -> Section:
    """The places whose asserted control changed since the previous date (``frontmap.ledger.control``)."""
    w = words()
    rows = [[ch.place, ch.oblast or "", ch.date, f"{ch.before} \u2192 {ch.after}",
             w["reversal"] if ch.reversal else "", claimants(list(ch.claims)),
             " / ".join(s.claim.evidence for s in ch.claims)] for ch in changes]
    columns = _cols("control", fill)
    if judge is not None:
        from frontmap.render.control import verdict_words, verdicts_at

        columns += judge.column(fill)
        for row, v in zip(rows, verdicts_at([_point(ch) for ch in changes], judge.ref)):
            row.append(verdict_words(v))
    return Section(w["sections"]["control"].format(**fill), 3, columns, rows,
                   w["empty"]["control"].format(**fill), note=w["control_rules"].format(**fill))


def _point(row):
    from frontmap.model import Point
    return None if row.lat is None or row.lon is None else Point(lat=row.lat, lon=row.lon)


def _new_sections(diff: LedgerDiff, fill: dict[str, str], judge: _Judge | None = None) -> list[Section]:
    w = words()
    if diff.before is None:
        return [Section(w["sections"]["new_first"], 2, note=w["empty"]["new_first"].format(**fill))]
    out = [Section(w["sections"]["new"].format(**fill), 2, note=w["rules"].format(**fill))]
    rows = [[ch.place, ch.oblast or "", ch.event, claimants(ch.after),
             " / ".join(s.claim.evidence for s in ch.after),
             "; ".join(dict.fromkeys(report_name(s.report_path) for s in ch.after))]
            for ch in diff.newly_claimed]
    columns = _cols("newly_claimed", fill)
    if judge is not None:
        columns += judge.column(fill)
        for row, cell in zip(rows, judge.cells([ch.after[0] for ch in diff.newly_claimed])):
            row += cell
    out.append(Section(w["sections"]["newly_claimed"], 3, columns, rows,
                       w["empty"]["newly_claimed"].format(**fill)))
    rows = [[ch.place, ch.oblast or "", ch.event, claimants(ch.before), w["changes"][ch.kind] + ": " +
             claimants(ch.after), " / ".join(s.claim.evidence for s in ch.after),
             "; ".join(dict.fromkeys(source(s) for s in ch.after))]
            for ch in diff.withdrawn_or_denied]
    out.append(Section(w["sections"]["withdrawn"], 3, _cols("withdrawn", fill), rows,
                       w["empty"]["withdrawn"].format(**fill)))
    return out


def _claim_sections(claims: list[StoredClaim], fill: dict[str, str], judge: _Judge | None = None) -> list[Section]:
    w = words()
    out = [Section(w["sections"]["claims"], 2)]
    if not claims:
        out[0].note = w["empty"]["claims"].format(**fill)
        return out
    if judge is not None:
        out[0].note = w["reference"]["note"].format(**fill)
    groups = list(GROUP_ORDER) + sorted({s.claim.claimant_side for s in claims} - set(GROUP_ORDER))
    for side in groups:
        mine = [s for s in claims if s.claim.claimant_side == side]
        if not mine:
            continue
        mine.sort(key=lambda s: (place_label(s.claim.place).casefold(), s.claim.event))
        rows = [[place_label(s.claim.place), s.claim.place.oblast or "", s.claim.event, s.claim.stance,
                 s.claim.evidence, source(s)] for s in mine]
        columns = _cols("claims", fill)
        if judge is not None:
            columns += judge.column(fill)
            for row, cell in zip(rows, judge.cells(mine)):
                row += cell
        out.append(Section(f"{w['groups'].get(side, side)} ({len(mine)})", 3, columns, rows))
    return out


def unresolved_rows(ledger: Ledger, date: str) -> list[list[str]]:
    """Names not pinned to one place: as written, status, best guess, suggestions, sentence, report."""
    from frontmap.places.unresolved import unresolved_rows as rows_of
    texts = {r["path"]: r["id"] for r in ledger.reports(date)}
    rows: dict[tuple, list[str]] = {}
    for status in ("unresolved", "ambiguous"):
        by_report: dict[str, list] = {}
        for p, path, _ in ledger.places(date, status):
            by_report.setdefault(path, []).append(p)
        for path, places in by_report.items():
            for r in rows_of(places, ledger.report_text(texts[path]), report=path, date=date):
                key = (r.text, r.status, r.best, path)
                rows.setdefault(key, [r.text, r.status, r.best or "", r.suggestions, r.sentence,
                                      report_name(path)])
    return list(rows.values())
