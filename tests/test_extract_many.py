"""Extractor.extract_many: several reports' parse requests in one batch, the same extractions as
extract() one by one, in order.  Reports written for these tests."""
import json

import pytest

from frontmap import budget
from frontmap.claims import structure
from frontmap.errors import BudgetError
from frontmap.model import Report
from frontmap.pipeline import Extractor
from frontmap.places.memory import Memory

TEXTS = [
    "Russian forces may try to encircle Kupiansk, the General Staff warned.",       # a modal: parsed
    "Ukrainian troops repelled attacks near Kurylivka.",
    "Moscow's plan is to capture Siversk by the spring, Ukrainian officials said.",  # a goal: parsed
    "Fighting goes on in Stepnohirsk and Kamianske, the brigade said.",
    "The Russian MoD said its forces captured two villages in Donetsk region, among them Ternivka.",
]


def reports():
    return [Report(path=f"r{i}.txt", date="2025-11-2" + str(i), text=t) for i, t in enumerate(TEXTS)]


def dump(extractions) -> str:
    return json.dumps([e.to_dict() for e in extractions], sort_keys=True)


@pytest.mark.parametrize("batch", [1, 2, 16])
def test_extract_many_gives_what_extract_gives_in_order(gazetteer, batch):
    ex = Extractor(gazetteer)
    one, many = Memory(), Memory()
    assert dump(list(ex.extract_many(reports(), memory=many, batch=batch))) == \
        dump([ex.extract(r, memory=one) for r in reports()])
    assert one.recall("Kupiansk", "2025-11-29") == many.recall("Kupiansk", "2025-11-29")


def test_the_parse_requests_of_a_batch_are_parsed_in_one_call(gazetteer, monkeypatch):
    calls = []
    inner = structure.parse
    monkeypatch.setattr(structure, "parse", lambda texts: calls.append(list(texts)) or inner(calls[-1]))
    list(Extractor(gazetteer).extract_many(reports(), batch=16))
    assert len(calls) == 1 and len(calls[0]) >= 2, calls


def test_a_report_over_its_budget_is_its_own_result_and_the_batch_goes_on(gazetteer, monkeypatch):
    clock = type("Clock", (), {"now": 0.0, "__call__": lambda self: self.now})()
    monkeypatch.setattr(budget.time, "thread_time", clock)
    ex = Extractor(gazetteer, budget_s=5.0)
    real = ex.finder.find

    def find(text):
        if "Kurylivka" in text:
            clock.now += 10.0                  # finding names here takes "10 s" of CPU
        return real(text)
    monkeypatch.setattr(ex.finder, "find", find)
    out = list(ex.extract_many(reports()))
    assert [type(e).__name__ for e in out] == ["Extraction", "BudgetError", "Extraction", "Extraction", "Extraction"]
    assert isinstance(out[1], BudgetError) and "r1.txt" in str(out[1])
    assert any(c.place.name == "Kupiansk" for c in out[0].claims)
