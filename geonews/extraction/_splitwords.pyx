# cython: language_level=3, boundscheck=False, wraparound=False
"""The token split of :func:`geonews.extraction.tokens.tokenize`, compiled (Cython).

What ``tokens._SPLIT.split`` and the offsets summed from its pieces give — each token's text and its start
and end — in one walk over the characters, with no string made for the text between tokens. The regex stays
the reference (``GEONEWS_COMPILED=0`` chooses it; ``tests/test_tokens_compiled.py`` compares the two on all
the development data and on generated text). A token is, tried in this order at each character:

- a number with decimals: decimal digits, then one or more groups of ``.`` ``,`` or ``٫`` and digits;
- a word: a run of letters, digits and marks (``_MARKS``: tashkeel, superscript alef, tatweel);
- one of the one-character tokens (percent signs, quotes, commas, colons).
"""

from cpython.unicode cimport (PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ, Py_UNICODE_ISALNUM,
                              Py_UNICODE_ISDECIMAL)


cdef inline bint _mark(Py_UCS4 ch):
    return (0x064B <= ch <= 0x065F) or ch == 0x0670 or ch == 0x0640


cdef inline bint _in_word(Py_UCS4 ch):
    return _mark(ch) or Py_UNICODE_ISALNUM(ch)


cdef inline bint _decimal_separator(Py_UCS4 ch):
    return ch == 0x2E or ch == 0x2C or ch == 0x066B  # . , ٫


cdef inline bint _single(Py_UCS4 ch):
    # % ٪ « » " “ ” ، , : ؛
    return (ch == 0x25 or ch == 0x066A or ch == 0xAB or ch == 0xBB or ch == 0x22 or ch == 0x201C or ch == 0x201D
            or ch == 0x060C or ch == 0x2C or ch == 0x3A or ch == 0x061B)


def split_tokens(str text, Py_ssize_t offset=0):
    """(texts, starts, ends) of the tokens of ``text``, the offsets plus ``offset``; ``starts`` ends with the
    end of the text, as the regex split's summed offsets do."""
    cdef Py_ssize_t n = len(text), i = 0, s, j, groups
    cdef unsigned int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_UCS4 ch
    cdef list words = [], starts = [], ends = []
    while i < n:
        ch = PyUnicode_READ(kind, data, i)
        s = i
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
        elif _in_word(ch):
            i += 1
            while i < n and _in_word(PyUnicode_READ(kind, data, i)):
                i += 1
        elif _single(ch):
            i += 1
        else:
            i += 1
            continue
        words.append(text[s:i])
        starts.append(s + offset)
        ends.append(i + offset)
    starts.append(n + offset)
    return words, starts, ends
