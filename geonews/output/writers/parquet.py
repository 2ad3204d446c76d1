"""GeoParquet: one file, a row group a batch, its "geo" metadata (geometry types, extent) those of every frame."""

from __future__ import annotations

import json

from .base import BATCH_ROWS, TableWriter

__all__ = ["GeoParquetWriter", "geo_metadata"]


class GeoParquetWriter(TableWriter):
    """Frames to one GeoParquet file through one ``pyarrow.parquet.ParquetWriter``, every frame with the
    first one's schema (text columns as strings even where a frame has none)."""

    format, suffix = "parquet", ".parquet"
    batch_rows = BATCH_ROWS

    def __init__(self, path, fmt=None) -> None:
        super().__init__(path, fmt)
        self._arrow: list | None = None  # [pyarrow ParquetWriter, its schema, the "geo" metadata so far]

    def _append_frame(self, frame) -> None:
        import io

        import pyarrow.parquet as pq

        from geonews.output.frame import with_string_columns

        # geopandas makes each frame's GeoParquet table (WKB geometry, its "geo" metadata), every frame
        # with the first one's schema
        frame = with_string_columns(frame)
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        table = pq.read_table(io.BytesIO(buffer.getvalue()))
        geo = json.loads(table.schema.metadata[b"geo"])
        if self._arrow is None:
            # until the end the schema claims no geometry types and no extent (both optional); the
            # file's own "geo" metadata gets those of every frame when it is closed
            schema = table.schema.with_metadata({**table.schema.metadata,
                                                 b"geo": json.dumps(geo_metadata([geo], final=False)).encode()})
            self._arrow = [pq.ParquetWriter(self._tmp, schema), schema, [geo]]
        else:
            self._arrow[2] = [geo_metadata(self._arrow[2] + [geo])]
        writer, schema, _ = self._arrow
        writer.write_table(table.cast(schema))

    def _finish(self) -> None:
        writer, _, geos = self._arrow
        writer.add_key_value_metadata({"geo": json.dumps(geo_metadata(geos))})  # the types and extent of every frame
        self._close()

    def _close(self) -> None:
        super()._close()
        if self._arrow is not None:
            self._arrow[0].close()
            self._arrow = None


def geo_metadata(geos: list[dict], final: bool = True) -> dict:
    """GeoParquet "geo" metadata for the frames whose own metadata (as geopandas wrote it) are ``geos``:
    the first one's, with the geometry types and the extent of them all (``final=False``: neither)."""
    import copy
    import math

    out = copy.deepcopy(geos[0])
    for name, column in out["columns"].items():
        types = sorted({t for geo in geos for t in geo["columns"][name].get("geometry_types", [])})
        boxes = [geo["columns"][name].get("bbox") for geo in geos]
        boxes = [b for b in boxes if b and all(isinstance(v, (int, float)) and math.isfinite(v) for v in b)]
        column["geometry_types"] = types if final else []
        column.pop("bbox", None)
        if final and boxes:
            column["bbox"] = [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                              max(b[3] for b in boxes)]
    return out
