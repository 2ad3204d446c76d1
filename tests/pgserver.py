"""A throwaway PostgreSQL server with PostGIS in a temporary folder, for the tests and the benchmarks.

Debian's PostgreSQL 15 (``/usr/lib/postgresql/15/bin``) and PostGIS (``postgresql-15-postgis-3``, which
``make test`` installs) are used as installed: ``initdb`` makes a cluster in a new folder, ``pg_ctl``
starts it listening on a unix socket in that folder only (no TCP port), and it is stopped and removed at
the end. PostgreSQL refuses to run as root, so as root the server runs as the unprivileged ``nobody``.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["PostgresServer", "find_bindir", "missing"]

SUPERUSER = "geonews"


def find_bindir() -> Path | None:
    """The bin folder of the newest PostgreSQL installed (the one with ``initdb``), or ``None``."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(folders[-1]).parent if folders else None


def missing() -> str | None:
    """Why a server with PostGIS cannot be started here (what to install), or ``None`` when it can."""
    bindir = find_bindir()
    if bindir is None:
        return "PostgreSQL is not installed (as root: apt-get install postgresql-15 postgresql-15-postgis-3)"
    share = subprocess.run([str(bindir / "pg_config"), "--sharedir"], capture_output=True, text=True).stdout.strip()
    if not share:
        version = bindir.parent.name
        share = f"/usr/share/postgresql/{version}"
    if not Path(share, "extension", "postgis.control").exists():
        return (f"PostGIS is not installed for the PostgreSQL in {bindir.parent} (as root: apt-get install "
                "postgresql-15-postgis-3; 'make test' does it)")
    return None


class PostgresServer:
    """Start with :meth:`start` (or as a context manager); :meth:`url` names a database on it.

    Parameters
    ----------
    fsync : bool
        Flush to disk at each commit, as a real server does (off by default: the tests kill clients, not
        the machine, and run faster without it).
    """

    def __init__(self, *, fsync: bool = False) -> None:
        self.fsync = fsync
        self.bindir = find_bindir()
        self.folder: Path | None = None
        self._user: dict = {}

    def __enter__(self) -> PostgresServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _run(self, *args: str) -> None:
        done = subprocess.run([str(self.bindir / args[0]), *args[1:]], capture_output=True, text=True,
                              timeout=120, **self._user)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")

    def start(self) -> None:
        why = missing()
        if why:
            raise RuntimeError(why)
        self.folder = Path(tempfile.mkdtemp(prefix="geonews-pg-"))
        if os.geteuid() == 0:  # PostgreSQL will not run as root
            import pwd

            nobody = pwd.getpwnam("nobody")
            os.chown(self.folder, nobody.pw_uid, nobody.pw_gid)
            self._user = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": [], "cwd": self.folder}
        data = self.folder / "data"
        self._run("initdb", "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C")
        options = (f"-c listen_addresses='' -c unix_socket_directories='{self.folder}' -c fsync={'on' if self.fsync else 'off'}"
                   " -c max_connections=50")
        self._run("pg_ctl", "-D", str(data), "-l", str(self.folder / "log"), "-o", options, "-w", "start")
        self.execute("postgres", "CREATE DATABASE template_postgis")
        self.execute("template_postgis", "CREATE EXTENSION postgis")

    def stop(self) -> None:
        if self.folder is None:
            return
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def url(self, database: str) -> str:
        """The ``--store`` value of ``database`` on this server (through its socket)."""
        return f"postgresql://{SUPERUSER}@/{database}?host={self.folder}"

    def execute(self, database: str, sql: str):
        """Run ``sql`` in ``database`` (autocommit); return the rows it gives, if any."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            cur = conn.execute(sql)
            return cur.fetchall() if cur.description else None

    def new_database(self, name: str, *, postgis: bool = True) -> str:
        """Make an empty database (with PostGIS installed, or without); return its ``--store`` value."""
        template = "template_postgis" if postgis else "template0"
        self.execute("postgres", f'CREATE DATABASE "{name}" TEMPLATE {template}')
        return self.url(name)
