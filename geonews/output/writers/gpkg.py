"""GeoPackage: layer ``statements``, geometry type "Geometry" (points and areas), appended a batch at a time."""

from __future__ import annotations

from .base import BATCH_ROWS, TableWriter

__all__ = ["GPKG_LAYER", "GeoPackageWriter"]

#: The GeoPackage layer the statements are written to.
GPKG_LAYER = "statements"


class GeoPackageWriter(TableWriter):
    """Frames to the ``statements`` layer of one GeoPackage (pyogrio), :data:`BATCH_ROWS` rows an append."""

    format, suffix = "gpkg", ".gpkg"
    batch_rows = BATCH_ROWS

    def _append_frame(self, frame) -> None:
        import pyogrio

        # "Unknown" (Geometry): the frames hold points and areas, and the first frame cannot say which
        pyogrio.write_dataframe(frame, self._tmp, layer=GPKG_LAYER, driver="GPKG", append=self._started,
                                geometry_type="Unknown", promote_to_multi=False)
