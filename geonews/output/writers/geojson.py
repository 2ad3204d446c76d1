"""GeoJSON: one RFC 7946 FeatureCollection, the features of every frame in order, unresolved rows with a
``null`` geometry."""

from __future__ import annotations

from .base import TableWriter

__all__ = ["GeoJsonWriter"]

_HEAD, _TAIL = '{"type": "FeatureCollection", "features": [', "]}"


class GeoJsonWriter(TableWriter):
    """Frames to one FeatureCollection, written as they come: geopandas serialises each frame's features
    and they are joined between one head and one tail (the bytes of one frame of them all)."""

    format, suffix = "geojson", ".geojson"

    def __init__(self, path, fmt=None) -> None:
        super().__init__(path, fmt)
        self._features = False  # a feature is written (the next ones follow a comma)

    def _append_frame(self, frame) -> None:
        from geonews.output.frame import CRS

        if self._file is None:
            self._file = open(self._tmp, "w", encoding="utf-8", newline="\n")
            self._file.write(_HEAD)
        frame = frame.to_crs(CRS) if frame.crs is not None else frame.set_crs(CRS)
        text = frame.to_json(na="null", drop_id=True, ensure_ascii=False)
        if not (text.startswith(_HEAD) and text.endswith(_TAIL)):  # pragma: no cover - geopandas
            raise RuntimeError("unexpected GeoJSON from geopandas: cannot append its features")
        features = text[len(_HEAD):len(text) - len(_TAIL)]
        if features:
            self._file.write((", " if self._features else "") + features)
            self._features = True

    def _finish(self) -> None:
        self._file.write(_TAIL)
        self._close()
