"""A real redis-server for tests: on 127.0.0.1, a free port, a temp folder, no persistence.

Started as a child process and stopped by its PID; never left running. `./dev.sh setup`
installs redis-server (Debian's package) when it is missing.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import redis

STARTUP_TIMEOUT = 10.0


@dataclass(frozen=True)
class RedisServer:
    port: int
    pid: int
    password: str | None = None

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, decode_responses=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def redis_server_binary() -> str:
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError(
            "redis-server is not installed: run ./dev.sh setup as root (it installs Debian's "
            "redis-server package), or `apt-get install redis-server`"
        )
    return binary


@contextmanager
def running_redis(workdir: Path, *, password: str | None = None) -> Iterator[RedisServer]:
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    args = [redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1"]
    args += ["--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", str(workdir)]
    if password:
        args += ["--requirepass", password]
    log = (workdir / "redis.log").open("wb")
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, cwd=workdir)
    server = RedisServer(port, process.pid, password)
    try:
        _wait_until_up(server, process)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_until_up(server: RedisServer, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {process.returncode} on startup")
        try:
            if server.client().ping():
                return
        except redis.RedisError:
            time.sleep(0.05)
    raise RuntimeError(f"redis-server on port {server.port} did not answer in {STARTUP_TIMEOUT} s")
