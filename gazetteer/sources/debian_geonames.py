"""GeoNames' Arabic names for admin1 units, countries and 6,635 cities, from Debian's
``libgeonames-common`` (its ``ar/geonames.mo`` catalogue, keyed ``SY.09``, ``SY``, ``170063``).

The package is found where it is installed, or fetched with ``apt-get download`` into a temporary
folder and unpacked with ``dpkg -x``; nothing is written into the project.
"""

from __future__ import annotations

import gettext
import subprocess
import tempfile
from pathlib import Path

__all__ = ["arabic_catalogue"]

_MO = "usr/share/locale/ar/LC_MESSAGES/geonames.mo"


def _read(path: Path) -> dict[str, str]:
    with open(path, "rb") as fh:
        catalogue = gettext.GNUTranslations(fh)._catalog  # noqa: SLF001 - the raw msgid table
    out = {}
    for key, value in catalogue.items():
        if isinstance(key, str) and key and isinstance(value, str):
            out[key] = value.replace("\u200e", "").replace("\u200f", "").strip()
    return out


def arabic_catalogue() -> dict[str, str]:
    """msgid (admin1 key, ISO2 or geonameid) -> Arabic name."""
    installed = Path("/") / _MO
    if installed.exists():
        return _read(installed)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["apt-get", "download", "libgeonames-common"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        deb = next(Path(tmp).glob("libgeonames-common_*.deb"))
        subprocess.run(["dpkg", "-x", str(deb), str(Path(tmp) / "root")], check=True)
        return _read(Path(tmp) / "root" / _MO)
