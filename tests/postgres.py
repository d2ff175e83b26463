"""A real PostgreSQL server for the tests, started in a temporary directory and thrown away.

Debian installs the server binaries under /usr/lib/postgresql/N/bin, off PATH; `.ci/run`
installs the package where missing. The server listens on a free loopback port only, with
durability switched off (it is thrown away), and trusts local connections. initdb refuses
to run as root, so as root the server runs as the `postgres` user (or `nobody`).
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.processes import free_port

USER = "kaizen"


def binaries() -> Path | None:
    """The directory holding initdb and pg_ctl, newest version first; None when absent."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    return Path(candidates[-1]).parent if candidates else None


@dataclass
class PostgresServer:
    bin: Path
    port: int
    root: Path
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def stop(self) -> None:
        """Stop the server as an outage would (fast: open connections are cut)."""
        _pg_ctl(self.bin, self.root, self.port, "stop", "-m", "fast")

    def start(self) -> None:
        """Start it again after `stop`, on the same port and files."""
        _pg_ctl(self.bin, self.root, self.port, "start", "-t", "60")

    def url(self, database: str) -> str:
        return f"postgresql+asyncpg://{USER}@127.0.0.1:{self.port}/{database}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        result = subprocess.run(
            [
                str(self.bin / "psql"),
                *("-h", "127.0.0.1", "-p", str(self.port), "-U", USER, "-d", database),
                *("-v", "ON_ERROR_STOP=1", "-X", "-q", "-A", "-t", "-c", sql),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"psql {sql!r} failed: {result.stderr.strip()}")
        return result.stdout.strip()

    def create_database(self, template: str | None = None) -> str:
        """A new, empty (or copied) database; its name."""
        name = f"kaizen_{os.getpid()}_{next(self._names)}"
        copy = f" TEMPLATE {template}" if template else ""
        self.psql(f"CREATE DATABASE {name}{copy}")
        return name

    def drop_database(self, name: str) -> None:
        self.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _runner() -> tuple[int, int] | None:
    """As root: the uid and gid to run the server as; else None (run as ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            entry = pwd.getpwnam(name)
            return entry.pw_uid, entry.pw_gid
    raise RuntimeError("running as root and no postgres or nobody user to run PostgreSQL as")


@contextlib.contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """Start a throwaway server; stop it and delete its files afterwards."""
    bin_dir = binaries()
    if bin_dir is None:
        raise FileNotFoundError("no PostgreSQL binaries (initdb, pg_ctl)")
    ids = _runner()
    user, group = ids if ids else (None, None)
    root = Path(tempfile.mkdtemp(prefix="kaizen-pg-"))
    root.chmod(0o755)
    data = root / "data"
    data.mkdir(mode=0o700)
    if ids:
        os.chown(data, *ids)
        os.chown(root, *ids)
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8"]
    subprocess.run(
        [*initdb, "--no-sync", "--no-instructions"],
        check=True,
        capture_output=True,
        env=env,
        user=user,
        group=group,
    )
    port = 0
    try:
        for _attempt in range(5):
            port = free_port()
            started = _pg_ctl(bin_dir, root, port, "start", "-t", "60", check=False)
            if started.returncode == 0:
                break
            time.sleep(0.2)
        else:
            log = (root / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"PostgreSQL did not start:\n{log}")
        yield PostgresServer(bin_dir, port, root)
    finally:
        _pg_ctl(bin_dir, root, port, "stop", "-m", "immediate", check=False)
        shutil.rmtree(root, ignore_errors=True)


def _pg_ctl(
    bin_dir: Path, root: Path, port: int, *args: str, check: bool = True
) -> subprocess.CompletedProcess[bytes]:
    """pg_ctl on the server's files, listening on loopback only, durability off (the
    server is thrown away), run as the user that owns the files."""
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories=''"
        " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        " -c max_connections=300 -c shared_buffers=64MB"
    )
    ids = _runner()
    user, group = ids if ids else (None, None)
    command = [str(bin_dir / "pg_ctl"), "-D", str(root / "data"), "-o", options, "-w"]
    command += ["-l", str(root / "server.log"), *args]
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    result = subprocess.run(
        command, capture_output=True, env=env, check=False, user=user, group=group
    )
    if check and result.returncode != 0:
        raise RuntimeError(f"pg_ctl {' '.join(args)} failed: {result.stderr.decode()[-500:]}")
    return result
