"""Why an export cannot start. All are raised before anything is written.

    ExportError
      InputError    an input path does not exist or holds no articles file
      ColumnError   --fields named a column that does not exist
      OptionError   options that do not go together, or a missing optional dependency

Bad input lines are not errors: they are counted and reported (see report.ExportReport).
"""

from __future__ import annotations


class ExportError(ValueError):
    pass


class InputError(ExportError):
    pass


class ColumnError(ExportError):
    pass


class OptionError(ExportError):
    pass
