"""`modelgen changes OLD NEW`: what a spec change means for clients and for the generated models.

The pieces: `source` reads each version (a file or `REV:path` from git),
`usage` finds where each schema travels, `compare` and `keywords` list the
changes, `rules` grades them by direction, `names` ties them to the
generated classes, `ignore` applies the ignore file, `report` writes them.
"""

from .findings import Finding, diff
from .source import Sources

__all__ = ["Finding", "Sources", "diff"]
