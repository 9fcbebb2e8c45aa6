"""The export job: resolve inputs, choose rows, stream them to one writer.

Passes over the input (each streams the files line by line):

1. scan: count bad lines and filter drops, and note each surviving row's keys
   (select.KeyTable, 36 bytes a row, never the text); decide versions and exact
   duplicates;
2. near-duplicates (only with `near`): signatures of the rows still kept (neardup.py);
3. write: the rows selected, converted by columns.to_row, through the writer. Only the
   selected lines (and duplicate cluster members, for the report) are parsed again.

When every row that passes the filters is written (`all_versions` and no dedup), passes
1 and 3 are one. Later passes name rows by input line index (inputs.RawLine.index).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from archive.export.clusters import ClusterLog
from archive.export.columns import Column, select_columns, to_row, url_host
from archive.export.errors import OptionError
from archive.export.filters import Filters
from archive.export.hf import HuggingFaceWriter
from archive.export.inputs import Line, Source, parse_known_good, raw_lines, read_lines, resolve
from archive.export.report import ExportReport, Progress
from archive.export.select import (
    Cluster,
    ClusterKind,
    Columns,
    Dedup,
    Keep,
    KeyTable,
    Lines,
    Selection,
    select,
)
from archive.export.select import resolve as pick
from archive.export.writers import (
    PARTITIONS,
    CsvWriter,
    JsonlWriter,
    ParquetWriter,
    PartitionedParquetWriter,
    Writer,
)

logger = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv", "parquet", "hf")
FOLDER_FORMATS = ("hf",)  # write a folder, as does parquet with partitions
_FILE_WRITERS: dict[str, Callable[[Path, Sequence[Column]], Writer]] = {
    "jsonl": JsonlWriter,
    "csv": CsvWriter,
    "parquet": ParquetWriter,
}


@dataclass(frozen=True, slots=True)
class ExportOptions:
    fmt: str = "parquet"
    fields: tuple[str, ...] = ()  # content columns to keep (provenance is always kept)
    filters: Filters = field(default_factory=Filters)
    dedup: Dedup = field(default_factory=Dedup)
    partition: tuple[str, ...] = ()  # keys of writers.PARTITIONS (parquet only)
    clusters: Path | None = None  # cluster report; default OUT.duplicates.jsonl with dedup
    title: str = "Archivist news export"  # the Hugging Face dataset card's title


@dataclass(frozen=True, slots=True)
class Plan:
    """What the scan decided: the line indexes to write, and the duplicate clusters."""

    kept: Lines  # sorted
    clusters: list[Cluster]  # in table positions
    line_of: Lines  # table position -> line index


def export(inputs: Sequence[Path], out: Path, options: ExportOptions | None = None) -> ExportReport:
    """Export the articles behind `inputs` to `out`; see the module docstring.

    Raises an ExportError before writing anything when the inputs or options are wrong.
    """
    options = options or ExportOptions()
    sources = resolve(inputs)
    writer = make_writer(out, options, select_columns(options.fields))
    report = ExportReport()
    started = time.monotonic()
    if not options.dedup.needs_selection:
        report.outputs = writer.write(_all_rows(sources, options.filters, report))
    else:
        plan = _scan(sources, options, report)
        log = ClusterLog(plan.clusters, plan.line_of)
        report.outputs = writer.write(_planned_rows(sources, plan, report, log))
        if options.dedup.exact or options.dedup.near:
            report.clusters = len(plan.clusters)
            clusters_path = options.clusters or out.with_name(out.name + ".duplicates.jsonl")
            log.write(clusters_path)
            report.outputs.append(clusters_path)
    report.seconds = time.monotonic() - started
    return report


def make_writer(out: Path, options: ExportOptions, columns: Sequence[Column]) -> Writer:
    """The writer for the options, after checking that they go together."""
    if options.fmt not in FORMATS:
        raise OptionError(f"unknown export format {options.fmt!r}; expected one of {FORMATS}")
    unknown = sorted(set(options.partition) - set(PARTITIONS))
    if unknown:
        expected = ", ".join(PARTITIONS)
        raise OptionError(f"unknown partition key(s) {', '.join(unknown)}; expected {expected}")
    if options.partition and options.fmt != "parquet":
        raise OptionError("--partition works with --format parquet only")
    if options.dedup.near:
        _check_neardup_installed()
        if not 0 < options.dedup.near_threshold <= 1:
            threshold = options.dedup.near_threshold
            raise OptionError(f"--near-threshold must be in (0, 1], not {threshold}")
    writes_folder = options.fmt in FOLDER_FORMATS or bool(options.partition)
    if writes_folder and out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise OptionError(f"{out} must be a new or empty folder for --format {options.fmt}")
    out.parent.mkdir(parents=True, exist_ok=True)
    if options.partition:
        return PartitionedParquetWriter(out, columns, options.partition)
    if options.fmt == "hf":
        return HuggingFaceWriter(out, columns, options.title)
    return _FILE_WRITERS[options.fmt](out, columns)


def _check_neardup_installed() -> None:
    try:
        import archive.export.neardup  # noqa: F401
    except ImportError as exc:
        raise OptionError(
            "near-duplicate dedup needs datasketch: pip install 'archivist[neardup]'"
        ) from exc


def _filtered(
    sources: Sequence[Source], filters: Filters, report: ExportReport
) -> Iterator[tuple[Line, str]]:
    """(line, crawl_site) of each well-formed row that passes the filters; bad lines and
    filter drops are counted in the report."""
    progress = Progress("read")
    for line in read_lines(sources, report):
        progress.tick()
        site = line.site or url_host(line.record["url"])
        reason = filters.reject(line.record, site)
        if reason is None:
            yield line, site
        else:
            report.dropped[reason] += 1


def _picked(sources: Sequence[Source], wanted: Lines, stage: str) -> Iterator[tuple[int, Line]]:
    """(i, line) for the lines whose index is wanted[i] (sorted); others are not parsed."""
    progress = Progress(stage)
    i = 0
    for raw in raw_lines(sources):
        if i == len(wanted):
            return
        if raw.index == wanted[i]:
            progress.tick()
            yield i, parse_known_good(raw)
            i += 1


def _scan(sources: Sequence[Source], options: ExportOptions, report: ExportReport) -> Plan:
    table = KeyTable(with_words=options.dedup.keep is Keep.LONGEST)
    for line, _ in _filtered(sources, options.filters, report):
        table.add(line.record, line.index)
    columns = table.arrays()
    selection = select(columns, options.dedup)
    if options.dedup.near:
        _near_duplicates(sources, options.dedup, columns, selection)
    report.dropped.update(selection.dropped)
    logger.info("Selected %d of %d rows", int(selection.keep.sum()), len(selection.keep))
    return Plan(columns.line[selection.keep], selection.clusters, columns.line)


def _near_duplicates(
    sources: Sequence[Source], dedup: Dedup, columns: Columns, selection: Selection
) -> None:
    from archive.export.neardup import NearDuplicates

    near = NearDuplicates(dedup.near_threshold)
    positions = np.flatnonzero(selection.keep)
    for i, line in _picked(sources, columns.line[positions], "near-duplicates"):
        near.add(int(positions[i]), str(line.record["text"]))
    selection.apply(pick(near.groups(), columns, dedup.keep, ClusterKind.NEAR))


def _all_rows(
    sources: Sequence[Source], filters: Filters, report: ExportReport
) -> Iterator[dict[str, Any]]:
    """One pass: every row that passes the filters."""
    for line, site in _filtered(sources, filters, report):
        report.rows_written += 1
        yield to_row(line.record, site)


def _planned_rows(
    sources: Sequence[Source], plan: Plan, report: ExportReport, log: ClusterLog
) -> Iterator[dict[str, Any]]:
    """The rows the plan keeps; cluster members are noted in the log on the way."""
    wanted = np.union1d(plan.kept, log.lines)
    kept = np.isin(wanted, plan.kept)
    for i, line in _picked(sources, wanted, "write"):
        site = line.site or url_host(line.record["url"])
        log.note(line.index, line.record, site)
        if kept[i]:
            report.rows_written += 1
            yield to_row(line.record, site)
