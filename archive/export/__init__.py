"""Dataset export: article records -> JSONL, CSV, Parquet or a Hugging Face folder.

    export(inputs, out, ExportOptions(fmt="parquet", filters=..., dedup=...)) -> ExportReport

Modules: inputs (what is read), filters, select (versions, exact dedup), neardup (MinHash
LSH), columns (the one column definition), writers (JSONL, CSV, Parquet), hf and card
(the Hugging Face folder), clusters (the duplicate report), report (counts, progress),
run (the job), errors (the exception hierarchy).
"""

from archive.export.columns import ARROW_SCHEMA, COLUMNS
from archive.export.errors import ColumnError, ExportError, InputError, OptionError
from archive.export.filters import Filters
from archive.export.report import ExportReport
from archive.export.run import FORMATS, ExportOptions, export
from archive.export.select import Dedup, Keep

__all__ = [
    "ARROW_SCHEMA",
    "COLUMNS",
    "FORMATS",
    "ColumnError",
    "Dedup",
    "ExportError",
    "ExportOptions",
    "ExportReport",
    "Filters",
    "InputError",
    "Keep",
    "OptionError",
    "export",
]
