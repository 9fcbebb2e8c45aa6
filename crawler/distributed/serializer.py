"""Requests as JSON for the shared queue (scrapy-redis SCHEDULER_SERIALIZER: loads/dumps).

scrapy-redis pickles by default, and unpickling runs code: anyone who can write to the
Redis server could run code in every worker. JSON cannot. The dict is Scrapy's own
`Request.to_dict` (callbacks by name); bytes (headers, body) travel as latin-1 text, one
byte per code point, so nothing is lost.

`request.meta` must hold JSON values only; a value that is not is an error that names
the key, not a silent `str()`. The keys the downloader and the WARC capture add after a
download (TRANSIENT_META) are dropped: a request queued again (a retry) is downloaded
and archived anew. A `_class` entry is refused on loading: it would make Scrapy import
and call any class the queue names.
"""

from __future__ import annotations

import json
from typing import Any

from pipelines.warc import META_FETCHED_AT, META_LOCATION

# Set on the request during and after its download; meaningless for a queued request.
TRANSIENT_META = frozenset(
    {META_LOCATION, META_FETCHED_AT, "download_latency", "download_slot", "_dont_proxy"}
)
BYTES_ENCODING = "latin-1"
_JSON_SCALARS = (str, int, float, bool, type(None))


class UnsafeRequestError(TypeError):
    """A request cannot be queued as JSON, or a queued entry is not one we wrote."""


def dumps(obj: dict[str, Any]) -> str:
    data = dict(obj)
    url = data.get("url", "?")
    data["headers"] = [
        [_text(name), [_text(v) for v in values]] for name, values in obj["headers"].items()
    ]
    data["body"] = _text(obj.get("body") or b"")
    data["meta"] = {k: v for k, v in obj.get("meta", {}).items() if k not in TRANSIENT_META}
    for field in ("meta", "cb_kwargs", "cookies"):
        _check_json(data.get(field), f"{field}", url)
    return json.dumps(data, separators=(",", ":"), allow_nan=False)


def loads(text: str | bytes) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    if "_class" in data:
        raise UnsafeRequestError(f"refusing a queued request with _class={data['_class']!r}")
    data["headers"] = {
        _bytes(name): [_bytes(v) for v in values] for name, values in data["headers"]
    }
    data["body"] = _bytes(str(data["body"]))
    return data


def _bytes(text: str) -> bytes:
    return text.encode(BYTES_ENCODING)


def _text(value: bytes | str) -> str:
    return value.decode(BYTES_ENCODING) if isinstance(value, bytes) else value


def _check_json(value: Any, path: str, url: str) -> None:
    if isinstance(value, _JSON_SCALARS):
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            _check_json(item, f"{path}[{index}]", url)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise UnsafeRequestError(f"request {url}: {path} has a non-string key {key!r}")
            _check_json(item, f"{path}[{key!r}]", url)
        return
    raise UnsafeRequestError(
        f"request {url}: {path} is a {type(value).__name__}; only JSON values (str, int, "
        "float, bool, None, list, dict with str keys) can be queued in Redis"
    )
