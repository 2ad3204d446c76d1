"""Arabic news on a map: read articles, find the places and claims they report."""

__version__ = "0.1.0"
