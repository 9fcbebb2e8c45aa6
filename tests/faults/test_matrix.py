"""The fault matrix (tests.faults.matrix): every fault is survived, counted by kind,
logged with its URL, retried as the settings say, held to its limit (named in the
message), and leaves no half-written article and no invalid or unmarked-truncated WARC.

The table is written to `fault-matrix.md` under the test's temporary folder and shown
in every assertion message.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.reader import ReadStats, iter_responses
from tests.faults.matrix import FAULTS, WRITTEN, Fault, Matrix, run_matrix


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Matrix]:
    folder = tmp_path_factory.mktemp("faults")
    result = run_matrix(folder)
    (folder / "fault-matrix.md").write_text(result.table() + "\n", encoding="utf-8")
    yield result


def test_the_crawl_finishes_with_every_fault_counted(matrix: Matrix) -> None:
    report = matrix.output.report
    assert matrix.output.process.returncode == 0, matrix.output.process.stderr[-3000:]
    assert report["finish_reason"] == "finished"
    expected: dict[str, int] = {}
    for fault in FAULTS:
        if fault.kind != WRITTEN:
            expected[fault.kind] = expected.get(fault.kind, 0) + 1
    assert report["errors"] == expected, matrix.table()
    assert report["errors_total"] == sum(expected.values())


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.path.strip("/"))
def test_each_fault(matrix: Matrix, fault: Fault) -> None:
    (row,) = [r for r in matrix.rows if r.fault == fault]
    table = matrix.table()
    assert row.kind == fault.kind, table
    if fault.kind != WRITTEN:
        assert f"Error ({fault.kind}) on {row.url}" in matrix.output.process.stderr, table
    if fault.hits is not None:  # retries follow RETRY_TIMES and REDIRECT_MAX_TIMES
        assert row.hits == fault.hits, table
    if fault.setting:  # the limit's setting and value are in the message
        assert fault.setting in row.detail, (row.detail, table)


def test_no_article_is_half_written(matrix: Matrix) -> None:
    written = {r["url"].rsplit("/", 1)[-1]: r for r in matrix.records}
    expected = {f.path.strip("/") for f in FAULTS if f.kind == WRITTEN}
    assert set(written) == expected, matrix.table()
    for name, record in written.items():
        # Every page has eight paragraphs numbered (0)..(7): all of them arrived.
        assert "(7)" in record["text"], (name, record["text"][-200:])
    assert "嘉陵江上的轮渡" in written["wrong-charset"]["text"]


def test_every_warc_is_valid_and_nothing_truncated_is_unmarked(matrix: Matrix) -> None:
    warcs = matrix.output.warc_files
    assert warcs
    for path in warcs:
        # warcio's own reading with digest checks (`warcio check` itself cannot decode
        # brotli with brotli 1.2, so the record bodies are read as stored instead).
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh, check_digests="raise"):
                body = record.raw_stream.read()
                length = record.http_headers and record.http_headers.get_header("Content-Length")
                # A stored body is the whole body the server sent (its Content-Length).
                if record.rec_type == "response" and length is not None:
                    assert len(body) == int(length), record.rec_headers["WARC-Target-URI"]
    stats = ReadStats()
    assert sum(1 for _ in iter_responses(warcs, stats)) > 0
    assert stats.errors == 0, stats
    # Cut downloads (timeouts, lost connections, DOWNLOAD_MAXSIZE) are not archived at
    # all, so no stored response is truncated, marked or not.
    assert matrix.warc_truncated == []
    for row in matrix.rows:
        if row.fault.kind in ("timeout", "data_loss") or row.fault.path.startswith("/huge"):
            assert row.warc_records == 0, matrix.table()
