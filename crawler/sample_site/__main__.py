"""``python -m crawler.sample_site [--port N]``: serve the sample site until Ctrl-C."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from types import FrameType

from crawler.sample_site.server import SampleSiteServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crawler.sample_site",
        description="Serve the bundled sample news site on 127.0.0.1 until Ctrl-C.",
    )
    parser.add_argument("--port", type=int, default=0, help="port to bind (default: a free one)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO)
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    # Explicit handlers: Ctrl-C works even where SIGINT was inherited as ignored, and
    # SIGTERM (service managers, test harnesses) shuts down cleanly too.
    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    with SampleSiteServer(port=args.port) as server:
        print(f"Sample site at {server.base_url}/ (Ctrl-C to stop)", flush=True)
        while not stop.wait(0.5):
            pass
        print("stopping", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
