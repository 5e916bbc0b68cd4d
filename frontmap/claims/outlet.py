"""Who "the outlet" is: the publisher a report's own link names.

A claim nobody in the report is said to make is the outlet's.  An analyst weighs it by who
published it, so where the report carries a link (canonical link, og:url, front matter or a
``source:`` line) the claim names its host, or the account on a host where many publish
(data in ``data/claims/outlets.json``); without a link it stays "the outlet".
"""
from __future__ import annotations

from dataclasses import replace
from functools import cache
from urllib.parse import urlsplit

from frontmap.claims.attribution import OUTLET
from frontmap.errors import DataError
from frontmap.model import Claim
from frontmap.resources import load_json

FILE = "claims/outlets.json"


@cache
def _data() -> tuple[frozenset[str], frozenset[str]]:
    data = load_json(FILE)
    try:
        labels, hosts = data["leading_labels"], data["account_hosts"]
        if not all(isinstance(x, str) for x in [*labels, *hosts]):
            raise TypeError
    except (KeyError, TypeError):
        raise DataError(f"packaged data file 'frontmap/data/{FILE}' needs 'leading_labels' and "
                        "'account_hosts', lists of strings; restore it from the repository") from None
    return frozenset(x.lower() for x in labels), frozenset(x.lower() for x in hosts)


def outlet_name(url: str | None) -> str | None:
    """The publisher a link names ('https://www.example.org/a/b' -> 'example.org',
    'https://t.me/channel/12' -> 't.me/channel'), or None."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    labels, accounts = _data()
    first, _, rest = host.partition(".")
    if first in labels and "." in rest:
        host = rest
    if host in accounts:
        account = next((seg for seg in parts.path.split("/") if seg), "")
        return f"{host}/{account.lstrip('@')}" if account and account not in ("s", "share") else host
    return host


def name_outlet(claims: list[Claim], url: str | None) -> list[Claim]:
    """The claims, each of the unnamed outlet's naming the publisher of ``url`` (if it names one)."""
    name = outlet_name(url)
    if name is None:
        return claims
    return [replace(c, claimant=name) if c.claimant_side == "outlet" and c.claimant == OUTLET.text else c
            for c in claims]
