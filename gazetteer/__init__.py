"""An offline, Arabic-aware gazetteer and geocoder.

>>> from gazetteer import Gazetteer, normalize
>>> normalize("إدلبُ")
'ادلب'
"""

from .errors import GazetteerError, IndexMissingError, QueryError
from .gazetteer import Gazetteer
from .normalize import normalize
from .place import Mention, Place

__all__ = ["ArabicGeocoder", "Gazetteer", "GazetteerError", "IndexMissingError", "Mention", "Place",
           "QueryError", "normalize"]
__version__ = "0.1.0"


def __getattr__(name):  # geopy is imported only when the geocoder is asked for
    if name == "ArabicGeocoder":
        from .geocoder import ArabicGeocoder

        return ArabicGeocoder
    raise AttributeError(f"module 'gazetteer' has no attribute {name!r}")
