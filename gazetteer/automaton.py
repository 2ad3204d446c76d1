"""The compiled candidate scan: every written form of the gazetteer's names in one Aho-Corasick automaton
(pyahocorasick), matched over the whole text in C.

:class:`~gazetteer.candidates.CandidateFinder`'s word loop is the reference: it splits the folded text into
words and looks each one up. The automaton finds the same whole-word spans without a Python string per
word. Its patterns are the names as they can stand in text: each one-word name and each multi-word name
of up to seven plain words (:data:`~gazetteer.candidates.MAX_NAME_WORDS`), its first word with every
proclitic it may carry (``وبحلب``، ``للرقة``), between word boundaries. The text it reads is the folded text
with every character that is not a word character (``[^\\W_]``) made a space, one character for one, so
offsets stay exact; a multi-word match is kept only where the words are joined as the word loop joins
them (one space or underscore). Patterns and text are reversed: the proclitics then come at the ends
of the patterns, which share their first letters (1.6 million trie nodes instead of 3.7 million).

Building takes about a second, so a built automaton is kept on disk (:func:`load_or_build`: a pickle of
~70 MB in ``~/.cache/gazetteer``, or ``$GAZETTEER_CACHE``; loaded in about 0.1 s) under a digest of all
it is made of — the names, the cue words, the code that makes and reads it, the versions of Python, of
its Unicode data and of pyahocorasick — so a change to any of them builds a new one.

Each pattern has a number, and each number one integer in :attr:`NameAutomaton.info`: the name's key, the
clitic, the number of words and the span's length (:func:`pack`), and a flag for the place-type words
after which an unknown word is a candidate too (pyahocorasick keeps 32-bit values, too few for all that).

>>> from gazetteer import Gazetteer
>>> finder = Gazetteer().recognizer.finder                            # doctest: +SKIP
>>> automaton = NameAutomaton(finder)                                 # doctest: +SKIP
>>> [(start, end) for start, end, _ in automaton.spans("في ديرالزور")]  # doctest: +SKIP
[(3, 11)]
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import platform
import re
import sys
import tempfile
import unicodedata
from array import array
from pathlib import Path

import numpy as np

from .morphology import ARTICLE, LAM_ARTICLE, NAME_CLITICS

__all__ = ["CLITIC_ORDER", "CUE", "KEEP", "NameAutomaton", "available", "cache_folder", "load_or_build", "unpack"]

#: Proclitics in the order the word loop tries them on a word (none first, then the shortest): of two
#: readings of one written form, the first in this order wins, as in the loop.
CLITIC_ORDER: tuple[str, ...] = ("", *sorted((c for c in NAME_CLITICS if c),
                                             key=lambda c: (len(c), -NAME_CLITICS.index(c))))
_CLITIC_ID = {c: k for k, c in enumerate(CLITIC_ORDER)}

# A match's integer: bits 0-9 the span's length in characters, 10-12 the number of words, 13 and 14 the
# flags, 15-18 the clitic (its place in CLITIC_ORDER), 19 and up the key's number plus one (0: no name).
_LENGTH_BITS, _WORDS_SHIFT, _CUE_SHIFT, _KEEP_SHIFT, _CLITIC_SHIFT, _KEY_SHIFT = 10, 10, 13, 14, 15, 19
#: The flag of a place-type word after which an unknown word is a candidate (``CandidateFinder``'s cue words).
CUE = 1 << _CUE_SHIFT
#: The flag of a word after which a one-word name decided by its words alone is judged after all
#: (``CandidateFinder``'s keep-after words).
KEEP = 1 << _KEEP_SHIFT
_MAX_LENGTH = (1 << _LENGTH_BITS) - 1

_WORD = re.compile(r"[^\W_]+")
_SPACE, _OTHER = 0x20, 0x01  # the scanned text's code for a non-word character, and for a word character
_FIRST_LETTER = 0x100        # no name holds: letters of the names are numbered from here


def available() -> bool:
    """Whether pyahocorasick is installed (the automaton needs it; the word loop does not)."""
    try:
        import ahocorasick  # noqa: F401
    except ImportError:
        return False
    return True


def pack(key_number: int, clitic: str, n_words: int, length: int) -> int:
    """The integer a pattern carries (see the module docstring)."""
    return ((key_number + 1) << _KEY_SHIFT | _CLITIC_ID[clitic] << _CLITIC_SHIFT | n_words << _WORDS_SHIFT
            | length)


def unpack(value: int, keys: list[str]) -> tuple[str | None, str, int, int, bool, bool]:
    """(key or None, clitic, number of words, span length, cue flag, keep flag) of a pattern's integer."""
    number = value >> _KEY_SHIFT
    return (keys[number - 1] if number else None, CLITIC_ORDER[value >> _CLITIC_SHIFT & 15],
            value >> _WORDS_SHIFT & 7, value & _MAX_LENGTH, bool(value & CUE), bool(value & KEEP))


@functools.lru_cache(maxsize=1)
def _word_characters() -> np.ndarray:
    """Whether each code point is a word character as ``re`` reads ``[^\\W_]`` (one regex pass over them all)."""
    every = np.arange(0x110000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    table = np.zeros(0x110000, dtype=bool)
    for match in re.finditer(r"[^\W_]+", every):
        table[match.start():match.end()] = True
    return table


class NameAutomaton:
    """The written forms of a :class:`~gazetteer.candidates.CandidateFinder`'s names, in one automaton.

    Parameters
    ----------
    finder : CandidateFinder
        Its names (``keys``), the names written without spaces, the first words of names and the
        place-type words after which an unknown word is a candidate.
    """

    def __init__(self, finder) -> None:
        import ahocorasick

        from .candidates import MAX_NAME_WORDS, PLAIN_NAME

        keys, joined = finder.keys, finder.joined
        stems = [s for s in finder.first_words if len(s) >= 2]
        heads: dict[str, list[str]] = {}
        for key in keys:
            if " " in key and key.count(" ") < MAX_NAME_WORDS and PLAIN_NAME.fullmatch(key):
                heads.setdefault(key.partition(" ")[0], []).append(key)
        alphabet = sorted(({c for s in stems for c in s} | {c for ks in heads.values() for k in ks for c in k}
                           | set("".join(CLITIC_ORDER)) | set("".join(finder.cue_words))
                           | set("".join(finder.keep_after))) - {" "})
        letters = {ord(c): _FIRST_LETTER + k for k, c in enumerate(alphabet)}
        table = np.full(0x110000, _SPACE, dtype=np.uint16)
        table[_word_characters()] = _OTHER
        for code, letter in letters.items():
            table[code] = letter
        self._table = table
        self.keys: list[str] = []  # key number -> key
        #: pattern number -> its integer (see pack)
        self.info = info = array("q")
        numbers: dict[str, int] = {}

        def number(key: str) -> int:
            k = numbers.get(key)
            if k is None:
                k = numbers[key] = len(self.keys)
                self.keys.append(key)
            return k

        # (stem, the name's words in the automaton's letters reversed, the name's bits, the span's length
        # without the clitic): one-word names and names of several words starting with the stem
        rows = []
        for stem in stems:
            key = stem if stem in keys else joined.get(stem)
            if key is not None:
                rows.append((stem, stem.translate(letters)[::-1], pack(number(key), "", 1, 0), len(stem)))
            for name in heads.get(stem, ()):
                rows.append((stem, name.translate(letters)[::-1], pack(number(name), "", name.count(" ") + 1, 0),
                             len(name)))
        if max(length for *_, length in rows) + max(map(len, CLITIC_ORDER)) > _MAX_LENGTH:
            raise ValueError(f"Expected names of at most {_MAX_LENGTH} characters with their clitics.")
        with_article = [row for row in rows if row[0].startswith(ARTICLE)]
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        add_word = automaton.add_word
        # In reverse order: where two readings give one written form, the later add_word keeps the first's.
        for clitic in reversed(CLITIC_ORDER):
            bits = _CLITIC_ID[clitic] << _CLITIC_SHIFT
            prefix = clitic.translate(letters)[::-1] + " "
            if clitic.endswith(LAM_ARTICLE):  # لل + الرقه is written للرقه: the article's alef drops
                cut, extra, these = len(ARTICLE), len(clitic) - len(ARTICLE), with_article
                patterns = [" " + written[:-cut] + prefix for _, written, _, _ in these]
            else:
                extra, these = len(clitic), rows
                patterns = [" " + written + prefix for _, written, _, _ in these]
            first = len(info)
            info.extend([value | bits | (length + extra) for _, _, value, length in these])
            for _ in map(add_word, patterns, range(first, first + len(patterns))):
                pass
        for words, flag in ((finder.cue_words, CUE), (finder.keep_after, KEEP)):
            for word in words:
                if not _WORD.fullmatch(word):
                    continue  # never one word of a text
                pattern = (" " + word.translate(letters) + " ")[::-1]
                k = automaton.get(pattern, None)
                if k is None:
                    add_word(pattern, len(info))
                    info.append(flag | len(word))
                else:
                    info[k] |= flag
        automaton.make_automaton()
        self._automaton = automaton

    @property
    def size(self) -> int:
        """The number of patterns."""
        return len(self._automaton)

    def scan_text(self, codes: np.ndarray) -> str:
        """The text the automaton reads, from the folded text's code points: reversed, a space at each end,
        every non-word character a space, every word character a letter of the names or one other letter."""
        return " " + self._table.take(codes[::-1]).tobytes().decode("utf-16-le") + " "

    def matches(self, scanned: str) -> list[tuple[int, int]]:
        """(end in the scanned text, pattern number) of every pattern in it, by end, the longest first at one end.

        A match ending at ``e`` starts its words at ``len(scanned) - 1 - e`` in the folded text."""
        return list(self._automaton.iter(scanned))

    def spans(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, integer) in the folded ``text`` of every whole-word pattern, in text order (for tests)."""
        from .normalize import fold_codes

        codes, _ = fold_codes(text)
        scanned = self.scan_text(codes)
        n = len(scanned) - 1
        info = self.info
        return sorted((n - e, n - e + (info[k] & _MAX_LENGTH), info[k]) for e, k in self.matches(scanned))


def cache_folder() -> Path | None:
    """Where built automata are kept: ``$GAZETTEER_CACHE`` (``off`` or empty: nowhere), else
    ``$XDG_CACHE_HOME/gazetteer``, else ``~/.cache/gazetteer``."""
    chosen = os.environ.get("GAZETTEER_CACHE")
    if chosen is not None:
        return None if chosen.strip() in ("", "off") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gazetteer"


def _digest(finder) -> str:
    """What an automaton of ``finder``'s names is made of, as one SHA-256."""
    from importlib import metadata

    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in ("automaton.py", "candidates.py", "morphology.py"):
        h.update((here / name).read_bytes())
    versions = (sys.version, unicodedata.unidata_version, metadata.version("pyahocorasick"), platform.machine())
    h.update(repr(versions).encode())
    for words in (finder.keys, finder.joined, sorted(finder.cue_words), sorted(finder.keep_after)):
        h.update("\x1f".join(words).encode("utf-8", "surrogatepass"))
        h.update(b"\x1e")
    return h.hexdigest()[:24]


def load_or_build(finder) -> NameAutomaton:
    """The automaton of ``finder``'s names: loaded from :func:`cache_folder` when one of the same digest is
    there, else built and kept there (replacing the older ones; where the folder cannot be written, only
    built)."""
    folder = cache_folder()
    if folder is None:
        return NameAutomaton(finder)
    path = folder / f"names-{_digest(finder)}.pkl"
    try:
        with open(path, "rb") as fh:
            automaton = pickle.load(fh)
        if isinstance(automaton, NameAutomaton):
            return automaton
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError):
        pass  # none yet, or unreadable: build it again
    automaton = NameAutomaton(finder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _keep(automaton, folder, path)
        for old in folder.glob("names-*.pkl"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full disk: this process keeps what it built
    return automaton


def _keep(automaton: NameAutomaton, folder: Path, path: Path) -> None:
    """Write the automaton's pickle to ``path`` whole or not at all.

    pyahocorasick 2.3 leaks the whole serialised automaton (~65 MB) at every pickling (its issue #219), so
    where the process can fork and runs no other thread, a child process writes the file and exits."""
    import threading

    if hasattr(os, "fork") and threading.active_count() == 1:
        pid = os.fork()
        if pid == 0:  # the child: write, and leave at once (no cleanup of the parent's state)
            code = 1
            try:
                _write(automaton, folder, path)
                code = 0
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise OSError(f"could not write {path}")
        return
    _write(automaton, folder, path)


def _write(automaton: NameAutomaton, folder: Path, path: Path) -> None:
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".names-", suffix=".tmp", delete=False) as fh:
        tmp = Path(fh.name)
        try:
            pickle.dump(automaton, fh, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            fh.close()
            tmp.unlink(missing_ok=True)
            raise
    os.replace(tmp, path)
