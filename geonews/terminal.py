"""Text shown on a terminal: file names and article text in messages cannot move the cursor or recolour it.

A file name may hold a newline or an ESC sequence, and article text reaches messages too (an extraction
failure quotes it). Every line geonews prints to standard error goes through :func:`printable`, which
writes each character a terminal would act on as a Python escape (``\\n``, ``\\x1b``, ``\\u202e``).
"""

from __future__ import annotations

__all__ = ["printable"]


def printable(text: str) -> str:
    """``text`` with every character that is not printable (``str.isprintable``: controls, format
    characters such as bidi overrides, line separators, unpaired surrogates) written as its escape.

    >>> printable("news\\x1b[31m.jsonl")
    'news\\\\x1b[31m.jsonl'
    >>> printable("حلب")
    'حلب'
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
