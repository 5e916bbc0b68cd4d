"""The claims lexicons as data: the claimant registry, event dates and the pattern scanner."""
import json
import random
import re
from importlib.resources import files

import pytest

from frontmap.claims.dates import dates_in
from frontmap.claims.events import _actor_scanner, find_actors
from frontmap.claims.lexicon import _cue_scanner, _trigger_scanner, find_triggers, known_claimant, triggers
from frontmap.claims.gates import Gated, gated
from frontmap.claims.scan import Scanner, gate_strings, heads, loose
from frontmap.model import CLAIMANT_SIDES

REGISTRY = json.loads(files("frontmap").joinpath("data/claims/claimants.json").read_text("utf-8"))["claimants"]


# ---------------------------------------------------------------- claimant registry

def test_every_registry_entry_has_a_canonical_name_a_side_and_a_type():
    names = [c["name"] for c in REGISTRY]
    assert len(names) == len(set(names))
    for c in REGISTRY:
        assert c["side"] in CLAIMANT_SIDES, c
        assert c.get("type"), c
        assert c.get("aliases"), c


@pytest.mark.parametrize("phrase, name, side", [
    # ministries, general staffs and commands
    ("the Russian Defence Ministry", "Russian Ministry of Defence", "RU"),
    ("Russia’s defense ministry", "Russian Ministry of Defence", "RU"),
    ("the General Staff of the Armed Forces of Ukraine", "General Staff of the Armed Forces of Ukraine", "UA"),
    ("Ukraine’s General Staff", "General Staff of the Armed Forces of Ukraine", "UA"),
    ("Ukraine's Air Force", "Air Force of Ukraine", "UA"),
    ("the Southern Defence Forces", None, "UA"),
    # the six groups of forces, under their Russian and English names
    ("the Zapad group of forces", "Group of Forces Zapad (West)", "RU"),
    ("Battlegroup West", "Group of Forces Zapad (West)", "RU"),
    ("the Group of Forces ‘Vostok’", "Group of Forces Vostok (East)", "RU"),
    ("the Eastern Group of Forces", "Group of Forces Vostok (East)", "RU"),
    ("the Sever grouping", "Group of Forces Sever (North)", "RU"),
    ("the Northern Group of Forces", "Group of Forces Sever (North)", "RU"),
    ("Battlegroup Yug", "Group of Forces Yug (South)", "RU"),
    ("the Southern Group of Forces", "Group of Forces Yug (South)", "RU"),
    ("the Tsentr group of forces", "Group of Forces Tsentr (Centre)", "RU"),
    ("Battlegroup Center", "Group of Forces Tsentr (Centre)", "RU"),
    ("the Dnepr group of forces", "Group of Forces Dnepr", "RU"),
    # officials and spokespeople of both sides, with spelling variants
    ("DPR head Denis Pushlin", "Denis Pushilin", "RU"),
    ("Defence Ministry spokesman Igor Konashenkov", "Igor Konashenkov", "RU"),
    ("LPR officer Andrey Marochko", "Andrei Marochko", "RU"),
    ("Commander-in-Chief Oleksandr Syrsky", "Oleksandr Syrskyi", "UA"),
    ("Khortytsia spokesman Viktor Tregubov", "Viktor Trehubov", "UA"),
    ("governor Oleh Synegubov", "Oleh Syniehubov", "UA"),
    # OSINT projects, think tanks and wire agencies
    ("the DeepState project", "DeepState", "UA"),
    ("the Institute for the Study of War", "Institute for the Study of War", "third"),
    ("Finland's Black Bird Group", "Black Bird Group", "third"),
    ("Reuters", "Reuters", "outlet"),
    ("Agence France-Presse", "AFP", "outlet"),
    ("the Associated Press", "Associated Press", "outlet"),
    ("Interfax-Ukraine", "Interfax-Ukraine", "UA"),
    ("state news agency TASS", "TASS", "RU"),
])
def test_registry_finds_the_claimant_under_its_names(phrase, name, side):
    found = known_claimant(phrase)
    if name is None:
        assert found is None or found[0].side == side
        return
    assert found is not None, phrase
    assert (found[0].name, found[0].side) == (name, side)


def test_capital_names_a_government_only_when_it_is_the_whole_phrase():
    assert known_claimant("Kyiv")[0].side == "UA"
    assert known_claimant("the mayor of Kyiv's Darnytskyi district") is None


# ---------------------------------------------------------------- event dates

@pytest.mark.parametrize("phrase, iso", [
    ("on Thursday", "2025-11-20"),               # the report is dated Friday 21 November 2025
    ("on Friday", "2025-11-21"),
    ("last Friday", "2025-11-14"),
    ("on November 20", "2025-11-20"),
    ("on Nov. 20", "2025-11-20"),
    ("on 20 November", "2025-11-20"),
    ("on the 19th of November", "2025-11-19"),
    ("yesterday", "2025-11-20"),
    ("last night", "2025-11-20"),
    ("this morning", "2025-11-21"),
    ("the day before yesterday", "2025-11-19"),
    ("three days ago", "2025-11-18"),
    ("on December 20", "2024-12-20"),            # never after the report date
    ("on 3 January 2025", "2025-01-03"),
])
def test_date_phrases_resolve_against_the_report_date(phrase, iso):
    found = dates_in(f"Russian troops shelled the town {phrase}.", "2025-11-21")
    assert [d.isoformat() for _, d in found] == [iso]


def test_impossible_or_future_dates_are_dropped():
    assert dates_in("on 31 February", "2025-11-21") == ()
    assert dates_in("on 3 January 2026", "2025-11-21") == ()
    assert dates_in("on Thursday", "not a date") == ()


def test_explicit_date_wins_over_its_weekday():
    found = dates_in("On Monday, November 10, the attack began.", "2025-11-21")
    assert [d.isoformat() for _, d in found] == ["2025-11-10"]


# ---------------------------------------------------------------- the scanner finds what each pattern finds

_SAMPLES = [
    "Russian forces took control of Ternivka; the Ukrainian Armed Forces were pushed back from Marivka.",
    "KYIV (Reuters) - The enemy attacked 12 times; all attacks were repelled, the General Staff said.",
    "Units of the Vostok group liberated Novoselivka. Kyiv's troops retreated, and the Kremlin hailed it.",
    "Ukrainian drones struck a depot in Tetkino, which had fallen under fire control; Moscow's forces held on.",
    "ЗСУ відбили атаку. The occupiers' advance stalled near the Dnipro; «Ternivka is ours», they said.",
]


def _plain(patterns, text, start, end):
    return sorted((m.start(), m.end(), k) for k, p in enumerate(patterns) for m in p.finditer(text, start, end))


@pytest.mark.parametrize("scanner", [_trigger_scanner(), _actor_scanner()[0], _cue_scanner()],
                         ids=["triggers", "actors", "cues"])
def test_scanner_answers_like_each_pattern_run_on_the_span(scanner):
    rng = random.Random(7)
    text = " ".join(_SAMPLES)
    cuts = [0, len(text)] + [m.end() for m in re.finditer(r"[,;.]\s", text)]
    for _ in range(60):
        a, b = sorted(rng.sample(cuts, 2))
        assert scanner.spans(text, a, b) == _plain(scanner.patterns, text, a, b), text[a:b]


def test_loose_pattern_is_case_free_and_never_stricter():
    p = re.compile(r"(?<![\w-])(?:(?-i:Kyiv)(?:'s)? forces)(?![\w])", re.IGNORECASE)
    lp = loose(p)
    assert not lp.flags & re.IGNORECASE and lp.search("kyiv's forces")
    risky = re.compile(r"left(?! (?-i:[A-Z]))", re.IGNORECASE)
    assert loose(risky) is None                 # opening up a negative lookahead would reject more
    sc = Scanner([risky])
    assert sc.spans("They left Marivka and left town.") == [(22, 26, 0)]


def test_heads_are_where_every_match_starts():
    assert heads(re.compile(r"(?<![\w-])(?:captur(?:e|ed)|seiz(?:e|ed))(?![\w])", re.IGNORECASE)) == {"captur", "seize", "seized"}
    kremlin = heads(re.compile(r"(?:the\s+)?Kremlin", re.IGNORECASE))
    assert {"the kr", "kremli", "the  k"} <= kremlin and not any("\t" in h for h in kremlin)   # \s is looked for as " "
    assert heads(re.compile(r"\d+ percent")) is None                   # no literal start: searched for as before
    sc = Scanner([re.compile(r"(?<![\w-])(?:took)(?![\w])", re.IGNORECASE), re.compile(r"(?:the\s+)?Kremlin"),
                  re.compile(r"\d+ percent")])
    text = "Took it.\nThe\tKremlin, theKremlin and 9 percent; overtook"
    assert sc.spans(text) == _plain(sc.patterns, text, 0, len(text))


def test_find_triggers_and_actors_on_a_phrase():
    phrase = "Russian troops captured Ternivka after Ukrainian units withdrew"
    assert [(phrase[t.start:t.end], t.event) for t in find_triggers(phrase)] == [("captured", "captured"),
                                                                                  ("withdrew", "withdrawal")]
    assert [a.side for a in find_actors(phrase, 0, len(phrase))] == ["RU", "UA"]
    assert len(triggers()) > 50


@pytest.mark.parametrize("day", ["0001-01-01", "0001-01-03", "9999-12-31"])
def test_dates_beyond_the_ends_of_the_calendar_are_no_dates_and_a_warning(day):
    from frontmap.claims.dates import event_date
    from frontmap.text.sentences import split_sentences
    text = "Russian forces took the town on Tuesday, yesterday, 5 days ago, on 26 September."
    sent = split_sentences(text)[0]
    warnings: list[str] = []
    found = event_date(text, sent, 10, day, warnings)
    assert found is None or "0001-01-01" <= found <= day
    if day.startswith("0001"):
        assert warnings and all("outside the calendar" in w and day in w for w in warnings)
        assert any("'5 days ago'" in w for w in warnings)
    assert all(d.isoformat() <= day for _, d in dates_in(text, day))


# ---------------------------------------------------------------- gated cues answer as the bare regex does

def test_gate_strings_are_what_every_match_holds():
    assert gate_strings(re.compile(r"(?<![\w-])(?:denied|refuted)\s+by\s+(\w+)", re.IGNORECASE)) == ("denied", "refuted")
    assert gate_strings(re.compile(r"(?P<num>\d+)\s*(?:km|miles)", re.IGNORECASE)) == ("km", "miles")
    assert gate_strings(re.compile(r"\w+ly\b")) == ("ly",)
    assert gate_strings(re.compile(r"[,;]\s*")) is None          # nothing literal to look for: left as it is
    assert gated(re.compile(r"[,;]\s*")).__class__ is re.Pattern
    # atomic groups and possessive repeats (how the regexes stay linear) keep their strings
    assert gate_strings(re.compile(r"(?>(?:took|seized)\s+)(?:the\s+)*+\w++")) == ("seized", "took")
    assert gate_strings(re.compile(r"\w+(?:\s+(?:near|around))++")) == ("around", "near")


def test_a_gated_regex_answers_like_the_regex():
    raw = re.compile(r"(?<![\w-])(?:denied|sky|strike)s?\s+by\s+(\w+)", re.IGNORECASE)
    g = gated(raw)
    assert isinstance(g, Gated) and g.pattern == raw.pattern and g.flags == raw.flags
    texts = list(_SAMPLES) + ["It was DENIED by Kyiv, and strikes by drones went on.",
                              "The claim was denıed by Kyiv",          # dotless i: re matches it to "i"
                              "Strikeſ by drones",                     # long s: re matches it to "s"
                              "SKY by night",                          # Kelvin sign: re matches it to "k"
                              "DENİED by Kyiv"]                        # dotted capital I: re lowers it to "i"
    for text in texts:
        for pos, end in ((0, len(text)), (3, len(text) - 2), (0, 5)):
            found, expected = g.search(text, pos, end), raw.search(text, pos, end)
            assert (found and found.span()) == (expected and expected.span())
            assert [m.span() for m in g.finditer(text, pos, end)] == [m.span() for m in raw.finditer(text, pos, end)]
            assert g.findall(text, pos, end) == raw.findall(text, pos, end)
        assert g.sub("X", text) == raw.sub("X", text) and g.split(text) == raw.split(text)
        assert bool(g.match(text)) == bool(raw.match(text)) and bool(g.fullmatch(text)) == bool(raw.fullmatch(text))
    assert g.search("nothing to see here") is None and g.sub("X", "nothing here") == "nothing here"
    assert all(g.search(t) for t in texts[-4:])                     # re's case pairs are found as re finds them


def test_a_lazy_regex_compiles_only_when_asked_and_then_answers_like_re():
    from frontmap.claims.gates import lazy
    pattern = r"(?<![\w-])(?:shelled|stormed)\s+(\w+)"
    raw, slow = re.compile(pattern, re.IGNORECASE), lazy(pattern, re.IGNORECASE)
    # its text and flags read as the compiled regex's do, before anything is compiled
    assert (slow.pattern, slow.flags) == (raw.pattern, raw.flags) and "search" not in vars(slow)
    assert type(slow.flags) is int
    behind = gated(lazy(pattern, re.IGNORECASE))
    assert behind.search("Quiet day.") is None and behind.sub("X", "Quiet day.") == "Quiet day."
    assert "search" not in vars(behind.raw)              # a gate that finds none of its words compiles nothing
    assert behind.match("Quiet") is None                 # match is tried at one place: it compiles
    for text in ("They STORMED Marivka and shelled Ternivka.", "stormed", "Nothing happened."):
        assert [m.span() for m in behind.finditer(text)] == [m.span() for m in raw.finditer(text)]
        assert slow.findall(text) == raw.findall(text) and slow.sub("X", text) == raw.sub("X", text)
        assert bool(behind.match(text)) == bool(raw.match(text))
    assert slow.groups == raw.groups == 1
    with pytest.raises(AttributeError):
        slow.no_such_method
