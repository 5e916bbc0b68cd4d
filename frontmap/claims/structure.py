"""Sentence structure as evidence about a claim: what the dependency parse says (what each verdict
does to a claim is frontmap/claims/verdicts.py).

The claims stage proposes claims from its lexicons; this module checks each one
whose place is named in its own evidence against the parse of that sentence.
It finds the claim's trigger, the predicate that governs the place, and applies
the rules of ``data/claims/structure.json``: a goal, an order or a purpose
gives no claim; a modal, a conditional or a modal consequence is hedged;
negation on the trigger's own clause is a denial, and a negated cessation verb
("does not stop trying to") is not.  Rules are spaCy DependencyMatcher
patterns, checked against spaCy's schema when they are loaded.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Generator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from frontmap.claims.counted import Counted, count_of, named_elsewhere
from frontmap.claims.lexicon import cues
from frontmap.claims.parse import parse, token_at
from frontmap.claims.verdicts import WORD, Verdict, apply_verdict, changes, words
from frontmap.errors import DataError
from frontmap.model import Claim
from frontmap.resources import check_pattern, load_json

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from frontmap.text.sentences import Sentence

FILE = "claims/structure.json"
VERDICTS = ("drop", "continues", "denied", "hedged", "repelled", "steady", "under_way", "vicinity", "speaker",
            "actor")
# Verdicts in different groups combine: a hedged failed attack is a hedged "repelled", and a
# participle speaker still names the claimant of a hedged claim.  Within a group, precedence.
GROUPS = {"drop": "stance", "continues": "stance", "denied": "stance", "hedged": "stance",
          "repelled": "event", "steady": "event", "under_way": "event", "vicinity": "event",
          "speaker": "speaker", "actor": "actor"}
_NAME_PARTS = ("compound", "amod", "nmod")      # how a name's words hang on its head ("Donetsk Oblast")
SCOPES = ("self", "subtree", "place", "evidence")


@dataclass(frozen=True)
class Pattern:
    """One pattern of a rule, checked by spaCy before the first match."""

    label: str                # the rule's name
    verdict: str
    scope: str
    rank: int                 # the verdict's place in "precedence"
    scope_node: int           # index of the node named "scope"
    speaker_node: int | None  # index of the node named "speaker", if any
    actor_node: int | None    # index of the node named "actor", if any
    place_node: int | None    # index of the node named "place": a "place" scope hits that token only
    gate: tuple[frozenset[str], ...]   # a sentence must hold a word of each set for a match
    rides: bool               # matched only in sentences parsed for another rule, never a reason to parse
    reports: bool             # the scope node is a report whose claimed gain the verdict is about
    spec: list                # the DependencyMatcher pattern, as in the data
    gate_re: re.Pattern | None = None   # the rule's "gate_regex": a sentence must match it too
    count_node: int | None = None       # index of the node named "count" (the count of what it hangs on)
    # per node with a TAG or DEP constraint, (attribute, the values it allows): a doc with no token of
    # one of them cannot match (see _possible)
    token_needs: tuple[tuple[str, frozenset[str]], ...] = ()


@dataclass(frozen=True)
class Rules:
    data: dict
    patterns: tuple[Pattern, ...]
    climb: frozenset[str]
    event_nouns: frozenset[str]
    reporting: frozenset[str]
    enemy: frozenset[str]
    # one DependencyMatcher per set of open patterns, built on first use (see _matcher)
    matchers: dict = field(default_factory=dict, compare=False)
    # the patterns' word gates as bits (see _gate_bits): word -> the gates it is in, and per pattern
    # the gates it needs
    gate_words: dict = field(default_factory=dict, compare=False)
    gate_needs: tuple = ()


def check_structure(data: Any) -> dict:
    """The structure rules, or a DataError naming what is wrong and where."""
    def fail(what: str) -> DataError:
        return DataError(f"frontmap/data/{FILE}: {what}; restore the file from the repository")

    if not isinstance(data, dict):
        raise fail("top level is not an object")
    for key in ("event_nouns", "reporting_verbs", "climb_relations", "precedence", "enemy_words", "repelled_from",
                "gains", "actor_gains"):
        if not isinstance(data.get(key), list) or not all(isinstance(w, str) for w in data[key]):
            raise fail(f"{key!r} must be a list of strings")
    for key in ("loss_verbs", "repelled_from_unarmed"):
        listed = data.get(key, [])
        if not isinstance(listed, list) or not all(isinstance(w, str) for w in listed):
            raise fail(f"{key!r} must be a list of strings")
    counts = data.get("counted_settlements")
    if not (isinstance(counts, dict) and isinstance(counts.get("numbers"), dict)
            and all(isinstance(v, int) and not isinstance(v, bool) for v in counts["numbers"].values())
            and isinstance(counts.get("open"), list) and all(isinstance(w, str) for w in counts["open"])):
        raise fail("'counted_settlements' must hold 'numbers' (word: integer) and 'open' (a list of words)")
    if sorted(data["precedence"]) != sorted(VERDICTS):
        raise fail(f"'precedence' must order exactly {', '.join(VERDICTS)}")
    rules = data.get("rules")
    if not isinstance(rules, dict) or not rules:
        raise fail("'rules' must be an object of named rules")
    for label, rule in rules.items():
        if not isinstance(rule, dict) or rule.get("verdict") not in VERDICTS or rule.get("scope") not in SCOPES:
            raise fail(f"rule {label!r} needs a verdict in {VERDICTS} and a scope in {SCOPES}")
        if not isinstance(rule.get("gate_regex", ""), str):
            raise fail(f"rule {label!r}: 'gate_regex' must be a string (a regex)")
        pats = rule.get("patterns")
        if not isinstance(pats, list) or not pats:
            raise fail(f"rule {label!r} has no patterns")
        for i, pat in enumerate(pats):
            if not isinstance(pat, list) or not any(isinstance(n, dict) and n.get("RIGHT_ID") == "scope" for n in pat):
                raise fail(f"rule {label!r} pattern {i} has no node with RIGHT_ID 'scope'")
    return data


_TOKEN_ATTRS = {"TAG": "tag_", "DEP": "dep_"}


def _token_needs(pattern: list[dict]) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each node's TAG and DEP values, where the node names them outright (a string, or "IN")."""
    out = []
    for node in pattern:
        for attr, value in node.get("RIGHT_ATTRS", {}).items():
            if attr not in _TOKEN_ATTRS:
                continue
            if isinstance(value, str):
                out.append((attr, frozenset([value])))
            elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
                out.append((attr, frozenset(value["IN"])))
    return tuple(out)


def _gate(pattern: list[dict]) -> tuple[frozenset[str], ...]:
    """The words a sentence must hold for ``pattern`` to match: one of each node's LOWER list.

    A node without a LOWER constraint adds nothing, so a pattern with none never gates.
    """
    out = []
    for node in pattern:
        lower = node.get("RIGHT_ATTRS", {}).get("LOWER")
        listed = {lower} if isinstance(lower, str) else set(lower.get("IN") or ()) if isinstance(lower, dict) else set()
        # only words the gate's tokenizer sees: a punctuation node ("," ) cannot gate
        if listed and all(WORD.fullmatch(w) or w == "n't" for w in listed):
            out.append(frozenset(listed))
    return tuple(out)


@lru_cache(maxsize=1)
def _rules() -> Rules:
    """The data and its patterns, shape-checked; spaCy checks each pattern when the first sentence is
    parsed (``_validated``), so a report with nothing to parse never loads spaCy."""
    data = check_structure(load_json(FILE))
    rank = {v: i for i, v in enumerate(data["precedence"])}
    gates = {}
    for label, rule in data["rules"].items():
        if rule.get("gate_regex"):
            check_pattern(FILE, f"rules.{label}.gate_regex", rule["gate_regex"], re.IGNORECASE)
            gates[label] = re.compile(rule["gate_regex"], re.IGNORECASE)
    patterns = []
    for label, rule in data["rules"].items():
        for i, pattern in enumerate(rule["patterns"]):
            ids = [n.get("RIGHT_ID") for n in pattern]
            patterns.append(Pattern(label, rule["verdict"], rule["scope"], rank[rule["verdict"]],
                                    ids.index("scope"), ids.index("speaker") if "speaker" in ids else None,
                                    ids.index("actor") if "actor" in ids else None,
                                    ids.index("place") if "place" in ids else None,
                                    _gate(pattern), bool(rule.get("ride_along")), bool(rule.get("report")),
                                    pattern, gates.get(label), ids.index("count") if "count" in ids else None,
                                    _token_needs(pattern)))
    gate_words, gate_needs = _gate_bits(patterns)
    return Rules(data, tuple(patterns), frozenset(data["climb_relations"]), frozenset(data["event_nouns"]),
                 frozenset(data["reporting_verbs"]), frozenset(data["enemy_words"]),
                 gate_words=gate_words, gate_needs=gate_needs)


def _gate_bits(patterns: list[Pattern]) -> tuple[dict[str, int], tuple[int, ...]]:
    """Each distinct word gate a bit: word -> the bits of the gates holding it, and per pattern the
    bits of its gates.  A sentence opens a pattern when its words' bits cover the pattern's: one
    dict look-up per word of the sentence instead of a set test per gate of every pattern."""
    bit: dict[frozenset[str], int] = {}
    needs = []
    for p in patterns:
        mask = 0
        for gate in p.gate:
            mask |= 1 << bit.setdefault(gate, len(bit))
        needs.append(mask)
    words: dict[str, int] = {}
    for gate, k in bit.items():
        for w in gate:
            words[w] = words.get(w, 0) | 1 << k
    return words, tuple(needs)


def trigger_of(place: Token) -> Token | None:
    """The predicate governing a place: a verb or an event noun, met climbing through its phrase."""
    rules = _rules()
    climb, nouns, reporting = rules.climb, rules.event_nouns, rules.reporting
    tok = place
    for _ in range(12):          # phrases are shallow; a bound keeps a bad parse from looping
        if tok is not place and (_is_verb(tok) or tok.lower_ in nouns):
            return None if tok.lower_ in reporting else tok
        if tok.dep_ not in climb or tok.head is tok:
            return None
        tok = tok.head
    return None


def _is_verb(tok: Token) -> bool:
    # Penn tags: the pipeline runs without the attribute ruler that would set coarse POS.
    return tok.tag_.startswith(("VB", "MD"))


def _opened(sentence: str) -> tuple[int, ...]:
    """The indices of the patterns whose words are all in ``sentence``."""
    rules = _rules()
    held, gate_words = 0, rules.gate_words          # the bits of the gates the sentence's words are in
    for w in words(sentence):
        held |= gate_words.get(w, 0)
    out = []
    regex_hits: dict[int, bool] = {}            # a rule's gate_regex, tried once per sentence
    for i, (p, needs) in enumerate(zip(rules.patterns, rules.gate_needs)):
        if needs & ~held == 0:
            if p.gate_re is not None:
                key = id(p.gate_re)
                if key not in regex_hits:
                    regex_hits[key] = p.gate_re.search(sentence) is not None
                if not regex_hits[key]:
                    continue
            out.append(i)
    return tuple(out)


@lru_cache(maxsize=1)
def _validated() -> Rules:
    """The rules, each pattern validated by spaCy's DependencyMatcher (once, before the first match)."""
    from spacy.matcher import DependencyMatcher

    from frontmap.claims.parse import nlp

    rules = _rules()
    for p in rules.patterns:
        matcher = DependencyMatcher(nlp().vocab, validate=True)
        try:
            matcher.add(p.label, [p.spec])
        except (ValueError, KeyError) as exc:       # spaCy's own schema check of the pattern
            raise DataError(f"frontmap/data/{FILE}: rule {p.label!r} is not a valid DependencyMatcher "
                            f"pattern ({exc}); restore the file from the repository") from None
    return rules


def _matcher(indices: tuple[int, ...]) -> Any:
    """One DependencyMatcher for the patterns at ``indices``, each under its own key, in order.

    A sentence runs only the patterns its words can satisfy (the matcher's cost grows with the
    patterns it holds, and most gate out), but in one call: the per-call cost (the token matcher
    over the whole doc) dominates.  The matcher returns its keys' matches key by key, in the
    order they were added, each key's as a matcher of its own would: the same list as before.
    """
    rules = _validated()
    matcher = rules.matchers.get(indices)
    if matcher is None:
        from spacy.matcher import DependencyMatcher

        from frontmap.claims.parse import nlp

        matcher = rules.matchers[indices] = DependencyMatcher(nlp().vocab)   # validated in _validated()
        for i in indices:
            matcher.add(str(i), [rules.patterns[i].spec])
    return matcher


def matches(doc: Doc) -> list[tuple[Pattern, list[int]]]:
    """Every rule's matches in ``doc``, computed once per sentence and kept on it."""
    found = doc.user_data.get("frontmap_structure")
    if found is None:
        patterns = _rules().patterns
        indices = doc.user_data.get("frontmap_open")          # refine() knows them already
        if indices is None:
            indices = _opened(doc.text)
        indices = _possible(doc, indices)
        strings = doc.vocab.strings
        found = doc.user_data["frontmap_structure"] = [
            (patterns[int(strings[key])], token_ids)
            for key, token_ids in (_matcher(indices)(doc) if indices else ())]
    return found


def _possible(doc: Doc, indices: tuple[int, ...]) -> tuple[int, ...]:
    """The patterns at indices whose every node's tag and dependency occur in the doc: the others
    cannot match (a node matches a token with them), and the matcher costs per pattern it holds."""
    patterns = _rules().patterns
    held: dict[str, set[str]] = {}
    out = []
    for i in indices:
        for attr, allowed in patterns[i].token_needs:
            values = held.get(attr)
            if values is None:
                values = held[attr] = {getattr(t, _TOKEN_ATTRS[attr]) for t in doc}
            if allowed.isdisjoint(values):
                break
        else:
            out.append(i)
    return tuple(out)


def judge(doc: Doc, place: Token | None, evidence: Span | None = None) -> Verdict | None:
    """The first of :func:`judgements` by precedence, or None when the structure says nothing."""
    found = judgements(doc, place, evidence)
    return found[0] if found else None


def _reach(node: Token) -> list[Token]:
    """The tokens a noun phrase spans, with a prepositional phrase that follows it at once but
    that the parser hung on the verb instead ("stopped an assault | on X"): the small model
    often makes that attachment, and the phrase belongs to the noun as much as to the verb."""
    out = list(node.subtree)
    if node.dep_ in ("dobj", "nsubjpass"):
        nxt = node.right_edge.i + 1
        out += [t for r in node.head.rights if r.dep_ == "prep" and r.i == nxt for t in r.subtree]
    return out


def _own_words(tok: Token) -> list[Token]:
    skip = ("relcl", "appos", "parataxis", "acl", "punct")
    out = [tok]
    for child in tok.children:
        if child.dep_ not in skip:
            out += _own_words(child)
    return sorted(out, key=lambda t: t.i)


def _phrase(doc: Doc, tok: Token) -> str:
    return doc[tok.left_edge.i:tok.right_edge.i + 1].text


def judgements(doc: Doc, place: Token | None, evidence: Span | None = None) -> list[Verdict]:
    """What the structure of ``doc`` says about a claim at ``place`` (with its ``evidence``
    span, when it lies in this sentence): at most one verdict per group, by precedence."""
    trigger = trigger_of(place) if place is not None else None
    best: dict[str, tuple[int, str, Pattern, list[int]]] = {}
    for p, token_ids in matches(doc):
        node = doc[token_ids[p.scope_node]]
        if p.verdict == "repelled" and any(t.dep_ == "neg" for t in doc[token_ids[0]].children):
            continue        # "does not stop its attacks on X": they go on (the first node is the stopping verb)
        if p.scope == "evidence":
            hit = evidence is not None and evidence.root in node.subtree
        elif p.scope == "place" and p.place_node is not None:
            # the place's own token, or a word of its name under it ("the Zaporizhzhia region")
            at = token_ids[p.place_node]
            hit = place is not None and (place.i == at or (place.head.i == at and place.dep_ in _NAME_PARTS))
        elif p.scope == "place":
            hit = place is not None and node.i != place.i and place in _reach(node)
        elif trigger is None:
            continue
        elif p.scope == "self":
            hit = node.i == trigger.i
        else:
            # A modal or a goal scopes over the verbs of its complement, not over the events its
            # nouns name: "will reduce the attacks on X" does not make the attacks hypothetical.
            hit = trigger in node.subtree and (_is_verb(trigger) or trigger.i == node.i)
        group = GROUPS[p.verdict]
        if hit and (group not in best or (p.rank, p.label) < best[group][:2]):
            best[group] = (p.rank, p.label, p, token_ids)
    where = trigger if trigger is not None else place
    out = []
    for _, label, p, token_ids in sorted(best.values(), key=lambda b: b[:2]):
        speaker = attacker = defender = actor = reported = None
        if p.speaker_node is not None:
            speaker = _phrase(doc, doc[token_ids[p.speaker_node]])
        if p.actor_node is not None:
            # the subject's own words, without a parenthesis or relative clause hung on it
            actor = " ".join(t.text for t in _own_words(doc[token_ids[p.actor_node]]))
        if p.verdict == "repelled":
            attack = doc[token_ids[p.scope_node]]
            # the attack's own modifiers say whose it was: "a Russian assault", "enemy attempts"
            attacker = " ".join(t.text for t in attack.lefts) + " " + " ".join(
                _phrase(doc, t) for t in attack.rights if t.dep_ == "prep" and t.lower_ in ("by", "of"))
            defender = next((_phrase(doc, t) for t in attack.head.lefts if t.dep_ == "nsubj"), None) \
                if attack.dep_ == "dobj" else None
        if p.reports:
            noun = doc[token_ids[p.scope_node]]
            reported = (" ".join(t.text for t in noun.lefts), _phrase(doc, noun))
        count = None
        if p.verdict == "vicinity" and p.count_node is not None:
            count = count_of(doc[token_ids[p.count_node]].head, _rules().data["counted_settlements"])
        out.append(Verdict(p.verdict, label, where.text if where is not None else "", speaker,
                           attacker, defender, reported, actor, count))
    return out


def could_apply(sentence: str, *, speaker: bool = True) -> bool:
    """Whether any rule could match this sentence: only those are worth parsing.

    ``speaker`` False leaves out the speaker rules, for sentences whose claims already have a
    speaker (reporting words are in most sentences; parsing all of them would double the cost).
    """
    return _could_apply(_opened(sentence), speaker)


def _could_apply(indices: tuple[int, ...], speaker: bool) -> bool:
    patterns = _rules().patterns
    return any(not patterns[i].rides and (speaker or patterns[i].verdict != "speaker") for i in indices)


def refine(text: str, sentences: list[Sentence], claims: list[Claim]) -> list[Claim]:
    """The claims, each checked against the parse of the sentence that holds its evidence.

    Scope is judged only for a claim whose place lies inside its own evidence (a follow-up
    denial's place was named in an earlier sentence); the speaker, for any claim whose
    evidence lies in one sentence.  Sentences are parsed once, in one batch.
    """
    return run(refine_steps(text, sentences, claims))


Steps = Generator[list[str], list["Doc"], list[Claim]]


def run(steps: Steps) -> list[Claim]:
    """What a generator of parse requests returns, each request parsed as it comes."""
    try:
        texts = next(steps)
        while True:
            texts = steps.send(parse(texts))
    except StopIteration as done:
        return done.value


def parse_batches(requests: list[list[str]]) -> list[list[Doc]]:
    """The Docs of each request's texts, all of them parsed in one batch (several reports' requests)."""
    docs = iter(parse([t for texts in requests for t in texts]))
    return [[next(docs) for _ in texts] for texts in requests]


def refine_steps(text: str, sentences: list[Sentence], claims: list[Claim]) -> Steps:
    """refine() as a generator: it yields the sentences it needs parsed (at most once) and is sent
    their Docs, so that a caller may parse the requests of several reports in one batch."""
    starts = [s.start for s in sentences]
    patterns, data = _rules().patterns, _rules().data
    opened: dict[int, tuple[int, ...]] = {}         # sentence -> its open patterns
    voiced: dict[int, bool] = {}                    # sentence -> whether its hedges can be a speaker's
    where = {}
    for c in claims:
        k = bisect_right(starts, c.evidence_start) - 1
        if k < 0 or not c.evidence_start < sentences[k].end or c.evidence_end > sentences[k].end:
            continue
        if k not in opened:
            opened[k] = _opened(sentences[k].text)
        # the speaker rules only name the claimant of a claim the lexicons left to the outlet
        if not _could_apply(opened[k], c.claimant_side == "outlet"):
            continue
        # A sentence whose open patterns could only give this claim verdicts that leave it as it
        # is (see verdicts.changes) need not be parsed for it: the claim comes out the same either way.
        # Only an "evidence" pattern can hit a claim whose place lies outside its evidence.
        own = _stand_in(c, sentences[k]) is not None
        if k not in voiced and c.stance == "hedged" and c.claimant_side == "outlet":
            voiced[k] = _voiced(sentences[k].text)
        if any((own or patterns[i].scope == "evidence") and changes(patterns[i].verdict, c, data, voiced.get(k, False))
               for i in opened[k]):
            where[id(c)] = k
    if not where:
        return claims
    todo = sorted(set(where.values()))
    docs = dict(zip(todo, (yield [sentences[k].text for k in todo])))
    for k, doc in docs.items():
        doc.user_data["frontmap_open"] = opened[k]
    out, counted = [], []
    for c in claims:
        k = where.get(id(c))
        if k is None:
            out.append(c)
            continue
        sent, doc = sentences[k], docs[k]
        at = _stand_in(c, sent)
        place = token_at(doc, at[0] - sent.start, at[1] - sent.start) if at is not None else None
        evidence = doc.char_span(c.evidence_start - sent.start, c.evidence_end - sent.start,
                                 alignment_mode="expand")
        changed: Claim | None = c
        if k not in voiced:              # a claim the modal verdict hedges here may yet take a speaker
            voiced[k] = _voiced(sent.text)
        count: int | None | bool = False
        for verdict in judgements(doc, place, evidence):
            if verdict.verdict == "vicinity":
                count = verdict.count
            changed = apply_verdict(changed, verdict, data, voiced[k])
            if changed is None:
                break
        if changed is not None:
            out.append(changed)
            if count is not False and changed.event == "advance":
                counted.append(Counted(changed, count))
    return named_elsewhere(out, counted)


_PRONOUN = re.compile(r"\b[Ii]ts\b")


def _stand_in(c: Claim, sent: Sentence) -> tuple[int, int] | None:
    """Where the claim's place stands in its evidence: the name itself, or the pronoun that stands for a
    place named before ("its liberation would allow ...": the parse judges the pronoun as it would the
    name); None if neither is there."""
    if c.evidence_start <= c.place.start < c.evidence_end:
        return c.place.start, c.place.end
    lo = max(c.evidence_start, sent.start) - sent.start
    m = _PRONOUN.search(sent.text, lo, c.evidence_end - sent.start)
    return (sent.start + m.start(), sent.start + m.end()) if m else None


def _voiced(sentence: str) -> bool:
    """Whether a hedge in ``sentence`` can be a speaker's: not the outlet's own doubt ("could not be
    verified") or its impersonal report ("it is reported"), which keep a hedged claim the outlet's.
    A modal in the content ("would allow ...", "..., the expert believes") is the speaker's hedge."""
    c = cues()
    return not (c["verification_hedge"].search(sentence) or c["impersonal_attribution"].search(sentence))
