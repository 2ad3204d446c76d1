"""``speakers``: who the article says made each sentence's statement — reporting verbs and phrases with
their speakers, and reported speech that goes on (وأضاف، مشيراً، بدوره، الوزير الروسي شدد) keeping its
speaker. A sentence with no reporting cue has no speaker (``None``): nothing is guessed.
"""

from __future__ import annotations

import functools

from gazetteer import normalize

from ..document import Doc
from ..registry import component
from ..tokens import Token

__all__ = ["Attributor", "speakers"]

_MAX_SPEAKER_WORDS = 9
_QUOTES = "«»\"“”"


@component("speakers", requires=("sent.tokens",), sets=("sent.speaker", "sent.speaker_span"))
def speakers(doc: Doc) -> Doc:
    """Give every sentence its speaker, remembering the previous one within the article."""
    attributor = Attributor(doc.lexicons)
    for sent in doc.sents:
        sent.speaker = attributor.speaker(sent.tokens, sent.text, sent.start)
        sent.speaker_span = attributor.span
        if doc.trace is not None and sent.speaker is not None:
            doc.note("speakers", sent, sent.speaker, "speaker", attributor.how)
    return doc


def _bare(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


class Attributor:
    """Finds each sentence's speaker, remembering the previous one within an article."""

    def __init__(self, lexicons) -> None:
        self.lexicons = lexicons
        self.words = lexicons.speech
        self.previous: str | None = None
        self.seen: list[str] = []
        self.span: tuple[int, int] | None = None  # where the last sentence names its speaker
        self.how = ""  # how the last speaker was found (for explain)
        self._last_span: tuple[int, int] | None = None

    def speaker(self, tokens: list[Token], text: str, offset: int) -> str | None:
        """The speaker of the sentence ``text`` (tokens with article offsets starting at ``offset``)."""
        reporting = self.lexicons.reporting
        self.span = self._last_span = None
        for i in reporting.candidates(tokens):  # the other positions match nothing
            hit = reporting.match(tokens, i)
            if hit is None:
                continue
            n, kind = hit
            self.how = f"after the reporting {kind} {tokens[i].text!r}"
            if kind == "phrase":
                explicit = self._after(tokens, i + n, text, offset, drop_statement_noun=True)
                nxt = reporting.match(tokens, i + n) if explicit is None and i + n < len(tokens) else None
                if nxt is not None and nxt[1] != "phrase":  # حسب ما أفاد ناشطون
                    explicit = self._after(tokens, i + n + nxt[0], text, offset)
                return self._remember(explicit)
            explicit = self._after(tokens, i + n, text, offset)
            if explicit is None:
                # A verb right after a continuation word (بدوره شدد كيري): its own speaker follows.
                nxt = reporting.match(tokens, i + n) if i + n < len(tokens) else None
                if nxt is not None and nxt[1] != "phrase":
                    explicit = self._after(tokens, i + n + nxt[0], text, offset)
            if explicit is None:
                explicit = self._before(tokens, i, text, offset)
                self.how = f"the subject before the reporting {kind} {tokens[i].text!r}"
            if explicit is not None:
                return self._remember(explicit)
            if kind == "continuation" or self._continues(tokens, i):
                self.how = f"reported speech goes on ({tokens[i].text!r}): the previous speaker"
                return self.previous
            return None
        return None

    # -- noun phrases around the cue -------------------------------------------------------
    def _after(self, tokens, j, text, offset, drop_statement_noun=False) -> str | None:
        stops = self.words["stop"]
        k = j
        if drop_statement_noun and k < len(tokens) and tokens[k].norm.lstrip("و") in self.words["statement_noun"]:
            k += 1
        start = k
        while k < len(tokens) and k - start < _MAX_SPEAKER_WORDS:
            tok = tokens[k]
            if tok.text in "،,:؛" or tok.norm in stops or (tok.text in _QUOTES and k > start and
                                                           tokens[k - 1].text not in _QUOTES):
                break
            if self.lexicons.reporting.match(tokens, k) is not None:
                break
            if self.lexicons.claims.match(tokens, k) is not None:
                break  # a claim cue ends the speaker's noun phrase (أدان قصف العراق: no speaker is named)
            k += 1
        span = [t for t in tokens[start:k] if t.text not in _QUOTES]
        if not span:
            return None
        speaker = text[span[0].start - offset:span[-1].end - offset]
        self._last_span = (span[0].start, span[-1].end)
        if drop_statement_noun and span[0].norm.startswith("لل"):
            speaker = "ال" + speaker[2:]  # بيان للخارجية الأميركية -> الخارجية الأميركية
        return speaker

    def _before(self, tokens, i, text, offset) -> str | None:
        """A subject before the verb (شويغو أضاف، الوزير الروسي شدد، فإنّ كيري أشار)."""
        k = i
        while k > 0 and tokens[k - 1].text not in "،,:؛" and i - k < 4:
            k -= 1
        span = [t for t in tokens[k:i] if t.text not in _QUOTES]
        while span and (span[0].norm in self.words["stop"] or span[0].norm in self.words["opener"]):
            span = span[1:]
        if not span or any(t.norm in self.words["stop"] for t in span):
            return None
        self._last_span = (span[0].start, span[-1].end)
        return text[span[0].start - offset:span[-1].end - offset]

    def _continues(self, tokens, i) -> bool:
        return i > 0 and any(t.norm in self.words["opener"] for t in tokens[:i])

    # -- memory ----------------------------------------------------------------------------
    def _remember(self, speaker: str | None) -> str | None:
        if speaker is None:
            return None
        self.span = self._last_span  # article offsets of the speaker as written
        resolved = self._resolve(speaker)
        self.previous = resolved
        if resolved not in self.seen:
            self.seen.append(resolved)
        return resolved

    def _resolve(self, speaker: str) -> str:
        """An anaphor or a short name becomes the fuller speaker it refers to (الوزير الروسي ->
        وزير الدفاع الروسي سيرغي شويغو; شويغو -> the same)."""
        words = _words(speaker)
        for earlier in [self.previous, *reversed(self.seen)]:
            if earlier and earlier != speaker:
                if words and words < _words(earlier):
                    return earlier
        return speaker


@functools.lru_cache(maxsize=4096)
def _words(speaker: str) -> frozenset[str]:
    """A speaker's words in normal form without the article (remembered: the same speakers recur)."""
    return frozenset(_bare(w) for w in normalize(speaker).split())
