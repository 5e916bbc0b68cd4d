"""A time budget for one report: deep loops call ``check()``, which raises once the budget is spent.

The pipeline opens a budget around each report (``with within(seconds, what):``); stages check it
between sentences, mentions and rounds, so a report that would run away stops with a
:class:`BudgetError` at a clean point, and the caller goes on with the next report (no thread is
killed, no state is left half-written).  Outside a budget ``check()`` does nothing.  The clock is
this thread's CPU time: a busy machine does not make a report run out.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from frontmap.errors import BudgetError

DEFAULT_BUDGET_S = 10.0

_deadline: ContextVar[tuple[float, float, str] | None] = ContextVar("frontmap_deadline", default=None)


@contextmanager
def within(seconds: float | None, what: str) -> Iterator[None]:
    """Run the block under a budget of ``seconds`` of CPU time (None or 0: no budget)."""
    if not seconds:
        yield
        return
    token = _deadline.set((time.thread_time() + seconds, seconds, what))
    try:
        yield
    finally:
        _deadline.reset(token)


def check() -> None:
    """Raise BudgetError if the current budget is spent."""
    d = _deadline.get()
    if d is not None and time.thread_time() > d[0]:
        raise BudgetError(f"{d[2]} took more than its time budget of {d[1]:g} s of CPU and was stopped; "
                          "the rest of the run goes on. Split the report, or raise the budget "
                          "(--budget SECONDS, budget_s=; 0 for none) if it really is one report")
