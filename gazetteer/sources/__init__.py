"""Readers for the registry packages the index is built from; used only by ``gazetteer.build``.

Each module yields :class:`~gazetteer.sources.record.Record` objects (or extra names for them).
"""
