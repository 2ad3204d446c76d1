# cython: language_level=3, boundscheck=False, wraparound=False
"""The token split of :func:`geonews.extraction.tokens.tokenize`, compiled (Cython).

What ``tokens._SPLIT.split`` and the offsets summed from its pieces give — each token's text and its start
and end — in one walk over the characters, with no string made for the text between tokens. The regex stays
the reference (``GEONEWS_COMPILED=0`` chooses it; ``tests/test_tokens_compiled.py`` compares the two on all
the development data and on generated text). A token is, tried in this order at each character:

- a number with decimals: decimal digits, then one or more groups of ``.`` ``,`` or ``٫`` and digits;
- a word: a run of letters, digits and marks (``_MARKS``: tashkeel, superscript alef, tatweel);
- one of the one-character tokens (percent signs, quotes, commas, colons).

Also here: :class:`WordTable`, the table of the words a tokeniser has seen (each word's string, normal form and
flags, found from the text's characters), and :func:`sentence_marks`, the scan of
:func:`~geonews.extraction.components.sentences.split_sentences` for the characters that may end a sentence
(its regex ``_TOKENS`` the reference; ``tests/test_sentences_compiled.py``).
"""

from cpython.dict cimport PyDict_GetItem
from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF, Py_XDECREF
from libc.stdint cimport uint64_t
from libc.stdlib cimport calloc, free
from cpython.tuple cimport PyTuple_SET_ITEM
from cpython.type cimport PyType_GenericAlloc
from cpython.unicode cimport (PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ, Py_UNICODE_ISALNUM,
                              Py_UNICODE_ISDECIMAL)


cdef inline bint _mark(Py_UCS4 ch):
    return (0x064B <= ch <= 0x065F) or ch == 0x0670 or ch == 0x0640


cdef unsigned char IN_WORD[0x10000]  # whether a BMP code point is a word character (a mark or Py_UNICODE_ISALNUM)


cdef void _make_table():
    cdef Py_ssize_t c
    for c in range(0x10000):
        IN_WORD[c] = _mark(<Py_UCS4> c) or Py_UNICODE_ISALNUM(<Py_UCS4> c)


_make_table()


cdef inline bint _in_word(Py_UCS4 ch):
    return IN_WORD[ch] if ch < 0x10000 else Py_UNICODE_ISALNUM(ch)


cdef inline bint _decimal_separator(Py_UCS4 ch):
    return ch == 0x2E or ch == 0x2C or ch == 0x066B  # . , ٫


cdef inline bint _single(Py_UCS4 ch):
    # % ٪ « » " “ ” ، , : ؛
    return (ch == 0x25 or ch == 0x066A or ch == 0xAB or ch == 0xBB or ch == 0x22 or ch == 0x201C or ch == 0x201D
            or ch == 0x060C or ch == 0x2C or ch == 0x3A or ch == 0x061B)


cdef inline Py_ssize_t _token_end(unsigned int kind, void *data, Py_ssize_t n, Py_ssize_t i):
    """The end of the token that starts at ``i``, or ``-1`` when none starts there."""
    cdef Py_UCS4 ch = PyUnicode_READ(kind, data, i)
    cdef Py_ssize_t groups
    if Py_UNICODE_ISDECIMAL(ch):
        # a number with decimals, when one group of a separator and digits follows the digits
        i += 1
        while i < n and Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i)):
            i += 1
        groups = 0
        while (i + 1 < n and _decimal_separator(PyUnicode_READ(kind, data, i))
               and Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i + 1))):
            i += 2
            while i < n and Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i)):
                i += 1
            groups += 1
        if groups == 0:  # a word that starts with digits
            while i < n and _in_word(PyUnicode_READ(kind, data, i)):
                i += 1
        return i
    if _in_word(ch):
        i += 1
        while i < n and _in_word(PyUnicode_READ(kind, data, i)):
            i += 1
        return i
    if _single(ch):
        return i + 1
    return -1


cdef struct Slot:       # a word seen: its hash and length, the word as a string, its normal form and flags
    uint64_t hash
    Py_ssize_t length     # 0: empty
    PyObject *word
    PyObject *norm
    PyObject *bits


cdef class WordTable:
    """The words a tokeniser has seen, hashed in C from the text's characters: each word's string, normal
    form and flags, so that a word seen before is neither sliced from the text nor hashed by Python again
    (:func:`tokens_of` with ``table``). Its letters are compared, so it never mistakes one word for another;
    it holds at most ``most`` words and is emptied when full (it is only a cache, so memory stays flat)."""

    cdef Slot *slots
    cdef Py_ssize_t mask, count
    cdef readonly Py_ssize_t most

    def __cinit__(self, Py_ssize_t size=1 << 17):
        if size < 4 or size & (size - 1):
            raise ValueError(f"Expected a power of two of at least 4 slots, instead got: {size!r}.")
        self.slots = <Slot *> calloc(size, sizeof(Slot))
        if self.slots == NULL:
            raise MemoryError()
        self.mask = size - 1
        self.most = size // 4 * 3
        self.count = 0

    def __dealloc__(self):
        if self.slots != NULL:
            self._empty()
            free(self.slots)

    cdef void _empty(self):
        cdef Py_ssize_t k
        cdef Slot *slot
        for k in range(self.mask + 1):
            slot = &self.slots[k]
            if slot.length:
                Py_XDECREF(slot.word)
                Py_XDECREF(slot.norm)
                Py_XDECREF(slot.bits)
                slot.word = slot.norm = slot.bits = NULL
                slot.length = 0
        self.count = 0

    def clear(self):
        """Forget every word."""
        self._empty()

    def __len__(self):
        return self.count


cdef inline uint64_t _hash(unsigned int kind, void *data, Py_ssize_t i, Py_ssize_t e) noexcept:
    cdef uint64_t h = 14695981039346656037ULL  # FNV-1a over the code points
    while i < e:
        h = (h ^ <uint64_t> PyUnicode_READ(kind, data, i)) * 1099511628211ULL
        i += 1
    return h


cdef inline bint _same_word(unsigned int kind, void *data, Py_ssize_t i, Py_ssize_t length, PyObject *word) noexcept:
    cdef unsigned int wkind = PyUnicode_KIND(<object> word)
    cdef void *wdata = PyUnicode_DATA(<object> word)
    cdef Py_ssize_t k
    for k in range(length):
        if PyUnicode_READ(kind, data, i + k) != PyUnicode_READ(wkind, wdata, k):
            return False
    return True


def split_tokens(str text, Py_ssize_t offset=0):
    """(texts, starts, ends) of the tokens of ``text``, the offsets plus ``offset``; ``starts`` ends with the
    end of the text, as the regex split's summed offsets do."""
    cdef Py_ssize_t n = len(text), i = 0, e
    cdef unsigned int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef list words = [], starts = [], ends = []
    while i < n:
        e = _token_end(kind, data, n, i)
        if e < 0:
            i += 1
            continue
        words.append(text[i:e])
        starts.append(i + offset)
        ends.append(e + offset)
        i = e
    starts.append(n + offset)
    return words, starts, ends


def tokens_of(str text, Py_ssize_t offset, memo, norm_of, token, pairs=None, pair_of=None, WordTable table=None):
    """:func:`split_tokens`, and each token's normal form (``memo.get``, else ``norm_of``: the memo's
    ``__getitem__``; a dict, or a dict's subclass) and the tokens themselves (``token``: a named tuple of start, end, text, normal form, made
    as ``tuple.__new__`` makes it): (tokens, texts' normal forms, starts, ends, flags, active, active flags).
    With ``pairs`` (word as written -> (normal form, the matchers' bits), a dict; ``pair_of`` its
    ``__getitem__``), the normal form and the flags of each token from one look-up, and the indices and
    flags of those with any bit set (``None`` three times without). With ``table`` as well (a
    :class:`WordTable` kept with ``pairs``), a word seen before is found there from the text's characters:
    its string, normal form and flags as made the first time (the same values)."""
    cdef Py_ssize_t n = len(text), i = 0, e, index = 0
    cdef unsigned int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef list tokens = [], norms = [], starts = [], ends = []
    cdef list flags = None, active = None, active_flags = None
    cdef object word, norm, start, end, made, bits
    cdef tuple pair
    cdef PyObject *known
    cdef bint flagged = pairs is not None
    cdef bint tabled = flagged and table is not None
    cdef uint64_t h
    cdef Py_ssize_t at, length
    cdef Slot *slot
    if not isinstance(memo, dict):
        raise TypeError(f"Expected the normal forms' memo as a dict, instead got: {memo!r}.")
    if flagged:
        if not isinstance(pairs, dict):
            raise TypeError(f"Expected the flags' memo as a dict, instead got: {pairs!r}.")
        flags, active, active_flags = [], [], []
    if not (isinstance(token, type) and issubclass(token, tuple) and token.__itemsize__ == tuple.__itemsize__
            and token.__basicsize__ == tuple.__basicsize__):
        raise TypeError(f"Expected a named tuple type for the tokens, instead got: {token!r}.")
    while i < n:
        e = _token_end(kind, data, n, i)
        if e < 0:
            i += 1
            continue
        if tabled:
            length = e - i
            h = _hash(kind, data, i, e)
            at = <Py_ssize_t> (h & <uint64_t> table.mask)
            while True:
                slot = &table.slots[at]
                if slot.length == 0 or (slot.hash == h and slot.length == length
                                        and _same_word(kind, data, i, length, slot.word)):
                    break
                at = (at + 1) & table.mask
            if slot.length:
                word = <object> slot.word
                norm = <object> slot.norm
                bits = <object> slot.bits
            else:
                word = text[i:e]
                known = PyDict_GetItem(pairs, word)
                pair = pair_of(word) if known == NULL else <tuple> known
                norm = pair[0]
                bits = pair[1]
                if table.count >= table.most:  # full: emptied, then this word kept first
                    table._empty()
                    at = <Py_ssize_t> (h & <uint64_t> table.mask)
                    slot = &table.slots[at]
                Py_INCREF(word)
                Py_INCREF(norm)
                Py_INCREF(bits)
                slot.word = <PyObject *> word
                slot.norm = <PyObject *> norm
                slot.bits = <PyObject *> bits
                slot.hash = h
                slot.length = length
                table.count += 1
            flags.append(bits)
            if bits:
                active.append(index)
                active_flags.append(bits)
        elif flagged:
            word = text[i:e]
            known = PyDict_GetItem(pairs, word)
            pair = pair_of(word) if known == NULL else <tuple> known
            norm = pair[0]
            bits = pair[1]
            flags.append(bits)
            if bits:
                active.append(index)
                active_flags.append(bits)
        else:
            word = text[i:e]
            known = PyDict_GetItem(memo, word)
            norm = norm_of(word) if known == NULL else <object> known
        start = i + offset
        end = e + offset
        made = PyType_GenericAlloc(token, 4)  # what tuple.__new__(token, ...) makes: the items set right after
        Py_INCREF(start)
        PyTuple_SET_ITEM(made, 0, start)
        Py_INCREF(end)
        PyTuple_SET_ITEM(made, 1, end)
        Py_INCREF(word)
        PyTuple_SET_ITEM(made, 2, word)
        Py_INCREF(norm)
        PyTuple_SET_ITEM(made, 3, norm)
        tokens.append(made)
        norms.append(norm)
        starts.append(start)
        ends.append(end)
        index += 1
        i = e
    starts.append(n + offset)
    return tokens, norms, starts, ends, flags, active, active_flags


cdef inline bint _sentence_end(Py_UCS4 ch) noexcept:
    # . ! ? ؟ ؛ … ۔  (sentences._ENDS)
    return (ch == 0x2E or ch == 0x21 or ch == 0x3F or ch == 0x061F or ch == 0x061B or ch == 0x2026
            or ch == 0x06D4)


cdef inline bint _sentence_other(Py_UCS4 ch) noexcept:
    # line breaks and quotation marks: \n \r « » “ ” "  (sentences._OTHERS)
    return ch == 0x0A or ch == 0x0D or ch == 0xAB or ch == 0xBB or ch == 0x201C or ch == 0x201D or ch == 0x22


def sentence_marks(str text):
    """The characters :func:`geonews.extraction.components.sentences.split_sentences` looks at, in order, as
    (start, end) spans: each run of sentence ends with the closing brackets right after it, each line break and
    each quotation mark — what group 1 of each match of ``sentences._TOKENS`` spans, before the empty one at
    the end of the text (the reference; ``GEONEWS_COMPILED=0`` chooses it)."""
    cdef Py_ssize_t n = len(text), i = 0, begin
    cdef unsigned int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_UCS4 ch
    cdef list out = []
    while i < n:
        ch = PyUnicode_READ(kind, data, i)
        if _sentence_end(ch):
            begin = i
            i += 1
            while i < n and _sentence_end(PyUnicode_READ(kind, data, i)):
                i += 1
            while i < n and (PyUnicode_READ(kind, data, i) == 0x29 or PyUnicode_READ(kind, data, i) == 0x5D):
                i += 1  # ) ]
            out.append((begin, i))
        elif _sentence_other(ch):
            out.append((i, i + 1))
            i += 1
        else:
            i += 1
    return out
