"""The shape of geonews output: claim types, relations, and the columns of the statements frame.

``geonews extract`` writes one JSON object per statement (``STATEMENT_KEYS``, places nested); the
tabular outputs (GeoJSON, GeoPackage, GeoParquet, CSV) and the map read a frame with one row per
(statement, place) and the columns below, in EPSG:4326.
"""

from __future__ import annotations

__all__ = ["CLAIM_TYPES", "FRAME_COLUMNS", "MODALITIES", "PARTS", "PLACE_KEYS", "RELATIONS", "ROLES", "STATEMENT_KEYS"]

#: ACLED-like claim types, most specific first.
CLAIM_TYPES = ("control", "advance", "attack", "diplomacy", "mention")
#: How a statement's place relates to the named place.
RELATIONS = ("in", "center", "countryside", "north", "south", "east", "west", "northeast", "northwest", "southeast",
             "southwest", "near")
#: What the article says of a statement: that it happened (or is in force), or something else.
MODALITIES = ("asserted", "negated", "denied", "threat", "planned", "conditional")
#: What a place is in its statement: where the event happened, a name standing for an actor (أعلنت أنقرة),
#: where someone is based or comes from, or a name only referred to (datelines included).
ROLES = ("event", "party", "origin", "mention")
#: Which part of the article a statement's sentence is in, the field its ``start`` and ``end`` index: the
#: text, or the headline (``title``; a text file's first line, a JSON Lines record's ``title``).
PARTS = ("text", "title")
#: Keys of a statement in JSON Lines output (the public contract), in order.
STATEMENT_KEYS = ("article", "text", "start", "end", "part", "speaker", "claim_type", "modality", "actor", "actor_side",
                  "target", "places", "quantities", "date", "title", "source", "url")
#: Keys of each object in a statement's ``places`` (the contract: Mention + Place fields + relation).
PLACE_KEYS = ("text", "start", "end", "id", "name", "name_ar", "latitude", "longitude", "country_code",
              "feature", "relation", "geo_precision", "role")

#: Columns of the frame: one row per (statement, place); a statement without places has one row
#: with empty place columns. ``place_*`` hold the mention (article offsets); ``id`` .. ``feature``
#: the resolved place (empty when unresolved, with the reason in ``unresolved``); ``quantities``
#: is a JSON string; ``geometry`` is the point or the area the relation describes.
FRAME_COLUMNS = (
    # the article
    "article", "title", "date", "source", "url",
    # the statement
    "statement", "text", "start", "end", "part", "speaker", "claim_type", "modality", "actor", "actor_side",
    "target", "quantities",
    # the place
    "place_text", "place_start", "place_end", "id", "name", "name_ar", "latitude", "longitude",
    "country_code", "feature", "relation", "geo_precision", "role", "unresolved",
    "geometry",
)
