"""How claims look: an icon and labels per claim type, a colour and labels per actor side.

The labels and colours live in ``geonews/data/claim_styles.csv`` and ``geonews/data/side_styles.csv``
(read through :func:`gazetteer.tables.load_table`);
a side missing from the table gets a stable colour from a fallback palette and its own name as label.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from gazetteer.tables import load_table

__all__ = [
    "CLAIM_PLACE_TYPES",
    "ClaimStyle",
    "MODALITY_LABELS",
    "PRECISION_LABELS",
    "RELATION_LABELS",
    "ROLE_LABELS",
    "SideStyle",
    "claim_style",
    "claim_styles",
    "is_color",
    "side_style",
    "side_styles",
]

_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
#: Colours for sides that the table does not name, picked by a hash of the side's name.
_PALETTE = ("#8d6e63", "#d81b60", "#7cb342", "#5e35b1", "#00acc1", "#fb8c00", "#6d4c41", "#3949ab")

#: Relation of a statement's place to the named place: (Arabic, English).
RELATION_LABELS = {
    "in": ("في", "in"),
    "center": ("وسط", "centre"),
    "countryside": ("ريف", "countryside"),
    "north": ("شمال", "north of"),
    "south": ("جنوب", "south of"),
    "east": ("شرق", "east of"),
    "west": ("غرب", "west of"),
    "northeast": ("شمال شرق", "northeast of"),
    "northwest": ("شمال غرب", "northwest of"),
    "southeast": ("جنوب شرق", "southeast of"),
    "southwest": ("جنوب غرب", "southwest of"),
    "near": ("قرب", "near"),
}
#: Claim types whose ``event`` places of ``asserted`` statements are where a claim happened (the contract).
CLAIM_PLACE_TYPES = frozenset({"control", "advance", "attack", "diplomacy"})
#: Statement modality (the contract's values, in the order the map lists them): (Arabic, English).
MODALITY_LABELS = {
    "asserted": ("وقع أو قائم (حسب الخبر)", "asserted"),
    "negated": ("لم يقع (نفي)", "negated"),
    "denied": ("نُفي وقوعه", "denied"),
    "threat": ("تهديد", "threat"),
    "planned": ("مخطَّط له", "planned"),
    "conditional": ("مشروط", "conditional"),
}
#: A place's role in its statement (the contract's values): (Arabic, English).
ROLE_LABELS = {
    "event": ("مكان الحدث", "where it happened"),
    "party": ("اسم لطرف (أنقرة = الحكومة التركية)", "stands for a party"),
    "origin": ("مقرّ أو منشأ", "where someone is based"),
    "mention": ("مذكور فقط", "only mentioned"),
}
#: ACLED-style geo_precision: (Arabic, English).
PRECISION_LABELS = {
    1: ("المكان نفسه", "the place itself"),
    2: ("جزء منه أو قربه", "part of it or near it"),
    3: ("منطقة أوسع", "a larger region"),
}


@dataclass(frozen=True, slots=True)
class ClaimStyle:
    """Look of one claim type: labels and the SVG path of its icon (24×24 view box)."""

    claim_type: str
    label_ar: str
    label_en: str
    description_ar: str
    icon_path: str


@dataclass(frozen=True, slots=True)
class SideStyle:
    """Look of one actor side: labels and a ``#rrggbb`` colour."""

    side: str
    label_ar: str
    label_en: str
    color: str


def is_color(value) -> bool:
    """Whether ``value`` is a CSS hex colour (``#rgb`` or ``#rrggbb``), safe to put in a style."""
    return isinstance(value, str) and _COLOR.fullmatch(value) is not None


def _read(name: str, style: type) -> list:
    """The rows of a style table as ``style`` values (the table's ``source`` column left out)."""
    fields = style.__dataclass_fields__
    return [style(**{k: v for k, v in row.items() if k in fields}) for row in load_table("geonews.data", name)]


@lru_cache(maxsize=1)
def claim_styles() -> dict[str, ClaimStyle]:
    """Every claim type's style, in the table's order."""
    return {style.claim_type: style for style in _read("claim_styles.csv", ClaimStyle)}


@lru_cache(maxsize=1)
def side_styles() -> dict[str, SideStyle]:
    """Every known side's style, in the table's order."""
    styles = {}
    for style in _read("side_styles.csv", SideStyle):
        if not is_color(style.color):
            raise ValueError(f"side_styles.csv: bad colour for {style.side!r}: {style.color!r}")
        styles[style.side] = style
    return styles


def claim_style(claim_type: str | None) -> ClaimStyle:
    """Style of ``claim_type``; an unknown or missing type is drawn as a ``mention``."""
    styles = claim_styles()
    return styles.get(claim_type or "mention") or styles["mention"]


def side_style(side: str | None) -> SideStyle:
    """Style of ``side`` (``None`` is ``"unknown"``): ``side_styles.csv``, else "another side" in Arabic, its
    own name in English and a colour of the palette chosen by the side's name (the same colour in every map)."""
    side = side or "unknown"
    known = side_styles().get(side)
    if known is None:
        digest = hashlib.sha1(side.encode("utf-8")).digest()
        known = SideStyle(side, "طرف آخر", side, _PALETTE[digest[0] % len(_PALETTE)])
    return known
