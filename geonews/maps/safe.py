"""Escaping untrusted text for the page: HTML text and attributes, JSON blobs, links.

Article text reaches the page in two ways only: as escaped HTML built here (panels, legend) and as
JSON inside ``<script type="application/json">`` blobs that the page's JavaScript reads with
``JSON.parse`` and writes into the DOM as text nodes, never as markup.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlsplit

__all__ = ["escape", "json_for_html", "json_script", "safe_url"]

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_SPECIAL = re.compile("[<>&\u2028\u2029]")
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_BAD_URL_CHARS = re.compile(r"[\x00-\x20\x7f<>\"'`\\]")


def escape(value) -> str:
    """HTML-escape ``value`` (quotes too, so it is safe in attributes); ``None`` becomes ``""``."""
    return "" if value is None else html.escape(str(value), quote=True)


def json_for_html(obj) -> str:
    """``obj`` as JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` (and the JavaScript line separators) are written as ``\\uXXXX`` escapes,
    so no ``</script>`` or ``<!--`` can appear, whatever the strings hold.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_SPECIAL.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def json_script(obj, element_id: str) -> str:
    """A ``<script type="application/json">`` element holding ``obj``."""
    if not _ID.fullmatch(element_id):
        raise ValueError(f"Expected a plain element id, instead got: {element_id!r}.")
    return f'<script type="application/json" id="{element_id}">{json_for_html(obj)}</script>'


def safe_url(url) -> str | None:
    """``url`` when it is an absolute ``http``/``https`` link with a host, else ``None``."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or _BAD_URL_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url
