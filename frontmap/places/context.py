"""Where each sentence of a report sits, and which regions each sentence, paragraph and
report names: the context the resolver scores candidates against."""
from __future__ import annotations

from bisect import bisect_right

from frontmap.model import Entry
from frontmap.text.sentences import Sentence


class ReportContext:
    """Where each sentence sits, and which regions each sentence/paragraph names."""

    def __init__(self, text: str, sentences: list[Sentence]):
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.oblasts_sentence: dict[int, list[Entry]] = {}
        self.oblasts_paragraph: dict[int, list[Entry]] = {}
        self.oblasts_report: list[Entry] = []
        # the same, as oblast -> raions named with it, for lookups per candidate
        self._named: dict[tuple[str, int | None], dict[str | None, set[str]]] = {}
        self.version = 0   # counts the regions added: what was derived from an older one is stale
        self.oblast_levels: dict[tuple, list] = {}   # kept by Resolver._oblast_bonuses, keyed with the version
        self._sections = self._find_sections(text)

    def _find_sections(self, text: str) -> list[int | None]:
        out: list[int | None] = []
        last_heading: tuple[str, int] | None = None
        for i, s in enumerate(self.sentences):
            h = s.heading
            if not h:
                out.append(None)
                continue
            if last_heading is None or last_heading[0] != h:
                # the heading is the sentence that contains its text, at or before this one
                j = next((k for k in range(i, -1, -1) if h.strip() in self.sentences[k].text), i)
                last_heading = (h, j)
            out.append(last_heading[1])
        return out

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def paragraph_of(self, s: int) -> int:
        return self.sentences[s].paragraph if self.sentences else 0

    def section_of(self, s: int) -> int | None:
        return self._sections[s] if self._sections else None

    def add_region(self, it, e: Entry) -> None:
        self.oblasts_sentence.setdefault(it.sentence, []).append(e)
        self.oblasts_paragraph.setdefault(it.paragraph, []).append(e)
        self.oblasts_report.append(e)
        for where in (("sentence", it.sentence), ("paragraph", it.paragraph), ("report", None)):
            raions = self._named.setdefault(where, {}).setdefault(e.oblast, set())
            if e.raion:
                raions.add(e.raion)
        self.version += 1

    def named(self, level: str, index: int | None = None) -> dict[str | None, set[str]]:
        """Oblasts of the regions named in one sentence ("sentence", i), paragraph
        ("paragraph", i) or the whole report ("report"), each with the raions named in it."""
        return self._named.get((level, index), {})
