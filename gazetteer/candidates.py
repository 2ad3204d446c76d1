"""Candidate place-name spans in Arabic text: one pass over the words, clitics split off,
longest name wins, offsets mapped back to the original text.

No decision is taken here about whether a candidate is really a place (``recognize.py`` does
that); this module only finds every span whose normalised form is a gazetteer name. The recogniser
may pass it the one-word names it found decided by their words alone (``find_deferring``): those are
left out, or made only where the recogniser asks, which spares making and judging most candidates.
"""

from __future__ import annotations

import bisect
import operator
import os
import re
import warnings
from itertools import accumulate, compress, count, repeat
from dataclasses import dataclass

from .automaton import (_CLITIC_SHIFT, _KEY_SHIFT, _LENGTH_BITS, _WORDS_SHIFT, CLITIC_ORDER, CUE, KEEP,
                        available as automaton_available)
from .morphology import ARTICLE_CLITICS, NAME_CLITICS, clitics_by_letter, split_clitic
from .normalize import fold_codes, fold_text, has_presentation_forms

try:
    from . import _wordscan
except ImportError:  # not built (a checkout used without `pip install -e .`): the Python loop, with a warning
    _wordscan = None

__all__ = ["AUTOMATON_AFTER", "Candidate", "CandidateFinder", "CLITICS", "DEFER", "DROP", "MAX_NAME_WORDS",
           "OffsetMap", "PLAIN_NAME", "SCANS", "WORD", "compiled_available", "same_offset"]

#: The scans a :class:`CandidateFinder` can run (see its docstring).
SCANS = ("words", "automaton", "auto")
#: Characters of text the word loop scans before ``scan="auto"`` turns to the automaton (about 10 MB of news:
#: loading it cost what the word loop in Python lost on that much text; the compiled loop is faster than it).
AUTOMATON_AFTER = 5_000_000

#: A word: letters and digits, no underscore (hashtags like #بيروت_مدينة split into words).
WORD = re.compile(r"[^\W_]+")
#: A name of plain words separated by single spaces.
PLAIN_NAME = re.compile(r"[^\W_]+(?: [^\W_]+)*")
#: The most words a name found in text has (longer names are never found).
MAX_NAME_WORDS = 7
# Words after a name's first word, separated by a space or, in hashtags, an underscore.
_SPLIT = re.compile(r"([^\W_]+)")
# What may stand between the words of one name: a space or, in hashtags, an underscore.
_JOINERS = frozenset({" ", "_"})

#: Proclitics split off a name, longest first (:data:`gazetteer.morphology.NAME_CLITICS`).
CLITICS = NAME_CLITICS
_ARTICLE_CLITICS = ARTICLE_CLITICS
#: A clitic -> how far the name starts after the word (لل gives the name its ال back: للرقه -> الرقه).
_CLITIC_OFFSET = {c: len(c) - (1 if c in ARTICLE_CLITICS else 0) for c in CLITICS}
# Reading the automaton's integers (gazetteer/automaton.py).
_LENGTH = (1 << _LENGTH_BITS) - 1
_KEY_ONE = 1 << _KEY_SHIFT
_MULTI = 6 << _WORDS_SHIFT  # set for 2-7 words
# In the scanned text (reversed, a space for each non-word character): the two words before a position.
_BEFORE = re.compile(" +([^ ]+)(?: +([^ ]+))?")
_SEPARATORS = re.compile(r"[\W_]*")
_FLAGS = CUE | KEEP
#: A word's first letter -> the clitics it may carry, shortest first ("" always, last of CLITICS).
_CLITICS_BY_LETTER = {letter: ("", *reversed(group)) for letter, group in clitics_by_letter(CLITICS).items()}


@dataclass(slots=True)
class Candidate:
    """A span whose normalised form is a gazetteer name (folded-text offsets until mapped)."""

    start: int          # start of the name (after its clitics)
    end: int
    key: str            # the normalised name as indexed
    clitic: str         # clitics split off before the name ("" when none)
    word_start: int     # start of the first word, clitics included
    n_words: int
    prev: tuple[str, ...]  # up to two preceding words (folded), nearest last
    next: str           # the word right after the name (folded), or ""
    in_hashtag: bool = False  # joined by "_" to words outside the name (#امطار_الكويت)
    known: bool = True  # a gazetteer name; False for an unknown word after a place-type cue
    written: str = ""   # the first word as written, clitics included (folded)


class CandidateFinder:
    """Finds candidate spans for a set of normalised names (``keys``).

    Two scans give the same candidates: the word loop (``scan="words"``, the default and the reference:
    the folded text split into words, each looked up) and the automaton (``scan="automaton"``: every
    written form of the names matched over the whole text in C, :mod:`gazetteer.automaton`; about 90 MB,
    loaded from its disk cache in ~0.2 s or built in ~1.5 s). ``scan="auto"`` runs the word loop until the
    texts seen add up to :data:`AUTOMATON_AFTER` characters, then the automaton. The environment variable
    ``GAZETTEER_SCAN`` sets the default. The compiled word loop is the faster scan (``find()`` ×2 against the
    automaton on the ANT articles), hence the default (README, benchmarks)."""

    def __init__(self, keys, cue_words=frozenset(), vocabulary=frozenset(), scan: str | None = None,
                 keep_after=frozenset(), compiled: bool | None = None) -> None:
        """``keys``: the normalised names; ``cue_words``: written forms of place-type words (مدينة،
        بمدينة …) after which an unknown word that is not in ``vocabulary`` is a candidate too; ``scan``:
        one of :data:`SCANS` (default ``GAZETTEER_SCAN``, else ``"auto"``); ``keep_after``: the words
        :meth:`find_deferring` will usually be given as ``keep_after`` (the automaton marks them);
        ``compiled``: whether the word loop runs compiled (``gazetteer/_wordscan.pyx``) or as the Python
        loop here, the reference (default: compiled unless ``GAZETTEER_COMPILED=0``; both give the same
        candidates)."""
        scan = scan or os.environ.get("GAZETTEER_SCAN") or "words"
        if scan not in SCANS:
            raise ValueError(f"Expected a scan among {', '.join(SCANS)}, instead got: {scan!r}.")
        if scan == "auto" and not automaton_available():
            scan = "words"
        self.scan = scan
        self.compiled = _use_compiled(compiled)
        self._automaton = None
        self._seen = 0  # characters the word loop has scanned (scan="auto")
        self._cue_words = cue_words
        self._keep_after = frozenset(keep_after)
        self._vocabulary = vocabulary
        # Multi-word names written without their spaces (ديرالزور) are found too.
        multi = [k for k in keys if " " in k]
        joined = {k.replace(" ", ""): k for k in multi}
        self._joined = {j: k for j, k in joined.items() if j not in keys}
        #: first word -> the most words a name starting with it has (names of up to 7 plain words)
        first: dict[str, int] = dict.fromkeys(filter(WORD.fullmatch, [k for k in keys if " " not in k]), 1)
        first.update(dict.fromkeys(filter(WORD.fullmatch, self._joined), 1))
        # every proper word prefix of a multi-word name, level by level (a set comprehension each)
        level = {k.rpartition(" ")[0] for k in multi}
        self._prefixes: set[str] = set(level)
        while level:
            level = {p.rpartition(" ")[0] for p in level if " " in p}
            self._prefixes |= level
        #: first word of a multi-word name -> the words that can follow it
        self._second: dict[str, set[str]] = {}
        second = self._second
        for key in multi:
            head, _, rest = key.partition(" ")
            follower = rest.partition(" ")[0]
            if head in second:
                second[head].add(follower)
            else:
                second[head] = {follower}
            n_words = key.count(" ") + 1
            if n_words <= MAX_NAME_WORDS and first.get(head, 0) < n_words and PLAIN_NAME.fullmatch(key):
                first[head] = n_words
        self._first = first
        self._keys = keys
        #: every word seen -> what the word loop needs of it (see _start_info), ``()`` for a word that
        #: starts no name (most words)
        self._cache: dict[str, tuple] = {}
        followers = frozenset().union(*second.values())  # every later word of a name
        self._loop = _wordscan.WordLoop(Candidate, self._cache, self._info, keys, self._joined, self._prefixes,
                                        cue_words, vocabulary, followers, self._keep_after, _ARTICLE_CLITICS,
                                        DEFER) if self.compiled else None
        self._fold = _wordscan.fold_text if self.compiled else fold_text
        #: whether a text holds Arabic presentation forms (Gazetteer.find expands them first)
        self.has_presentation_forms = (_wordscan.has_presentation_forms if self.compiled
                                       else has_presentation_forms)

    def mention_maker(self, cls):
        """A function ``(start, end, text, place) -> cls(...)`` made in compiled code when this finder's word
        loop is compiled (the same object as ``cls(...)`` makes, at a fraction of the cost), else ``None``."""
        return _wordscan.mention_maker(cls) if self.compiled else None

    # what the automaton is made of
    @property
    def keys(self):
        """The normalised names."""
        return self._keys

    @property
    def joined(self) -> dict[str, str]:
        """Multi-word names written without their spaces -> the name (ديرالزور -> دير الزور)."""
        return self._joined

    @property
    def first_words(self) -> dict[str, int]:
        """Every word a name can start with -> the most words such a name has."""
        return self._first

    @property
    def cue_words(self) -> frozenset[str]:
        """Written forms of the place-type words after which an unknown word is a candidate."""
        return self._cue_words

    @property
    def keep_after(self) -> frozenset[str]:
        """The words after which a name left out by its words alone is made after all (see find_deferring)."""
        return self._keep_after

    @property
    def has_automaton(self) -> bool:
        """Whether the automaton has been built."""
        return self._automaton is not None

    @property
    def automaton(self):
        """The :class:`~gazetteer.automaton.NameAutomaton` of these names (built on first use)."""
        if self._automaton is None:
            from .automaton import load_or_build
            from .index import gc_paused

            with gc_paused():
                self._automaton = load_or_build(self)
        return self._automaton

    def _scanner(self, text: str):
        """The automaton when this text is to be scanned by it, else ``None`` (the word loop)."""
        if self.scan == "words":
            return None
        if self._automaton is None and self.scan == "auto":
            self._seen += len(text)
            if self._seen < AUTOMATON_AFTER:
                return None
        return self.automaton

    def _analyses(self, word: str) -> tuple:
        """(clitic, stem, max words) for each way ``word`` can start a name, shortest clitic first."""
        out = []
        for clitic in _CLITICS_BY_LETTER.get(word[:1], ("",)):  # shortest first, only those that can apply
            if not word.startswith(clitic):
                continue
            stem = split_clitic(word, clitic)
            if len(stem) >= 2 and stem in self._first:
                out.append((clitic, stem, self._first[stem]))
        return tuple(out)

    def _info(self, word: str) -> tuple:
        """The cache entry of a word not in the cache yet, computed and stored."""
        analyses = self._analyses(word)
        info = self._cache[word] = self._start_info(analyses) if analyses else ()
        return info

    def _start_info(self, analyses: tuple) -> tuple:
        """What the word loop needs of a word with these analyses (not empty): (the words after it that
        may make it part of a longer name; (1, clitic, name) of its first analysis that is a name by
        itself, or ``None`` when it is none; the analyses).

        Followed by none of those words, a word is that name alone, or no name at all.
        """
        grow = frozenset().union(*(self._second.get(stem, ()) for _, stem, _ in analyses))
        for clitic, stem, _ in analyses:
            if stem in self._keys:
                return grow, (1, clitic, stem), analyses
            if stem in self._joined:
                return grow, (1, clitic, self._joined[stem]), analyses
        return grow, None, analyses

    def find(self, text: str) -> tuple[str, list[Candidate], callable]:
        """Folded text, its candidates (folded offsets), and a function mapping offsets back.

        The text is split once (``re.split``) into separators and words; only words that can start
        a name (one cache lookup per word; analyses made once per distinct word) are looked at in Python.
        """
        folded, candidates, _, to_original = self.find_deferring(text)
        return folded, candidates, to_original

    def find_deferring(self, text: str, quiet=None, keep_after=frozenset()):
        """:meth:`find`, with the one-word names that ``quiet`` (key -> ``DROP`` or ``DEFER``) marks left out.

        Such a name is decided by its words alone: ``DROP`` never makes a mention (it is not made at
        all), ``DEFER`` only after a word of ``keep_after`` (then it is made as usual) or where the same
        name is confirmed elsewhere in the text: ``deferred`` holds a function that makes the candidates
        of the deferred names among a set of keys, in text order. Returns (folded text, candidates,
        deferred, offset mapper). Every other candidate is what :meth:`find` gives.
        """
        automaton = self._scanner(text)
        if automaton is not None:
            return self._find_by_automaton(automaton, text, quiet or {}, keep_after)
        folded, gaps = self._fold(text)
        if self._loop is not None:
            candidates, deferred = self._loop.find(folded, quiet or {}, keep_after)
            return folded, candidates, deferred or _no_deferred, _offset_mapper(gaps)
        parts = _SPLIT.split(folded)  # separator, word, separator, word, ..., separator
        words = parts[1::2]
        cache = self._cache
        if len(cache) > 400_000:
            cache.clear()
        # one lookup per word: what the loop needs of it (empty for most words), None for a word never seen
        known = list(map(cache.get, words))
        if None in known:
            for k in compress(count(), map(operator.is_, known, repeat(None))):
                word = words[k]
                info = cache.get(word)
                if info is None:
                    analyses = self._analyses(word)
                    info = cache[word] = self._start_info(analyses) if analyses else ()
                known[k] = info
        hits = list(compress(count(), known))  # words that can start a name
        if not hits:
            return folded, [], _no_deferred, _offset_mapper(gaps)
        ends = list(accumulate(map(len, parts)))
        keys = self._keys
        candidates: list[Candidate] = []
        append = candidates.append
        deferred: list[tuple[int, str, str]] = []  # (word index, clitic, key)
        quiet = quiet or {}
        skip_to = 0  # the word after the last candidate made: the words before it are taken
        n_words = len(words)
        joined, prefixes = self._joined, self._prefixes
        last = n_words - 1
        hashtags = "_" in folded  # without an underscore no name is part of a hashtag

        def make(k: int, n: int, clitic: str, key: str) -> Candidate:
            start, nxt = ends[2 * k], k + n
            after = parts[2 * nxt]  # the text after the name (parts ends with a separator)
            return Candidate(
                start + len(clitic) - (1 if clitic in _ARTICLE_CLITICS else 0), ends[2 * nxt - 1], key, clitic,
                start, n, (words[k - 2] if k >= 2 else "", words[k - 1] if k >= 1 else ""),
                words[nxt] if nxt < n_words and after in _JOINERS else "",
                hashtags and (parts[2 * k].endswith("_") or after.startswith("_")), True, words[k])

        for k in hits:
            grow, alone, analyses = known[k]
            following = words[k + 1] if k < last else ""
            # most hits are words that only begin longer names (في، على): the next word rules them out
            if alone is None and following not in grow:
                continue
            if k < skip_to:
                continue
            # most others are names by themselves that the next word does not extend
            best = alone if following not in grow else None
            for clitic, stem, max_words in (() if best else analyses):
                found = (1, stem) if stem in keys else ((1, joined[stem]) if stem in joined else None)
                if max_words > 1:
                    # extend word by word while the words so far begin some longer name
                    key, n = stem, 1
                    while n < max_words and key in prefixes and k + n < n_words and parts[2 * (k + n)] in _JOINERS:
                        key = key + " " + words[k + n]
                        n += 1
                        if key in keys:
                            found = (n, key)
                if found is not None and (best is None or found[0] > best[0]):
                    best = (found[0], clitic, found[1])
            if best is None:
                continue
            n, clitic, key = best
            skip_to = k + n
            # (a name left out needs no place in _unknown_after_cues' spans: unknown names are words
            # that start no name, and a one-word name is such a word)
            if n == 1 and key in quiet and (k == 0 or words[k - 1] not in keep_after):
                if quiet[key] == DEFER:
                    deferred.append((k, clitic, key))
                continue
            append(make(k, n, clitic, key))
        if self._cue_words:
            candidates = self._unknown_after_cues(parts, words, ends, candidates)

        def make_deferred(confirmed) -> list[Candidate]:
            return [make(k, 1, clitic, key) for k, clitic, key in deferred if key in confirmed]

        return folded, candidates, make_deferred if deferred else _no_deferred, _offset_mapper(gaps)

    def _find_by_automaton(self, automaton, text: str, quiet, keep_after):
        """:meth:`find_deferring` by the automaton: the same candidates as the word loop's, found among its
        matches (a start's longest match whose words are joined by one space or underscore, then left to
        right, each after the last one taken), with the words around each read from the folded text."""
        codes, gaps = fold_codes(text)
        folded = codes.tobytes().decode("utf-32-le", "surrogatepass")
        scanned = automaton.scan_text(codes)
        found = automaton.matches(scanned)
        to_original = _offset_mapper(gaps)
        if not found:
            return folded, [], _no_deferred, to_original
        n_chars = len(folded)
        top = n_chars + 1  # a match ending at e in the scanned text starts its words at top - e
        count = folded.count
        best: list[tuple[int, int]] = []  # (end in the scanned text, integer): per start, by start descending
        cues: list[tuple[int, int]] = []  # (start, end) of the place-type words
        keeps: list[int] = []  # ends of the keep-after words
        last = -1
        info = automaton.info
        for e, number in found:  # by start descending, the longest first at one start
            value = info[number]
            if value & _FLAGS:
                if value & CUE:
                    cues.append((top - e, top - e + (value & _LENGTH)))
                if value & KEEP:
                    keeps.append(top - e + (value & _LENGTH))
            if e == last or value < _KEY_ONE:
                continue
            if value & _MULTI:  # more than one word: joined as the word loop joins them?
                s = top - e
                end = s + (value & _LENGTH)
                if count(" ", s, end) + count("_", s, end) != (value >> _WORDS_SHIFT & 7) - 1:
                    continue
            best.append((e, value))
            last = e
        keys = automaton.keys
        before = _BEFORE.match
        word_at = WORD.match
        if keep_after is self._keep_after:
            skip = _SEPARATORS.match  # the word after each keep-after word starts where its separators end
            kept = {skip(folded, end).end() for end in keeps}
        else:
            kept = None
        hashtags = "_" in folded

        def make(s: int, end: int, n: int, clitic: str, key: str, first_length: int) -> Candidate:
            m = before(scanned, n_chars - s + 1)
            if m is None:
                prev = ("", "")
            else:
                a, b = m.span(1)
                a0, b0 = m.span(2)
                prev = (folded[n_chars - b0 + 1:n_chars - a0 + 1] if a0 >= 0 else "",
                        folded[n_chars - b + 1:n_chars - a + 1])
            following = word_at(folded, end + 1) if end < n_chars and folded[end] in _JOINERS else None
            return Candidate(s + _CLITIC_OFFSET[clitic], end, key, clitic, s, n, prev,
                             following.group() if following is not None else "",
                             hashtags and ((s > 0 and folded[s - 1] == "_") or (end < n_chars and folded[end] == "_")),
                             True, folded[s:s + first_length])

        candidates: list[Candidate] = []
        append = candidates.append
        deferred: list[tuple[int, int, str, str]] = []  # (start, end, clitic, key)
        skip_to = 0
        for e, value in reversed(best):
            s = top - e
            if s < skip_to:
                continue
            end = s + (value & _LENGTH)
            skip_to = end
            key = keys[(value >> _KEY_SHIFT) - 1]
            clitic = CLITIC_ORDER[value >> _CLITIC_SHIFT & 15]
            if value & _MULTI:
                n = value >> _WORDS_SHIFT & 7
                append(make(s, end, n, clitic, key, end - s - len(key) + len(key.partition(" ")[0])))
                continue
            if key in quiet:
                if kept is not None:
                    keep = s in kept
                else:
                    m = before(scanned, n_chars - s + 1)
                    keep = m is not None and folded[n_chars - m.end(1) + 1:n_chars - m.start(1) + 1] in keep_after
                if not keep:
                    if quiet[key] == DEFER:
                        deferred.append((s, end, clitic, key))
                    continue
            append(make(s, end, 1, clitic, key, end - s))
        if cues:
            candidates = self._unknown_after_scanned_cues(folded, scanned, cues[::-1], candidates)

        def make_deferred(confirmed) -> list[Candidate]:
            return [make(s, end, 1, clitic, key, end - s) for s, end, clitic, key in deferred if key in confirmed]

        return folded, candidates, make_deferred if deferred else _no_deferred, to_original

    def _starts_name(self, word: str) -> bool:
        """Whether a word can start a name (the word loop's cache entry for it is not empty)."""
        cache = self._cache
        info = cache.get(word)
        if info is None:
            if len(cache) > 400_000:
                cache.clear()
            analyses = self._analyses(word)
            info = cache[word] = self._start_info(analyses) if analyses else ()
        return bool(info)

    def _unknown_after_scanned_cues(self, folded: str, scanned: str, cues, candidates):
        """:meth:`_unknown_after_cues` for the automaton's scan: ``cues`` are the (start, end) of the
        place-type words, in text order."""
        cue_words, vocabulary = self._cue_words, self._vocabulary
        n_chars = len(folded)
        word_at = WORD.match

        def unknown(match) -> bool:
            word = match.group()
            return not (word in vocabulary or word in cue_words or len(word) < 3 or word.isdigit()
                        or self._starts_name(word))

        taken = [(c.word_start, c.end) for c in candidates]
        added = []
        for cue_start, cue_end in cues:
            if cue_end >= n_chars or folded[cue_end] != " ":
                continue
            first = word_at(folded, cue_end + 1)  # the word after the cue, one space after it
            if first is None or not unknown(first):
                continue
            start, end = first.span()
            if end < n_chars and folded[end] == " ":
                second = word_at(folded, end + 1)
                # a second word with و is the next name of a list (قرى المراشدة والشجلة), not part of this one
                if second is not None and second.group()[:1] != "و" and unknown(second):
                    end = second.end()
            i = bisect.bisect_right(taken, (start, 10**12))
            if (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
                continue
            m = _BEFORE.match(scanned, n_chars - cue_start + 1)
            before_cue = folded[n_chars - m.end(1) + 1:n_chars - m.start(1) + 1] if m is not None else ""
            following = word_at(folded, end + 1) if end < n_chars and folded[end] in _JOINERS else None
            added.append(Candidate(start, end, folded[start:end], "", start, 1 if end == first.end() else 2,
                                   (before_cue, folded[cue_start:cue_end]),
                                   following.group() if following is not None else "",
                                   end < n_chars and folded[end] == "_", False, first.group()))
        if not added:
            return candidates
        return sorted(candidates + added, key=lambda c: c.start)

    def _unknown_after_cues(self, parts, words, ends, candidates):
        """Add unknown names right after place-type words (بلدة X where X is no gazetteer name and
        no ordinary word), one or two words long, where no gazetteer candidate stands."""
        cue_words, vocabulary, cache = self._cue_words, self._vocabulary, self._cache  # every word of the text is in it
        after_cues = list(compress(count(), map(cue_words.__contains__, words)))
        if not after_cues:
            return candidates
        taken = [(c.word_start, c.end) for c in candidates]
        added = []
        n_words = len(words)
        for k in after_cues:
            j = k + 1
            if j >= n_words or parts[2 * j] != " ":
                continue
            word = words[j]
            if word in vocabulary or cache[word] or word in cue_words or len(word) < 3 or word.isdigit():
                continue
            n = 1
            # a second word with و is the next name of a list (قرى المراشدة والشجلة), not part of this one
            if (j + 1 < n_words and parts[2 * (j + 1)] == " " and words[j + 1] not in vocabulary
                    and words[j + 1][:1] != "و"
                    and not cache[words[j + 1]] and words[j + 1] not in cue_words and len(words[j + 1]) >= 3
                    and not words[j + 1].isdigit()):
                n = 2
            start, end = ends[2 * j], ends[2 * (j + n - 1) + 1]
            i = bisect.bisect_right(taken, (start, 10**12))
            if (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
                continue
            nxt = j + n
            added.append(Candidate(start, end, " ".join(words[j:j + n]), "", start, n,
                                   (words[k - 1] if k >= 1 else "", words[k]),
                                   words[nxt] if nxt < n_words and parts[2 * nxt] in _JOINERS else "",
                                   parts[2 * j].endswith("_") or parts[2 * nxt].startswith("_"), False, word))
        if not added:
            return candidates
        return sorted(candidates + added, key=lambda c: c.start)


#: What a candidate finder's ``quiet`` table says of a one-word name: never a mention (``DROP``), or a
#: mention only after a place-type word or where the text confirms it elsewhere (``DEFER``).
DROP, DEFER = "drop", "defer"


_warned = False


def compiled_available() -> bool:
    """Whether the compiled word loop (``gazetteer/_wordscan.pyx``) is built."""
    return _wordscan is not None


def _use_compiled(compiled: bool | None) -> bool:
    """Whether a finder runs the compiled word loop: ``compiled`` when given, else unless the environment
    variable ``GAZETTEER_COMPILED`` is ``0``. Asked for but not built: the Python loop, with a warning
    (same candidates, ~1.5× slower find())."""
    global _warned
    if compiled is None:
        compiled = os.environ.get("GAZETTEER_COMPILED", "1").strip() not in ("0", "")
    if compiled and _wordscan is None:
        if not _warned:
            warnings.warn("gazetteer: the compiled word loop is not built (run `pip install -e .` or `make map`); "
                          "find() runs the Python loop, slower, same results", RuntimeWarning, stacklevel=3)
            _warned = True
        return False
    return bool(compiled)


def _no_deferred(confirmed) -> list[Candidate]:
    return []


def same_offset(i: int) -> int:
    """The offset mapper of a text that folding deleted nothing from: the identity."""
    return i


class OffsetMap:
    """Folded-text offsets -> offsets in the text folded, from where folding deleted characters (the ``gaps``
    of :func:`~gazetteer.normalize.fold_text`: a folded offset ``i`` is ``i + bisect_right(gaps, i)``)."""

    __slots__ = ("gaps",)

    def __init__(self, gaps: list[int]) -> None:
        self.gaps = gaps

    def __call__(self, i: int) -> int:
        return i + bisect.bisect_right(self.gaps, i)

    def deleted(self) -> list[int]:
        """Where the characters folding deleted stand in the text folded, in order."""
        return [gap + k for k, gap in enumerate(self.gaps)]


def _offset_mapper(gaps: list[int]):
    """The :class:`OffsetMap` of ``gaps``, or :func:`same_offset` when folding deleted nothing."""
    return OffsetMap(gaps) if gaps else same_offset
