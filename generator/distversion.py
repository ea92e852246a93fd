"""The installed version of a distribution, without importing `importlib.metadata`.

`importlib.metadata.version` costs about 30 ms on first use (it imports the
`email` package to parse the metadata file), a third of a run that has nothing
to do. A wheel-installed distribution's version is also in the name of its
metadata folder, `{name}-{version}.dist-info`, which is what this reads: the
first path entry of `sys.path` holding exactly one such folder for `name`
answers, as `importlib.metadata` would. Anything else (an `.egg-info`, a zip
on the path, two folders in one entry, nothing found) is asked of
`importlib.metadata` itself.
"""

from __future__ import annotations

import functools
import os
import sys

_SEPARATORS = str.maketrans({"-": "_", ".": "_"})


def _normal(name: str) -> str:
    """The distribution name as the metadata folder spells it (PEP 503, then `_`)."""
    return "_".join(filter(None, name.lower().translate(_SEPARATORS).split("_")))


def _scan(name: str) -> str | None:
    """The version from the first path entry's metadata folder; None: ask the library."""
    wanted = _normal(name)
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as listing:
                found = [
                    item.name
                    for item in listing
                    if item.name.endswith((".dist-info", ".egg-info"))
                    and _normal(item.name.partition("-")[0]) == wanted
                ]
        except OSError:
            if os.path.isfile(entry):
                return None  # a zip on the path: importlib.metadata reads it
            continue
        if not found:
            continue
        if len(found) != 1 or not found[0].endswith(".dist-info"):
            return None
        version = found[0][: -len(".dist-info")].partition("-")[2]
        return version or None
    return None


@functools.lru_cache(maxsize=None)
def installed_version(name: str) -> str | None:
    """The version `importlib.metadata.version(name)` gives; None when not installed."""
    version = _scan(name)
    if version is not None:
        return version
    from importlib.metadata import PackageNotFoundError, version as metadata_version

    try:
        return metadata_version(name)
    except PackageNotFoundError:
        return None
