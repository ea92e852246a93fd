"""The comments generated code carries for linters, in one place.

Each mark names the rules it silences and also `RUF100` (unused `noqa`):
ruff's default rules leave E402 and E501 out and report a mark for a rule
that does not run, while a user who selects `E` needs the mark. With both
codes the line passes either way, and every other linter reads its own code.
"""

from __future__ import annotations

LONG = "  # noqa: E501, RUF100"
"""After a line no formatter can shorten (a long word, name or literal)."""

LATE = "# noqa: E402, RUF100"
"""On an import after the classes of a module (it closes an import cycle)."""

LATE_LONG = "# noqa: E402, E501, RUF100"
"""On such an import whose first line is too long as well."""

LATE_UNUSED = "# noqa: E402, F401, RUF100"
"""On such an import of a name the module's code does not use: the class the
library completes needs it in the module's namespace."""

LATE_UNUSED_LONG = "# noqa: E402, E501, F401, RUF100"
"""On such an import whose first line is too long as well."""

OLD_PYTHON = "# noqa: UP035, RUF100"
"""On `typing_extensions` imports of what `typing` has from a later Python than
the package's oldest: a linter that assumes the later one asks for `typing`."""

CLASS_FORM = "# noqa: UP013, RUF100"
"""On a TypedDict in the functional form whose keys could be class attributes:
one of them would hide a type name the keys' annotations use."""

LONGER = {LATE: LATE_LONG, LATE_UNUSED: LATE_UNUSED_LONG}
"""Each import mark, for an import whose first line is too long."""
