"""A real Scrapyd on 127.0.0.1 for tests: configured in a temp folder, started as a
process, stopped by PID."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from tests.support.crawl import REPO

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


class Scrapyd:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        (self.home / "scrapyd.conf").write_text(
            "[scrapyd]\n"
            "bind_address = 127.0.0.1\n"
            f"http_port = {self.port}\n"
            f"eggs_dir = {self.home / 'eggs'}\n"
            f"logs_dir = {self.home / 'logs'}\n"
            f"dbs_dir = {self.home / 'dbs'}\n"
            "items_dir =\n",
            encoding="utf-8",
        )
        log = (self.home / "scrapyd.out").open("wb")
        self.process = subprocess.Popen(
            [str(BIN / "scrapyd")], cwd=self.home, stdout=log, stderr=subprocess.STDOUT
        )
        self.wait_until(lambda: self.get("daemonstatus.json").get("status") == "ok", 30)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def get(self, endpoint: str, **params: str) -> dict[str, Any]:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        with urllib.request.urlopen(f"{self.url}/{endpoint}{query}", timeout=10) as reply:
            data: dict[str, Any] = json.loads(reply.read())
        return data

    def post(self, endpoint: str, fields: list[tuple[str, str]]) -> dict[str, Any]:
        body = urllib.parse.urlencode(fields).encode()
        with urllib.request.urlopen(f"{self.url}/{endpoint}", data=body, timeout=30) as reply:
            data: dict[str, Any] = json.loads(reply.read())
        return data

    def deploy(self, project: str, workdir: Path) -> None:
        """Build the project's egg with scrapyd-deploy (from a copy, so the setup.py it
        writes does not land in the repo) and upload it with addversion.json."""
        copy = workdir / "project"
        shutil.copytree(
            REPO, copy, ignore=shutil.ignore_patterns(".venv*", ".git", "out", "__pycache__")
        )
        egg = workdir / "archivist.egg"
        subprocess.run(
            [str(BIN / "scrapyd-deploy"), f"--build-egg={egg}"],
            cwd=copy,
            check=True,
            capture_output=True,
        )
        boundary = "archivist-test-boundary"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in (("project", project), ("version", "1"))
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="egg"; '
            f'filename="archivist.egg"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + egg.read_bytes()
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            f"{self.url}/addversion.json",
            data=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        with urllib.request.urlopen(request, timeout=60) as reply:
            result = json.loads(reply.read())
        if result.get("status") != "ok":
            raise RuntimeError(f"addversion failed: {result}")

    @staticmethod
    def wait_until(check: Any, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            try:
                if check():
                    return
            except OSError as exc:
                last = exc
            time.sleep(0.2)
        raise TimeoutError(f"gave up after {timeout} s ({last})")
