"""CSV: UTF-8 with a byte-order mark, no geometry column but ``latitude``/``longitude`` and ``geometry_wkt``,
cells a spreadsheet would run as formulas guarded."""

from __future__ import annotations

from .base import TableWriter

__all__ = ["CsvWriter", "guard_csv_cell"]

#: First characters that make a spreadsheet program read a cell as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_csv_cell(value):
    """Prefix ``'`` to a string a spreadsheet would run as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class CsvWriter(TableWriter):
    """Frames to one CSV file: the header once, then each frame's rows (see :func:`~geonews.output.writers.write`)."""

    format, suffix = "csv", ".csv"

    def _append_frame(self, frame) -> None:
        import pandas as pd

        from geonews.output.frame import STR_COLUMNS

        if self._file is None:
            self._file = open(self._tmp, "w", encoding="utf-8-sig", newline="")  # the BOM, once
        table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
        table["geometry_wkt"] = frame.geometry.to_wkt(rounding_precision=-1)  # full precision
        for column in table.columns:
            if column in STR_COLUMNS or column == "geometry_wkt" or table[column].dtype == object:
                table[column] = table[column].map(guard_csv_cell, na_action="ignore")
        table.to_csv(self._file, index=False, header=not self._started)
