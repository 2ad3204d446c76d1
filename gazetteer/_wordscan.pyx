# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The word loop of :meth:`gazetteer.candidates.CandidateFinder.find_deferring`, compiled (Cython), and the
folding it reads.

The same steps as the Python loop there, which stays the reference (``GAZETTEER_COMPILED=0`` chooses it;
``tests/test_compiled.py`` compares the two on all the development data):

- :func:`fold_text` is :func:`gazetteer.normalize.fold_text` in one pass over the characters (a table of
  every BMP code point made from the same mapping), and :func:`has_presentation_forms` its test;
- the folded text is walked once character by character (a word is a run of ``Py_UNICODE_ISALNUM``
  characters, what the regex ``[^\\W_]+`` matches, read from a table of the BMP), each word looked up in a
  table of the words seen (hashed in C, their letters kept and compared, so never mistaken: the finder's
  cache entry for it, whether it can start a name, whether it is a place-type word, whether it can be a
  later word of a name, whether it is a word of ``keep_after``);
- only the words that can start a name and whose next word may extend it, or that are a name by themselves,
  are looked at further in Python objects; the rest are passed over in C. What stands between two words
  is read from their offsets, never made into a string.

The table holds at most 2^17 words in 2^18 slots of 32 bytes (8 MB; a word of up to 8 letters is kept in its
slot, so that most lookups touch one cache line, longer words' letters in an arena; 38,000 words make the ANT
articles) and is emptied when full, as the finder's cache is. A word read as a string (the words around a
candidate) is made into one once and kept with its slot, so the same string serves text after text.

Candidates and mentions are made by their slots (:class:`SlotMaker`: the objects their classes' ``__init__``
makes). And the recogniser's loops over every candidate of a text run here too when the word loop is compiled
(:func:`verdicts`, :func:`accepted`, :func:`readings_of`, :func:`choose_readings`, :func:`plausible_facts`,
:func:`original_spans`, :func:`deleted_marks`, :func:`make_mentions`): the same steps as their Python references in ``gazetteer/recognize.py``
(``tests/test_recognize_compiled.py`` compares each call with its reference on all the development data).
"""

from libc.stdint cimport int32_t, int64_t, uint8_t, uint16_t, uint32_t, uint64_t
from libc.stdlib cimport calloc, free, malloc, realloc
from libc.math cimport asin, cos, fabs, pow, sin, sqrt
from libc.string cimport memcpy, memset
from cpython.dict cimport PyDict_GetItemWithError  # no saving and restoring of the error state, as PyDict_GetItem does
from cpython.list cimport PyList_GET_ITEM
from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF
from cpython.unicode cimport (PyUnicode_DATA, PyUnicode_FromKindAndData, PyUnicode_KIND, Py_UNICODE_ISALNUM)

cdef extern from *:
    void __builtin_prefetch(const void *address)  # gcc and clang: a hint, never a fault

cdef extern from "Python.h":
    # what a slots class's member descriptor says of where its field is kept in an instance
    ctypedef struct PyMemberDef:
        int type
        Py_ssize_t offset
    ctypedef struct PyMemberDescrObject:
        PyMemberDef *d_member
    ctypedef struct _TypeObject "PyTypeObject":
        object (*tp_alloc)(_TypeObject *, Py_ssize_t)

cdef extern from "structmember.h":
    int T_OBJECT_EX


cdef class SlotMaker  # below

import bisect

from gazetteer.normalize import _MAPPING

cdef Py_UCS4 SPACE = 32, UNDERSCORE = 95

ctypedef fused uchar:  # the characters of a string of each kind (1, 2 or 4 bytes)
    uint8_t
    uint16_t
    uint32_t

# -- folding -------------------------------------------------------------------------------------------------
cdef int32_t FOLDED[0x10000]  # a BMP code point -> its folded code point, or -1 when folding deletes it
cdef uint8_t ALNUM[0x10000]   # whether a BMP code point is a word character (Py_UNICODE_ISALNUM)


cdef void _make_tables() except *:
    cdef Py_ssize_t c
    for c in range(0x10000):
        FOLDED[c] = c
        ALNUM[c] = Py_UNICODE_ISALNUM(<Py_UCS4> c)
    for code, to in _MAPPING.items():
        FOLDED[code] = -1 if to is None else ord(to)
        if code < 0x100 and FOLDED[code] >= 0x100:  # a text's characters never fold to a wider kind
            raise ValueError(f"the folding of {chr(code)!r} is wider than it")


_make_tables()


cdef inline bint is_word_char(Py_UCS4 ch):
    return ALNUM[ch] if ch < 0x10000 else Py_UNICODE_ISALNUM(ch)


cdef Py_ssize_t _fold(const uchar *source, Py_ssize_t n, uchar *out, list gaps) except -1:
    """Fold ``n`` characters of ``source`` into ``out``; the folded length. A deleted character's folded
    offset goes to ``gaps``."""
    cdef Py_ssize_t i, length = 0
    cdef Py_UCS4 ch
    cdef int32_t to
    for i in range(n):
        ch = source[i]
        if ch < 0x10000:
            to = FOLDED[ch]
            if to < 0:
                gaps.append(length)
                continue
            out[length] = <uchar> to
        else:
            out[length] = <uchar> ch
        length += 1
    return length


def fold_text(str text):
    """:func:`gazetteer.normalize.fold_text`: the folded text and where each deleted character would have
    stood in it, in one pass over the characters."""
    cdef Py_ssize_t n = len(text), length
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef list gaps = []
    cdef void *out
    if n == 0:
        return "", gaps
    out = malloc(n * kind)
    if out == NULL:
        raise MemoryError()
    try:
        if kind == 1:
            length = _fold(<uint8_t *> data, n, <uint8_t *> out, gaps)
        elif kind == 2:
            length = _fold(<uint16_t *> data, n, <uint16_t *> out, gaps)
        else:
            length = _fold(<uint32_t *> data, n, <uint32_t *> out, gaps)
        folded = PyUnicode_FromKindAndData(kind, out, length)  # the narrowest kind that holds it
    finally:
        free(out)
    return folded, gaps


cdef bint _has_presentation_forms(const uchar *data, Py_ssize_t n):
    cdef Py_ssize_t i
    cdef Py_UCS4 ch
    for i in range(n):
        ch = data[i]
        if 0xFB50 <= ch <= 0xFEFE and (ch <= 0xFDFF or ch >= 0xFE70):
            return True
    return False


def has_presentation_forms(str text):
    """:func:`gazetteer.normalize.has_presentation_forms`: whether ``text`` holds an Arabic presentation form."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    if kind == 1:
        return False
    if kind == 2:
        return _has_presentation_forms_2(<uint16_t *> data, len(text))
    return _has_presentation_forms(<uint32_t *> data, len(text))


cdef bint _has_presentation_forms_2(const uint16_t *data, Py_ssize_t n):
    """_has_presentation_forms of 2-byte characters, four at a time: only where one of four is U+8000 or above
    (presentation forms are U+FB50 and above; Arabic letters and ASCII below U+0800) is each looked at."""
    cdef Py_ssize_t i = 0
    cdef uint64_t four
    while i + 4 <= n:
        memcpy(&four, data + i, 8)
        if four & 0x8000800080008000ULL and _has_presentation_forms(data + i, 4):
            return True
        i += 4
    return _has_presentation_forms(data + i, n - i)


# -- the words seen ------------------------------------------------------------------------------------------
# What the loop knows of each word seen (the words' own letters kept, so a word is never taken for another):
# a table of the words seen, their letters in an arena; cleared when full (it is only a cache).
cdef enum:
    HIT = 1          # the word can start a name (the finder's cache entry for it is not empty)
    CUE = 2          # a place-type word as written (after which an unknown word is a candidate)
    FOLLOWER = 4     # a later word of some name: the word before it may start a longer name
    KEEP = 8         # a word of the finder's keep_after
    SLOTS = 1 << 18  # slots of the table (a power of two)
    MOST = 1 << 17   # words kept before the table is cleared
    LONGEST = 0xFFFF # longer words are not kept (looked up in Python each time)
    INLINE = 8       # a word this long or shorter, all in the BMP, is kept in its slot (most words)
    AHEAD = 4        # words read ahead of their lookup, their slots fetched from memory meanwhile

cdef struct Slot:    # 32 bytes: a word kept in its slot is compared in the one cache line
    uint32_t check   # the hash's high bits
    uint32_t at      # where the word's letters start in the arena (a word not kept in its slot)
    uint32_t info    # 1 + where the word's cache entry is in WordLoop.infos; 0 for a word that starts no name
    uint16_t length  # 0: empty
    uint8_t flags
    uint8_t in_arena # the word's letters are in the arena, not in the slot
    uint16_t letters[INLINE]


cdef class WordLoop:
    """The word loop of one :class:`~gazetteer.candidates.CandidateFinder` (its tables, shared, not copied)."""

    cdef object candidate  # the Candidate class
    cdef dict cache
    cdef object info_of    # word -> its cache entry (computed and stored by the finder)
    cdef object keys
    cdef dict joined
    cdef object prefixes
    cdef object cue_words
    cdef object vocabulary
    cdef object followers  # every later word of a name
    cdef readonly object keep_after
    cdef object article_clitics
    cdef object defer
    cdef Slot *slots
    cdef Py_UCS4 *arena
    cdef list infos        # the cache entries of the words kept that start a name
    cdef Py_ssize_t arena_used, arena_size, n_kept
    cdef PyObject **word_of  # per slot: the word as a string (held by ``words``), NULL when not made yet
    cdef list words        # the words kept that were made into strings (made once, then shared)
    cdef Py_ssize_t generation  # how many times the table was emptied
    cdef Py_ssize_t last_slot   # the slot of the word lookup() last saw, or -1 when it is not kept
    cdef SlotMaker new_candidate

    def __dealloc__(self):
        free(self.slots)
        free(self.arena)
        free(self.word_of)

    cdef void clear(self):
        memset(self.slots, 0, SLOTS * sizeof(Slot))
        memset(self.word_of, 0, SLOTS * sizeof(PyObject *))
        self.arena_used = 0
        self.n_kept = 0
        del self.infos[:]
        del self.words[:]
        self.generation += 1

    cdef int64_t lookup(self, str folded, const uchar *data, Py_ssize_t s, Py_ssize_t e, uint64_t h) except -1:
        """What the table says of the word ``folded[s:e]`` (of hash ``h``), worked out and kept when new: its
        flags, and in the bits above the eighth 1 + where its cache entry is in ``infos`` (0 when it starts
        no name, or when it is too long to keep: then it is looked up in Python)."""
        cdef Py_ssize_t length = e - s, i, mask = SLOTS - 1, at
        cdef uint32_t check = <uint32_t> (h >> 32)
        cdef Slot *slot
        cdef Py_UCS4 *letters
        cdef int flags
        cdef bint in_arena
        at = <Py_ssize_t> (h & mask)
        while True:
            slot = &self.slots[at]
            if slot.length == 0:
                break
            if slot.check == check and slot.length == length:
                if slot.in_arena:
                    letters = self.arena + slot.at
                    for i in range(length):
                        if letters[i] != data[s + i]:
                            break
                    else:
                        self.last_slot = at
                        return (<int64_t> slot.info << 8) | slot.flags
                else:
                    for i in range(length):
                        if slot.letters[i] != data[s + i]:
                            break
                    else:
                        self.last_slot = at
                        return (<int64_t> slot.info << 8) | slot.flags
            at = (at + 1) & mask
        self.last_slot = -1
        word = folded[s:e]
        info = self.cache.get(word)
        if info is None:
            info = self.info_of(word)
        flags = ((HIT if info else 0) | (CUE if word in self.cue_words else 0)
                 | (FOLLOWER if word in self.followers else 0) | (KEEP if word in self.keep_after else 0))
        if length > LONGEST:
            return flags  # not kept (last_slot is -1)
        in_arena = length > INLINE
        for i in range(length if length <= INLINE else 0):
            if data[s + i] > 0xFFFF:
                in_arena = True
                break
        if self.n_kept >= MOST or (in_arena and self.arena_used + length > self.arena_size):
            if self.n_kept >= MOST or self.arena_size >= (1 << 30):
                self.clear()
                return self.lookup(folded, data, s, e, h)
            self.arena_size = max(2 * self.arena_size, 1 << 18)
            self.arena = <Py_UCS4 *> _grow(self.arena, self.arena_size * sizeof(Py_UCS4))
        slot.in_arena = in_arena
        if in_arena:
            letters = self.arena + self.arena_used
            for i in range(length):
                letters[i] = data[s + i]
            slot.at = self.arena_used
            self.arena_used += length
        else:
            for i in range(length):
                slot.letters[i] = <uint16_t> data[s + i]
        slot.check, slot.length, slot.flags = check, length, flags
        if info:
            self.infos.append(info)
            slot.info = len(self.infos)
        else:
            slot.info = 0
        self.n_kept += 1
        self.last_slot = at
        return (<int64_t> slot.info << 8) | flags

    def __init__(self, candidate, dict cache, info_of, keys, dict joined, prefixes, cue_words, vocabulary,
                 followers, keep_after, article_clitics, defer):
        self.candidate = candidate
        self.cache = cache
        self.info_of = info_of
        self.keys = keys
        self.joined = joined
        self.prefixes = prefixes
        self.cue_words = cue_words
        self.vocabulary = vocabulary
        self.followers = followers
        self.keep_after = keep_after
        self.article_clitics = article_clitics
        self.defer = defer
        self.infos = []
        self.words = []
        self.new_candidate = SlotMaker(candidate, CANDIDATE_FIELDS)

    @property
    def kept(self) -> int:
        """How many words the table of the words seen holds."""
        return self.n_kept

    def find(self, str folded, quiet, keep_after):
        """(candidates, the deferred names' maker or ``None``) of a folded text, as the Python loop gives them."""
        cdef _Scan scan = _Scan.__new__(_Scan)
        cdef int kind = PyUnicode_KIND(folded)
        if self.slots == NULL:
            self.slots = <Slot *> calloc(SLOTS, sizeof(Slot))
            self.word_of = <PyObject **> calloc(SLOTS, sizeof(PyObject *))
            if self.slots == NULL or self.word_of == NULL:
                raise MemoryError()
        cdef void *data = PyUnicode_DATA(folded)
        scan.loop = self
        scan.folded = folded
        if kind == 1:
            scan.read_words(<uint8_t *> data)
        elif kind == 2:
            scan.read_words(<uint16_t *> data)
        else:
            scan.read_words(<uint32_t *> data)
        return scan.candidates(quiet, keep_after)


cdef class _Scan:
    """One text's words: their offsets in C arrays; a word is made into a string only where it is read."""

    cdef WordLoop loop
    cdef str folded
    cdef Py_ssize_t n_chars
    cdef Py_ssize_t n_words
    cdef Py_ssize_t *starts
    cdef Py_ssize_t *ends
    cdef uint8_t *flags
    cdef int32_t *slot_of  # each word's slot in the table of words seen, or -1 (not kept)
    cdef Py_ssize_t generation  # the table's when the words were read (emptied since: no slot holds)
    cdef Py_ssize_t *hit_at  # indices of the words that can start a name (n_hits of them)
    cdef Py_ssize_t n_hits
    cdef list hit_infos   # their cache entries
    cdef list after_cues  # indices of the place-type words (as written)
    cdef bint hashtags
    cdef list deferred

    def __dealloc__(self):
        free(self.starts)
        free(self.ends)
        free(self.flags)
        free(self.slot_of)
        free(self.hit_at)

    cdef str word(self, Py_ssize_t k):
        """Word ``k`` as a string: made once per word kept in the table, then the same string each time (its
        hash worked out once, and a memo's key of such words compared by identity)."""
        cdef WordLoop loop = self.loop
        cdef int32_t at = self.slot_of[k]
        cdef PyObject *made
        if at < 0 or self.generation != loop.generation:
            return self.folded[self.starts[k]:self.ends[k]]
        made = loop.word_of[at]
        if made != NULL:
            return <str> made
        word = self.folded[self.starts[k]:self.ends[k]]
        loop.words.append(word)  # which holds it while the slot points to it
        loop.word_of[at] = <PyObject *> word
        return word

    cdef void read_words(self, const uchar *data) except *:
        """Find the words and look each up: a word is looked up AHEAD words after it is read, its slot fetched
        from memory meanwhile (most lookups would otherwise wait for it)."""
        cdef str folded = self.folded
        cdef Py_ssize_t n = len(folded), i = 0, s, k = 0, capacity = 64
        cdef Py_UCS4 ch
        cdef uint64_t h
        cdef uint64_t hashes[AHEAD]
        cdef bint hashtags = False
        cdef Slot *slots = self.loop.slots
        self.starts = <Py_ssize_t *> malloc(capacity * sizeof(Py_ssize_t))
        self.ends = <Py_ssize_t *> malloc(capacity * sizeof(Py_ssize_t))
        self.flags = <uint8_t *> malloc(capacity * sizeof(uint8_t))
        self.slot_of = <int32_t *> malloc(capacity * sizeof(int32_t))
        self.hit_at = <Py_ssize_t *> malloc(capacity * sizeof(Py_ssize_t))
        if (self.starts == NULL or self.ends == NULL or self.flags == NULL or self.slot_of == NULL
                or self.hit_at == NULL):
            raise MemoryError()
        self.generation = self.loop.generation
        if len(self.loop.cache) > 400_000:
            self.loop.cache.clear()
        self.n_hits = 0
        self.hit_infos, self.after_cues = [], []
        while i < n:
            ch = data[i]
            if not is_word_char(ch):
                if ch == UNDERSCORE:
                    hashtags = True
                i += 1
                continue
            s = i
            h = 14695981039346656037ULL  # FNV-1a over the code points
            while True:
                h = (h ^ <uint64_t> ch) * 1099511628211ULL
                i += 1
                if i == n:
                    break
                ch = data[i]
                if not is_word_char(ch):
                    break
            if k == capacity:
                capacity *= 2
                self.starts = <Py_ssize_t *> _grow(self.starts, capacity * sizeof(Py_ssize_t))
                self.ends = <Py_ssize_t *> _grow(self.ends, capacity * sizeof(Py_ssize_t))
                self.flags = <uint8_t *> _grow(self.flags, capacity * sizeof(uint8_t))
                self.slot_of = <int32_t *> _grow(self.slot_of, capacity * sizeof(int32_t))
                self.hit_at = <Py_ssize_t *> _grow(self.hit_at, capacity * sizeof(Py_ssize_t))
            self.starts[k] = s
            self.ends[k] = i
            __builtin_prefetch(&slots[h & (SLOTS - 1)])
            if k >= AHEAD:
                self.look_up(data, k - AHEAD, hashes[k % AHEAD])
            hashes[k % AHEAD] = h
            k += 1
        for i in range(max(k - AHEAD, 0), k):
            self.look_up(data, i, hashes[i % AHEAD])
        self.n_chars = n
        self.n_words = k
        self.hashtags = hashtags

    cdef void look_up(self, const uchar *data, Py_ssize_t k, uint64_t h) except *:
        """Word ``k``'s flags from the table of words seen, and its cache entry when it can start a name."""
        cdef WordLoop loop = self.loop
        cdef Py_ssize_t s = self.starts[k], e = self.ends[k], info_at
        cdef int64_t found = loop.lookup(self.folded, data, s, e, h)
        cdef int flags = found & 0xFF
        self.flags[k] = flags
        self.slot_of[k] = <int32_t> loop.last_slot
        if flags & HIT:
            info_at = found >> 8
            if info_at:
                info = <object> PyList_GET_ITEM(loop.infos, info_at - 1)
            else:  # a word too long to keep
                word = self.folded[s:e]
                info = loop.cache.get(word)
                if info is None:
                    info = loop.info_of(word)
            self.hit_at[self.n_hits] = k  # fewer hits than words: within the capacity
            self.n_hits += 1
            self.hit_infos.append(info)
        if flags & CUE:
            self.after_cues.append(k)

    cdef inline bint joined_before(self, Py_ssize_t j):
        """Whether word ``j`` follows the word before it after one space or underscore."""
        cdef Py_UCS4 ch
        if self.starts[j] - self.ends[j - 1] != 1:
            return False
        ch = self.folded[self.ends[j - 1]]
        return ch == SPACE or ch == UNDERSCORE

    cdef inline bint space_before(self, Py_ssize_t j):
        """Whether word ``j`` follows the word before it after exactly one space."""
        return self.starts[j] - self.ends[j - 1] == 1 and self.folded[self.ends[j - 1]] == SPACE

    cdef bint keeps(self, Py_ssize_t j, keep_after) except -1:
        """Whether word ``j`` is one of ``keep_after`` (read from its flags when those are the finder's own)."""
        if keep_after is self.loop.keep_after:
            return self.flags[j] & KEEP
        return self.word(j) in keep_after

    cdef object make(self, Py_ssize_t k, Py_ssize_t n, str clitic, str key):
        cdef Py_ssize_t start = self.starts[k], nxt = k + n, end = self.ends[nxt - 1]
        cdef Py_ssize_t after_end = self.starts[nxt] if nxt < self.n_words else self.n_chars
        cdef bint joiner = after_end - end == 1 and (self.folded[end] == SPACE or self.folded[end] == UNDERSCORE)
        cdef bint in_hashtag = self.hashtags and (
            (start > 0 and self.folded[start - 1] == UNDERSCORE) or (after_end > end and self.folded[end] == UNDERSCORE))
        cdef SlotMaker maker = self.loop.new_candidate
        prev = (self.word(k - 2) if k >= 2 else "", self.word(k - 1) if k >= 1 else "")
        following = self.word(nxt) if nxt < self.n_words and joiner else ""
        written = self.word(k)
        cand = maker.alloc()
        maker.put(cand, 0, start + len(clitic) - (1 if clitic in self.loop.article_clitics else 0))
        maker.put(cand, 1, end)
        maker.put(cand, 2, key)
        maker.put(cand, 3, clitic)
        maker.put(cand, 4, start)
        maker.put(cand, 5, n)
        maker.put(cand, 6, prev)
        maker.put(cand, 7, following)
        maker.put(cand, 8, in_hashtag)
        maker.put(cand, 9, True)
        maker.put(cand, 10, written)
        return cand

    cdef tuple candidates(self, quiet, keep_after):
        cdef list hit_infos = self.hit_infos
        cdef list out = []
        cdef list deferred = []
        cdef Py_ssize_t h, k, n, skip_to = 0, n_words = self.n_words, last = self.n_words - 1, max_words
        cdef bint grows
        cdef object grow, alone, analyses, best, found, clitic, stem, key
        cdef object keys = self.loop.keys, prefixes = self.loop.prefixes
        cdef dict joined = self.loop.joined
        if not self.n_hits:
            return [], None
        for h in range(self.n_hits):
            k = self.hit_at[h]
            grow, alone, analyses = hit_infos[h]
            # whether the next word may make it part of a longer name (read from its flags: most are no later
            # word of any name)
            if k < last:
                grows = self.flags[k + 1] & FOLLOWER and self.word(k + 1) in grow
            else:
                grows = "" in grow
            # most hits are words that only begin longer names (في، على): the next word rules them out
            if alone is None and not grows:
                continue
            if k < skip_to:
                continue
            # most others are names by themselves that the next word does not extend
            if not grows:
                best = alone
            else:
                best = None
                for clitic, stem, max_words in analyses:
                    found = (1, stem) if stem in keys else ((1, joined[stem]) if stem in joined else None)
                    if max_words > 1:
                        # extend word by word while the words so far begin some longer name
                        key, n = stem, 1
                        while n < max_words and key in prefixes and k + n < n_words and self.joined_before(k + n):
                            key = key + " " + self.word(k + n)
                            n += 1
                            if key in keys:
                                found = (n, key)
                    if found is not None and (best is None or found[0] > best[0]):
                        best = (found[0], clitic, found[1])
                if best is None:
                    continue
            n, clitic, key = best
            skip_to = k + n
            if n == 1 and key in quiet and (k == 0 or not self.keeps(k - 1, keep_after)):
                if quiet[key] == self.loop.defer:
                    deferred.append((k, clitic, key))
                continue
            out.append(self.make(k, n, clitic, key))
        if self.loop.cue_words:
            out = self.unknown_after_cues(out)
        self.deferred = deferred
        return out, (self.make_deferred if deferred else None)

    def make_deferred(self, confirmed):
        """The candidates of the deferred names among ``confirmed`` (a set of keys), in text order."""
        cdef Py_ssize_t k
        return [self.make(k, 1, clitic, key) for k, clitic, key in self.deferred if key in confirmed]

    cdef bint unknown(self, Py_ssize_t j, vocabulary) except -1:
        """Whether word ``j`` is no ordinary word, starts no name, is no place-type word, has three letters or
        more and is no number (CandidateFinder._unknown_after_cues' test)."""
        if self.flags[j] & (HIT | CUE) or self.ends[j] - self.starts[j] < 3:
            return False
        word = self.word(j)
        return not (word in vocabulary or word.isdigit())

    cdef list unknown_after_cues(self, list candidates):
        """CandidateFinder._unknown_after_cues: unknown names right after place-type words."""
        cdef list after_cues = self.after_cues, taken, added
        cdef Py_ssize_t k, j, n, i, start, end, nxt, after_end, n_words = self.n_words
        cdef object vocabulary = self.loop.vocabulary
        cdef bint joiner, in_hashtag
        if not after_cues:
            return candidates
        taken = [(c.word_start, c.end) for c in candidates]
        added = []
        for k in after_cues:
            j = k + 1
            if j >= n_words or not self.space_before(j) or not self.unknown(j, vocabulary):
                continue
            n = 1
            # a second word with و is the next name of a list (قرى المراشدة والشجلة), not part of this one
            if (j + 1 < n_words and self.space_before(j + 1) and self.folded[self.starts[j + 1]] != "و"
                    and self.unknown(j + 1, vocabulary)):
                n = 2
            start, end = self.starts[j], self.ends[j + n - 1]
            i = bisect.bisect_right(taken, (start, 10**12))
            if (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
                continue
            nxt = j + n
            after_end = self.starts[nxt] if nxt < n_words else self.n_chars
            joiner = after_end - end == 1 and (self.folded[end] == SPACE or self.folded[end] == UNDERSCORE)
            in_hashtag = after_end > end and self.folded[end] == UNDERSCORE
            added.append(self.loop.candidate(start, end, self.folded[start:end], "", start, n,
                                             (self.word(k - 1) if k >= 1 else "", self.word(k)),
                                             self.word(nxt) if nxt < n_words and joiner else "", in_hashtag, False,
                                             self.word(j)))
        if not added:
            return candidates
        return sorted(candidates + added, key=_start)


def _start(candidate):
    return candidate.start


#: The fields of gazetteer.candidates.Candidate, in the order of its __init__'s arguments (checked by SlotMaker).
CANDIDATE_FIELDS = ("start", "end", "key", "clitic", "word_start", "n_words", "prev", "next", "in_hashtag", "known",
                    "written")


cdef class SlotMaker:
    """Makes an instance of a slots class whose ``__init__`` only sets its fields (a ``@dataclass(slots=True)``
    with no ``__post_init__``), as that ``__init__`` would make it, at a fraction of the cost: the instance
    allocated by its type, each field stored where the class's member descriptor says it is kept. The class
    and its fields are checked when the maker is made."""

    cdef object cls
    cdef Py_ssize_t n_fields
    cdef Py_ssize_t offsets[16]

    def __init__(self, cls, fields):
        import dataclasses

        names = tuple(f.name for f in dataclasses.fields(cls))
        if tuple(fields) != names or len(names) > 16 or "__post_init__" in cls.__dict__:
            raise TypeError(f"Expected a slots dataclass with fields {tuple(fields)!r}, instead got: {cls!r}.")
        self.cls = cls
        self.n_fields = len(names)
        for i, name in enumerate(names):
            descriptor = cls.__dict__.get(name)
            if type(descriptor).__name__ != "member_descriptor":
                raise TypeError(f"Expected {cls.__name__}.{name} to be a slot, instead got: {descriptor!r}.")
            if (<PyMemberDescrObject *> <PyObject *> descriptor).d_member.type != T_OBJECT_EX:
                raise TypeError(f"Expected {cls.__name__}.{name} to be an object slot.")
            self.offsets[i] = (<PyMemberDescrObject *> <PyObject *> descriptor).d_member.offset

    cdef inline object alloc(self):
        """A new instance, every field unset (set each with put before the instance is used)."""
        return (<_TypeObject *> <PyObject *> self.cls).tp_alloc(<_TypeObject *> <PyObject *> self.cls, 0)

    cdef inline void put(self, object instance, Py_ssize_t i, object value):
        """Set field ``i`` of an instance from alloc (unset so far)."""
        cdef PyObject **field = <PyObject **> ((<char *> <PyObject *> instance) + self.offsets[i])
        Py_INCREF(value)
        field[0] = <PyObject *> value

    def __call__(self, *values):
        """An instance with these field values (all of them, in order)."""
        cdef Py_ssize_t i
        if len(values) != self.n_fields:
            raise TypeError(f"Expected {self.n_fields} values, instead got: {values!r}.")
        instance = self.alloc()
        for i in range(self.n_fields):
            self.put(instance, i, values[i])
        return instance


def mention_maker(cls):
    """A function ``(start, end, text, place) -> cls(start, end, text, place)`` for gazetteer.place.Mention."""
    cdef SlotMaker maker = SlotMaker(cls, ("start", "end", "text", "place"))

    def make(start, end, text, place):
        instance = maker.alloc()
        maker.put(instance, 0, start)
        maker.put(instance, 1, end)
        maker.put(instance, 2, text)
        maker.put(instance, 3, place)
        return instance

    return make


cdef void *_grow(void *block, size_t size) except NULL:
    cdef void *grown = realloc(block, size)
    if grown == NULL:
        raise MemoryError()
    return grown


# -- the recogniser's loops over every accepted candidate ------------------------------------------------------
# gazetteer/recognize.py chooses these when the word loop is compiled; its Python loops are the reference
# (GAZETTEER_COMPILED=0; tests/test_compiled.py compares the mentions of the two on all the development data).
# A Candidate's fields are read where its class keeps them (SlotMaker's offsets: the class is checked once, and
# each candidate's type); a candidate of another type is read by its attributes.

cdef enum:
    C_START = 0
    C_END = 1
    C_KEY = 2
    C_CLITIC = 3
    C_WORD_START = 4
    C_N_WORDS = 5
    C_PREV = 6
    C_NEXT = 7
    C_IN_HASHTAG = 8
    C_KNOWN = 9
    C_WRITTEN = 10


cdef inline bint is_trailing_mark(Py_UCS4 ch):
    """recognize._TRAILING_MARKS: the marks (U+064B-U+065F, U+0670) and the lone hamza (U+0621)."""
    return 0x064B <= ch <= 0x065F or ch == 0x0670 or ch == 0x0621


#: The characters is_trailing_mark accepts (tests/test_compiled.py checks they are recognize._TRAILING_MARKS).
TRAILING_MARKS = frozenset(chr(c) for c in range(0x10000) if is_trailing_mark(c))


cdef class CandidateFields:
    """Reads the fields of gazetteer.candidates.Candidate objects."""

    cdef SlotMaker maker
    cdef object cls

    def __init__(self, cls):
        self.maker = SlotMaker(cls, CANDIDATE_FIELDS)
        self.cls = cls

    cdef inline object get(self, object cand, Py_ssize_t i):
        cdef PyObject *value
        if type(cand) is self.cls:
            value = (<PyObject **> ((<char *> <PyObject *> cand) + self.maker.offsets[i]))[0]
            if value != NULL:
                return <object> value
        return getattr(cand, CANDIDATE_FIELDS[i])


cdef inline Py_ssize_t _bisect_right(const Py_ssize_t *a, Py_ssize_t n, Py_ssize_t x) noexcept nogil:
    """bisect.bisect_right over the ``n`` sorted values of ``a``."""
    cdef Py_ssize_t lo = 0, hi = n, mid
    while lo < hi:
        mid = (lo + hi) // 2
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def original_spans(CandidateFields fields, str text, list cands, list gaps):
    """recognize._original_spans: the candidates' spans in ``text``, the marks after a name's last letter taken
    in, from where folding deleted characters (``gaps``, in order)."""
    cdef Py_ssize_t n_gaps = len(gaps), n_chars = len(text), i, start, last, end
    cdef Py_ssize_t *at = <Py_ssize_t *> malloc(max(n_gaps, 1) * sizeof(Py_ssize_t))
    cdef list spans = []
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    if at == NULL:
        raise MemoryError()
    try:
        for i in range(n_gaps):
            at[i] = gaps[i]
        for cand in cands:
            start = fields.get(cand, C_START)
            last = <Py_ssize_t> fields.get(cand, C_END) - 1
            end = last + _bisect_right(at, n_gaps, last) + 1
            while end < n_chars and is_trailing_mark(_read(kind, data, end)):
                end += 1
            spans.append((start + _bisect_right(at, n_gaps, start), end))
    finally:
        free(at)
    return spans


def deleted_marks(str text, list gaps, str marks, str shadda):
    """recognize._deleted_marks: where the characters of ``marks`` among those folding deleted (``gaps``, as
    original_spans reads them) stand in ``text``, and whether ``shadda`` (one character) is among them."""
    cdef Py_ssize_t k, p, n_gaps = len(gaps), n_chars = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_UCS4 ch, mark = shadda[0]
    cdef list out = []
    cdef bint has_shadda = False
    for k in range(n_gaps):
        p = <Py_ssize_t> gaps[k] + k
        if not 0 <= p < n_chars:
            raise IndexError(f"Expected gaps within the text, instead got: {gaps[k]!r} at {k}.")
        ch = _read(kind, data, p)
        if ch == mark:
            has_shadda = True
        elif ch in marks:
            out.append(p)
    return out, has_shadda


cdef inline Py_UCS4 _read(int kind, void *data, Py_ssize_t i):
    if kind == 1:
        return (<uint8_t *> data)[i]
    if kind == 2:
        return (<uint16_t *> data)[i]
    return (<uint32_t *> data)[i]


def make_mentions(new, str text, list spans, list rows, list keep, dict places, place_of):
    """recognize's mentions: ``new(a, b, text[a:b], place)`` for each kept span, its place that of its row
    (``places``: the index's made places, row -> Place; ``place_of`` makes the others) or ``None``."""
    cdef Py_ssize_t k, n = len(spans)
    cdef list out = []
    cdef tuple span
    cdef PyObject *found
    for k in range(n):
        if not keep[k]:
            continue
        span = <tuple> spans[k]
        a, b = span[0], span[1]
        row = rows[k]
        if row is None:
            place = None
        else:
            found = PyDict_GetItemWithError(places, row)
            place = <object> found if found != NULL else place_of(row)
        out.append(new(a, b, text[a:b], place))
    return out


def plausible_facts(CandidateFields fields, list cands, list rows, list written, dict memo, static_evidence,
                    has_evidence, dict settled, stands_anywhere, local_types, place_types, place_type,
                    village, of_a_river):
    """The loop of recognize.Recognizer._plausible over every candidate, the same steps in the same order:
    (by_name, evidence, banks, far_types and the names after a place-type word, strays)."""
    cdef list by_name = [], evidence = [], banks = [], typed = []
    cdef bint far_types = False, strays = False, s, e, look_local = bool(local_types)
    cdef bint any_local = "" in local_types if look_local else False
    cdef Py_ssize_t k, n = len(cands)
    cdef PyObject *found
    cdef str nxt
    for k in range(n):
        c = cands[k]
        row = rows[k]
        prev1 = (<tuple> fields.get(c, C_PREV))[1]
        if row is None:
            by_name.append(True)
            evidence.append(True)
            s = True
        else:
            key = fields.get(c, C_KEY)
            memo_key = (key, row)
            found = PyDict_GetItemWithError(memo, memo_key)
            s = (found != NULL and <object> found is True) or static_evidence(c, row) is True
            by_name.append(s)
            e = s or has_evidence(c, row, written[k])
            evidence.append(e)
            if e and not strays:
                found = PyDict_GetItemWithError(settled, memo_key)
                if found != NULL and <object> found is not None:
                    stands = <object> found
                else:
                    stands = stands_anywhere(key, row)
                    settled[memo_key] = stands
                if not stands or (look_local and (any_local or prev1 in place_types)
                                  and place_type(c) in local_types):
                    strays = True
        if <Py_ssize_t> fields.get(c, C_N_WORDS) > 1:
            nxt = fields.get(c, C_NEXT)
            # the word after it is ل (or لل) and a word for water: the side of that water (of_a_river)
            if len(nxt) and nxt[0] == "ل" and of_a_river(nxt):
                banks.append(k)
        if not s or prev1 in village:
            far_types = True
        if prev1 in place_types and not fields.get(c, C_CLITIC) and row is not None:
            typed.append(k)
    return by_name, evidence, banks, far_types and typed, strays


def verdicts(CandidateFields fields, list cands, dict judged, dict names_judged, dict reads_next, context_words,
             two_word_cues, first_names, verdict_of, name_verdict_of, no_word, accept, evidence, head_step,
             two_word_firsts):
    """The loop of recognize.Recognizer._run over the candidates (its reference: ``_verdicts``), the same steps in
    the same order: each candidate's remembered verdict, its memo key made and looked up here as
    ``_verdict_remembered`` and ``_name_verdict_remembered`` make it (``verdict_of`` where a one-word name's
    misses; ``name_verdict_of`` where a longer name's misses). A longer name that came down to a shorter one is
    replaced in ``cands`` by the shorter name's candidate, made by the remembered steps (``head_step``: the step
    that drops the last word, recognize._HEAD; else the first) as recognize._head_of and _inner_of make it.
    ``two_word_firsts``: the first words of ``two_word_cues``; a word before that is none of them makes no two-word
    preposition with the next (the two words joined are not made then: a word has no space). (verdicts, the weak ones, the accepted ones with a cue, the (index, cue) of those
    needing evidence, the names in hashtags)."""
    cdef list out = [], weak_at = [], cued = [], evidence_at = [], tags = []
    cdef Py_ssize_t k, n = len(cands)
    cdef PyObject *found
    cdef tuple prev, verdict
    for k in range(n):
        c = cands[k]
        if <Py_ssize_t> fields.get(c, C_N_WORDS) > 1:
            prev = <tuple> fields.get(c, C_PREV)
            prev0, prev1 = prev[0], prev[1]
            if prev0 not in two_word_firsts or f"{prev0} {prev1}" not in two_word_cues:
                prev0 = no_word
            key = fields.get(c, C_KEY)
            found = PyDict_GetItemWithError(reads_next, key)
            judgement = None
            if found != NULL:
                memo = (key, fields.get(c, C_CLITIC), fields.get(c, C_WRITTEN), fields.get(c, C_N_WORDS),
                        fields.get(c, C_IN_HASHTAG), fields.get(c, C_KNOWN), prev0, prev1,
                        fields.get(c, C_NEXT) if <object> found else no_word)
                found = PyDict_GetItemWithError(names_judged, memo)
                if found != NULL:
                    judgement = <tuple> found
            if judgement is not None:
                path, v, _, _, cue, weak, _ = judgement
                if path:  # the shorter name it came down to
                    for step in path:
                        c = _shorter(fields, c, step is head_step)
                    cands[k] = c
            else:
                c, v, _, _, cue, weak, _ = name_verdict_of(c)  # the shorter name it came down to
                cands[k] = c
        else:
            prev = <tuple> fields.get(c, C_PREV)
            prev0, prev1 = prev[0], prev[1]
            if prev1 not in context_words:
                prev0 = prev1 = no_word
            elif prev0 not in two_word_firsts or f"{prev0} {prev1}" not in two_word_cues:
                prev0 = no_word
            key = fields.get(c, C_KEY)
            following = fields.get(c, C_NEXT) if key in first_names else ""
            memo = (key, fields.get(c, C_CLITIC), fields.get(c, C_WRITTEN), fields.get(c, C_N_WORDS),
                    fields.get(c, C_IN_HASHTAG), fields.get(c, C_KNOWN), prev0, prev1, following)
            found = PyDict_GetItemWithError(judged, memo)
            verdict = <tuple> found if found != NULL else verdict_of(c)
            v, _, _, cue, weak = verdict
        out.append(v)
        if weak:
            weak_at.append(k)
        if v == evidence:
            evidence_at.append((k, cue))
        elif cue and v == accept:
            cued.append(k)
        if fields.get(c, C_IN_HASHTAG):
            tags.append(fields.get(c, C_KEY))
    return out, weak_at, cued, evidence_at, tags


cdef object _shorter(CandidateFields fields, object cand, bint head):
    """recognize._head_of (the candidate without its last word) when ``head``, else recognize._inner_of (without
    its first word): the same fields, ``known`` and ``written`` at their defaults."""
    cdef SlotMaker maker = fields.maker
    cdef Py_ssize_t start = fields.get(cand, C_START), n_words = fields.get(cand, C_N_WORDS), skip
    cdef str key = fields.get(cand, C_KEY)
    shorter = maker.alloc()
    if head:
        rest, _, last = key.rpartition(" ")
        maker.put(shorter, C_START, start)
        maker.put(shorter, C_END, <Py_ssize_t> fields.get(cand, C_END) - len(last) - 1)
        maker.put(shorter, C_KEY, rest)
        maker.put(shorter, C_CLITIC, fields.get(cand, C_CLITIC))
        maker.put(shorter, C_WORD_START, fields.get(cand, C_WORD_START))
        maker.put(shorter, C_PREV, fields.get(cand, C_PREV))
        maker.put(shorter, C_NEXT, last)
    else:
        first, _, rest = key.partition(" ")
        skip = start + len(first) + 1
        maker.put(shorter, C_START, skip)
        maker.put(shorter, C_END, fields.get(cand, C_END))
        maker.put(shorter, C_KEY, rest)
        maker.put(shorter, C_CLITIC, "")
        maker.put(shorter, C_WORD_START, skip)
        maker.put(shorter, C_PREV, ((<tuple> fields.get(cand, C_PREV))[1], first))
        maker.put(shorter, C_NEXT, fields.get(cand, C_NEXT))
    maker.put(shorter, C_N_WORDS, n_words - 1)
    maker.put(shorter, C_IN_HASHTAG, fields.get(cand, C_IN_HASHTAG))
    maker.put(shorter, C_KNOWN, True)
    maker.put(shorter, C_WRITTEN, "")
    return shorter


def readings_of(CandidateFields fields, list cands, dict known, reading_of, dict votes, dict own):
    """recognize.Recognizer._readings_of, the same steps in the same order."""
    cdef list readings = [], out = [], pending = []
    cdef PyObject *found
    for c in cands:
        key = fields.get(c, C_KEY)
        found = PyDict_GetItemWithError(known, key)
        if found != NULL:
            reading = <object> found
        else:
            reading = reading_of(key)
            known[key] = reading
        readings.append(reading)
        readable, code = reading[0], reading[1]
        if code:
            found = PyDict_GetItemWithError(votes, code)
            votes[code] = (<object> found if found != NULL else 0) + 1
            found = PyDict_GetItemWithError(own, key)
            own[key] = (<object> found if found != NULL else 0) + 1
        if len(readable) > 1:
            pending.append(len(out))
            out.append(None)
        else:
            out.append(readable[0] if readable else None)
    return readings, out, pending


def accepted(CandidateFields fields, accept, evidence, reject, list cands, list verdicts, list weak_at, list cued,
             list evidence_at):
    """recognize.Recognizer._accepted, the same steps in the same order (``accept``, ``evidence``, ``reject``:
    the verdicts)."""
    cdef Py_ssize_t k, last = len(cands) - 1, n = len(cands)
    cdef set confirmed
    cdef list promoted_cued, out
    for k in weak_at:
        if k < last and verdicts[k] != reject:
            following = cands[k + 1]
            if (<Py_ssize_t> fields.get(following, C_WORD_START) == <Py_ssize_t> fields.get(cands[k], C_END) + 1
                    and verdicts[k + 1] == accept and not fields.get(following, C_CLITIC)):
                verdicts[k] = reject
    confirmed = {fields.get(cands[k], C_KEY) for k in cued if verdicts[k] == accept}
    if evidence_at:
        promoted_cued = []
        for k, cue in evidence_at:
            if verdicts[k] == evidence and fields.get(cands[k], C_KEY) in confirmed:
                verdicts[k] = accept
                if cue:
                    promoted_cued.append(fields.get(cands[k], C_KEY))
        confirmed.update(promoted_cued)
    out = []
    for k in range(n):
        if verdicts[k] == accept:
            out.append(cands[k])
    return out, confirmed


def choose_readings(CandidateFields fields, list cands, list pending, list readings, list out, shaddas, dict votes,
                    dict own, Py_ssize_t total, dict hints, adjective_country, sure_points, spelt_of,
                    double adjective_bonus, double context_weight, double near_weight, double near_km):
    """recognize.Recognizer._choose_readings, the same steps in the same order: the row of each name of several
    readings chosen into ``out`` (the scores in C doubles, the same IEEE operations as Python's floats; a name's
    rows are distinct ints, as the index gives them; the nearness as recognize.Recognizer._nearness_at works it out,
    with :func:`km`)."""
    cdef dict chosen = {}, shares_without = {}, facts, shares
    cdef object near = None, cand, key, nxt, hint, shadda, memo, mine_key, code, in_country
    cdef tuple rows, reading, fact
    cdef list points
    cdef Py_ssize_t k, i, n_rows, n_rivals, capacity = 0, mine, rest, best_at, at
    cdef double top, s
    cdef double *scores = NULL
    cdef Py_ssize_t *rivals = NULL
    cdef PyObject *found
    try:
        for k in pending:
            cand = cands[k]
            reading = <tuple> readings[k]
            rows, code, facts = <tuple> reading[0], reading[1], <dict> reading[2]
            shadda = (shaddas[k] or None) if shaddas is not None else None
            if shadda is not None and len(rows) > 1:
                rows = <tuple> spelt_of(rows, shadda)
            n_rows = len(rows)
            if n_rows <= 1:  # no reading or one: nothing to choose, no hint needed
                out[k] = rows[0] if n_rows else None
                continue
            nxt = fields.get(cand, C_NEXT)
            found = PyDict_GetItemWithError(hints, nxt)
            if found != NULL:
                hint = <object> found
            else:
                hint = adjective_country(nxt)
                hints[nxt] = hint
            key = fields.get(cand, C_KEY)
            memo = (key, hint, shadda)
            found = PyDict_GetItemWithError(chosen, memo)
            if found != NULL:
                out[k] = <object> found
                continue
            # the name's own occurrences do not vote for its reading
            found = PyDict_GetItemWithError(own, key)
            mine = <object> found if found != NULL else 0
            mine_key = (mine, code) if mine else 0
            found = PyDict_GetItemWithError(shares_without, mine_key)
            if found != NULL:
                shares = <dict> found
            else:
                rest = total - mine
                shares = {}
                if rest:
                    for c, n in votes.items():
                        shares[c] = (n - (mine if c == code else 0)) / rest
                shares_without[mine_key] = shares
            if n_rows > capacity:
                capacity = max(2 * capacity, n_rows, 16)
                scores = <double *> _grow(scores, capacity * sizeof(double))
                rivals = <Py_ssize_t *> _grow(rivals, capacity * sizeof(Py_ssize_t))
            for i in range(n_rows):
                fact = <tuple> facts[rows[i]]
                s = <double> fact[0]
                in_country = fact[1]
                if hint and in_country == hint:
                    s += adjective_bonus
                found = PyDict_GetItemWithError(shares, in_country)
                if found != NULL:
                    s += context_weight * <double> <object> found
                scores[i] = s
            top = scores[0]
            for i in range(1, n_rows):
                if scores[i] > top:
                    top = scores[i]
            # nearness can only overturn readings within near_weight of the best: the rest need no distance
            n_rivals = 0
            for i in range(n_rows):
                if scores[i] > top - near_weight:
                    rivals[n_rivals] = i
                    n_rivals += 1
            if n_rivals > 1:
                if near is None:
                    near = sure_points(cands, readings)
                points = [(a, b) for name, a, b in near if name != key]
                if points:
                    for i in range(n_rivals):
                        fact = <tuple> facts[rows[rivals[i]]]
                        scores[rivals[i]] += _nearness_at(fact[2], fact[3], points, near_weight, near_km)
            # max(rivals, key=(score, -row)): the first of the highest score, of two equal ones the lower row
            best_at = rivals[0]
            for i in range(1, n_rivals):
                at = rivals[i]
                if scores[at] > scores[best_at] or (scores[at] == scores[best_at]
                                                    and <Py_ssize_t> rows[at] < <Py_ssize_t> rows[best_at]):
                    best_at = at
            chosen[memo] = out[k] = rows[best_at]
    finally:
        free(scores)
        free(rivals)


cdef double DEG_TO_RAD = 3.14159265358979323846 / 180.0  # math.radians' factor (CPython's Py_MATH_PI / 180.0)


cdef inline double _squared(double x) noexcept nogil:
    """Python's ``x ** 2`` for a float (float_pow: libm's pow of the absolute value, for an even power)."""
    return pow(fabs(x), 2.0)


cpdef double km(double lat1, double lon1, double lat2, double lon2) noexcept:
    """recognize._km, the same operations in the same order (libm's, as Python's math module calls them)."""
    cdef double p1 = lat1 * DEG_TO_RAD, p2 = lat2 * DEG_TO_RAD, a
    a = _squared(sin((p2 - p1) / 2)) + cos(p1) * cos(p2) * _squared(sin((lon2 - lon1) * DEG_TO_RAD / 2))
    return 6371.0088 * 2 * asin(sqrt(a if a < 1.0 else 1.0))  # min(1.0, a)


cdef double _nearness_at(double lat, double lon, list points, double near_weight, double near_km) except? -1:
    """recognize.Recognizer._nearness_at: near_weight x (1 - the distance to the nearest of ``points`` / near_km),
    0 beyond near_km (worked out each time, where the reference keeps a memo of the distances)."""
    cdef double reach = near_km / 111.0, nearest = near_km, d, a, b
    if not points:
        return 0.0
    for point in points:
        a, b = (<tuple> point)[0], (<tuple> point)[1]
        if fabs(a - lat) <= reach:
            d = km(lat, lon, a, b)
            if d < nearest:
                nearest = d
    d = 1.0 - nearest / near_km
    return near_weight * (d if d > 0.0 else 0.0)  # max(0.0, d)
