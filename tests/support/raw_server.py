"""A raw-socket HTTP server that sends canned bytes and records exactly what it sent.

Each route is a `RawReply`: the status line, the headers in order (repeats kept), the
entity body, and how it is framed on the wire (Content-Length, chunked, or an HTTP/1.0
body ended by closing the connection). Tests compare what the archive stored with
`entity` (the body as the server meant it, Content-Encoding applied, no framing) and
`sent` (every byte written to the socket).
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from types import TracebackType

CRLF = b"\r\n"


@dataclass(frozen=True)
class RawReply:
    status_line: str  # "HTTP/1.1 200 OK"
    headers: tuple[tuple[str, str], ...]
    entity: bytes
    chunked: bool = False
    close_delimited: bool = False  # HTTP/1.0: no Content-Length, the close ends the body

    def wire(self) -> bytes:
        headers = list(self.headers)
        if self.chunked:
            headers.append(("Transfer-Encoding", "chunked"))
        elif not self.close_delimited:
            headers.append(("Content-Length", str(len(self.entity))))
        headers.append(("Connection", "close"))
        head = CRLF.join(
            [self.status_line.encode("latin-1")]
            + [f"{name}: {value}".encode("latin-1") for name, value in headers]
        )
        return head + CRLF + CRLF + (_chunked(self.entity) if self.chunked else self.entity)


def _chunked(body: bytes, size: int = 700) -> bytes:
    chunks = [body[i : i + size] for i in range(0, len(body), size)]
    framed = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks)
    return framed + b"0\r\n\r\n"


@dataclass
class RawServer:
    routes: dict[str, RawReply]
    sent: dict[str, list[bytes]] = field(default_factory=dict)  # target -> wire bytes
    requests: list[bytes] = field(default_factory=list)  # request heads as received
    _socket: socket.socket | None = None

    @property
    def base_url(self) -> str:
        assert self._socket is not None
        host, port = self._socket.getsockname()[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> RawServer:
        self._socket = socket.create_server(("127.0.0.1", 0))
        threading.Thread(target=self._serve, daemon=True).start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._socket is not None
        self._socket.close()

    def _serve(self) -> None:
        assert self._socket is not None
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            head = b""
            while b"\r\n\r\n" not in head:
                data = connection.recv(65536)
                if not data:
                    return
                head += data
            self.requests.append(head)
            target = head.split(b" ", 2)[1].decode("latin-1")
            reply = self.routes.get(target) or self.routes["404"]
            wire = reply.wire()
            self.sent.setdefault(target, []).append(wire)
            connection.sendall(wire)
            connection.shutdown(socket.SHUT_WR)
