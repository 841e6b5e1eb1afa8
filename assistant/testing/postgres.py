"""A real PostgreSQL server for tests and benchmarks: Debian's `initdb`/`pg_ctl` into a temporary folder,
listening on 127.0.0.1 and a free port, run as an unprivileged user when started by root."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count
from pathlib import Path

from assistant.testing.local_servers import free_port

UNPRIVILEGED = "nobody"
SUPERUSER = "brief"
_databases = count(1)


class PostgresMissing(RuntimeError):
    """initdb/pg_ctl are not installed."""


def postgres_bin() -> Path:
    """The folder of Debian's PostgreSQL server programs (the newest version installed)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    raise PostgresMissing("PostgreSQL server programs not found: run `make postgres-deps` (apt-get install postgresql).")


@dataclass(frozen=True)
class PostgresServer:
    port: int
    data: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "test") -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(_databases)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
        return self.url(name)


@contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """Start a throwaway PostgreSQL cluster; stopped and deleted when the block ends."""
    programs = postgres_bin()
    root = Path(tempfile.mkdtemp(prefix="brief-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # postgres refuses to run as root
        shutil.chown(root, UNPRIVILEGED)
        as_user = ["runuser", "-u", UNPRIVILEGED, "--"]
    data, log, port = root / "data", root / "server.log", free_port()

    def run(*command: str) -> None:
        result = subprocess.run([*as_user, *command], capture_output=True, text=True, cwd=root, timeout=120)
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip()[-2000:]
            logged = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{Path(command[0]).name} failed: {detail}\n{logged}")

    try:
        run(str(programs / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions")
        options = f"-h 127.0.0.1 -p {port} -k '' -F -c max_connections=200"
        run(str(programs / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start")
        try:
            yield PostgresServer(port, data)
        finally:
            run(str(programs / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)
