"""A Hugging Face datasets folder: Parquet shards under data/ and a README.md card.

    OUT/README.md                              dataset card (card.py)
    OUT/data/train-00000-of-00003.parquet      SHARD_ROWS rows each, the last one fewer

`datasets.load_dataset("OUT")` and the Hub read it as is. The number of shards is known
only at the end, so shards are written as data/train-00000.partial and renamed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from archive.export.card import SPLIT, CardStats, Sizes, render
from archive.export.columns import Column, schema_of
from archive.export.writers import COMPRESSION, batches, pipelined

# Rows per shard: ~50,000 news rows are ~150 MB of zstd Parquet, well under the Hub's
# advice to keep files below a few hundred MB so that downloads and the viewer stay quick.
SHARD_ROWS = 50_000

CARD = "README.md"
DATA = "data"


class HuggingFaceWriter:
    def __init__(self, out: Path, columns: Sequence[Column], title: str) -> None:
        self._out = out
        self._schema = schema_of(columns)
        self._title = title
        self.stats = CardStats()

    def write(self, rows: Iterable[dict[str, Any]]) -> list[Path]:
        data = self._out / DATA
        data.mkdir(parents=True, exist_ok=True)
        shards = _Shards(data, self._schema)
        pipelined(shards.write, batches(self._observed(rows), self._schema))
        paths = shards.close()
        download = sum(path.stat().st_size for path in paths)
        sizes = Sizes(len(paths), shards.num_bytes, download)
        card = self._out / CARD
        card.write_text(render(self._schema, self.stats, sizes, self._title), encoding="utf-8")
        return [*paths, card]

    def _observed(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for row in rows:
            self.stats.observe(row)
            yield row


class _Shards:
    """Parquet files of at most SHARD_ROWS rows, named train-NNNNN-of-TTTTT at the end."""

    def __init__(self, folder: Path, schema: pa.Schema) -> None:
        self._folder = folder
        self._schema = schema
        self._partials: list[Path] = []
        self._writer: pq.ParquetWriter | None = None
        self._rows = 0
        self.num_bytes = 0  # Arrow size of the rows written

    def write(self, batch: pa.RecordBatch) -> None:
        writer = self._writer
        if writer is None or self._rows >= SHARD_ROWS:
            writer = self._open_next()
        writer.write_batch(batch)
        self._rows += batch.num_rows
        self.num_bytes += batch.nbytes

    def close(self) -> list[Path]:
        """Close the last shard (an empty one if nothing was written) and name them all."""
        (self._writer or self._open_next()).close()
        return _rename(self._partials)

    def _open_next(self) -> pq.ParquetWriter:
        if self._writer is not None:
            self._writer.close()
        self._partials.append(self._folder / f"{SPLIT}-{len(self._partials):05d}.partial")
        self._writer = pq.ParquetWriter(self._partials[-1], self._schema, compression=COMPRESSION)
        self._rows = 0
        return self._writer


def _rename(partials: list[Path]) -> list[Path]:
    total = len(partials)
    shards = []
    for index, partial in enumerate(partials):
        shard = partial.with_name(f"{SPLIT}-{index:05d}-of-{total:05d}.parquet")
        partial.rename(shard)
        shards.append(shard)
    return shards
