"""Everything the page runs on, inlined: Leaflet from the ``xstatic-leaflet`` package, supercluster
(vendored from npm by ``make vendor`` into ``geonews/maps/static/vendor``, ISC licence), and geonews' own
JavaScript and CSS from ``geonews/maps/static``.

The page makes no request: Leaflet's CSS images become ``data:`` URIs, source-map comments are
dropped, and every script and style sheet is written into the page itself.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from branca.element import Element

__all__ = ["InlineAssets", "page_css", "page_js"]

#: geonews' own scripts, in load order (``core.js`` defines the namespace the others use).
OWN_JS = ("core.js", "basemap.js", "claims.js", "story.js", "panel.js")
#: Third-party scripts vendored from npm (``make vendor``), in ``static/vendor``.
VENDOR_JS = ("supercluster.min.js",)
OWN_CSS = ("geonews.css",)

_SOURCE_MAP = re.compile(r"^\s*/[/*][#@]\s*sourceMappingURL=.*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\(\s*['\"]?(images/[A-Za-z0-9_.-]+\.png)['\"]?\s*\)")
_MIME = {".png": "image/png"}


def _xstatic_dir(module: str) -> Path:
    import importlib

    try:
        package = importlib.import_module(f"xstatic.pkg.{module}")
    except ImportError as exc:
        name = "xstatic-" + module.replace("_", "-")
        raise ImportError(f"geonews maps need the PyPI package {name!r}: pip install {name}") from exc
    return Path(package.BASE_DIR)


def _read(path: Path) -> str:
    return _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))


def _inline_images(css: str, base: Path) -> str:
    """Replace ``url(images/x.png)`` with a ``data:`` URI of that file."""

    def data_uri(match: re.Match) -> str:
        path = base / match.group(1)
        encoded = base64.b64encode(path.read_bytes()).decode("ascii")
        return f'url("data:{_MIME[path.suffix]};base64,{encoded}")'

    return _CSS_URL.sub(data_uri, css)


def _own(name: str) -> str:
    path = resources.files("geonews.maps").joinpath("static", *name.split("/"))
    return path.read_text(encoding="utf-8")


def _script_safe(code: str, what: str) -> str:
    """``code`` checked to be safe inside ``<script>``: no closing tag or comment opener."""
    lowered = code.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise ValueError(f"{what} cannot be inlined: it holds '</script' or '<!--'")
    return code


@lru_cache(maxsize=1)
def page_js() -> str:
    """Leaflet, supercluster and geonews' scripts, in order, as one text."""
    leaflet = _xstatic_dir("leaflet")
    parts = [("leaflet.js", _read(leaflet / "leaflet.js"))]
    parts += [(name, _SOURCE_MAP.sub("", _own("vendor/" + name))) for name in VENDOR_JS]
    parts += [(name, _own(name)) for name in OWN_JS]
    return "\n".join(f"/* {name} */\n{_script_safe(code, name)}" for name, code in parts)


@lru_cache(maxsize=1)
def page_css() -> str:
    """Leaflet's and geonews' style sheets as one text, images inlined."""
    leaflet = _xstatic_dir("leaflet")
    parts = [("leaflet.css", _inline_images(_read(leaflet / "leaflet.css"), leaflet))]
    parts += [(name, _own(name)) for name in OWN_CSS]
    for name, css in parts:
        if "</style" in css.lower():
            raise ValueError(f"{name} cannot be inlined: it holds '</style'")
    return "\n".join(f"/* {name} */\n{css}" for name, css in parts)


class InlineAssets(Element):
    """The page's ``<title>``, style sheets and scripts, for the figure's header.

    Parameters
    ----------
    title : str
        The page title (escaped here).
    """

    def __init__(self, title: str):
        super().__init__()
        self._name = "GeonewsAssets"
        self.title = title

    def render(self, **kwargs) -> str:
        """The header HTML."""
        from geonews.maps.safe import escape

        return (
            '<meta name="color-scheme" content="light">\n'
            f"<title>{escape(self.title)}</title>\n"
            f"<style>\n{page_css()}\n</style>\n"
            f"<script>\n{page_js()}\n</script>\n"
        )
