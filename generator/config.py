"""Jobs from `[tool.modelgen]` in the nearest pyproject.toml.

[tool.modelgen]
spec = "specs/realtime.yaml"      # one job, or several:
output = "generated"
schemas = ["RealtimeSession"]     # optional: these and what they reference
docs = true
operation_models = false          # also inline request/response schemas
allow_remote = ["https://schemas.example.com/"]  # optional: URL prefixes remote $refs may use
site = false                      # also build the docs site into OUTPUT/site
changes = false                   # keep the change report of each regeneration (site: on)
link_base = "https://example.com" # the spec's site-relative links made absolute

[[tool.modelgen.jobs]]
name = "realtime"
spec = "..."
output = "..."
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from .diagnostics import did_you_mean


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Job:
    name: str
    spec: str
    output: str
    schemas: tuple[str, ...] = ()
    docs: bool = True
    operations: bool = False
    allow_remote: tuple[
        str, ...
    ] = ()  # URL prefixes remote `$ref`s may be fetched from
    python_version: str = ""  # oldest Python of the generated package ("" = 3.10)
    site: bool = False
    link_base: str = ""
    target: str = "pydantic"  # the model library of the generated package
    changes: bool = False


def find_pyproject(start: str) -> str | None:
    directory = os.path.abspath(start)
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def load_jobs(start: str = ".") -> list[Job]:
    import tomllib  # only a run of the jobs reads them

    path = find_pyproject(start)
    if path is None:
        raise ConfigError(
            "no SPEC given and no pyproject.toml with [tool.modelgen] found"
        )
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    section = data.get("tool", {}).get("modelgen")
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: no [tool.modelgen] section")
    base = os.path.dirname(path)
    entries = (
        section.get("jobs")
        if "jobs" in section
        else [dict(section, name=section.get("name", "default"))]
    )
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: [tool.modelgen] jobs must be a non-empty list")
    return [_job(entry, base, path, index) for index, entry in enumerate(entries)]


def _job(entry: Any, base: str, path: str, index: int) -> Job:
    where = f"{path}: [tool.modelgen] job {index + 1}"
    if (
        not isinstance(entry, dict)
        or not isinstance(entry.get("spec"), str)
        or not isinstance(entry.get("output"), str)
    ):
        raise ConfigError(f"{where}: needs string 'spec' and 'output'")
    schemas = entry.get("schemas", [])
    if not isinstance(schemas, list) or not all(isinstance(s, str) for s in schemas):
        raise ConfigError(f"{where}: 'schemas' must be a list of names")
    allow = entry.get("allow_remote", [])
    if not isinstance(allow, list) or not all(isinstance(a, str) for a in allow):
        raise ConfigError(f"{where}: 'allow_remote' must be a list of URL prefixes")
    link_base = entry.get("link_base", "")
    if not isinstance(link_base, str) or (link_base and not valid_link_base(link_base)):
        raise ConfigError(f"{where}: 'link_base' must be an http(s) address")
    return Job(
        name=str(entry.get("name", f"job{index + 1}")),
        spec=(
            entry["spec"]
            if entry["spec"].startswith(("https://", "http://"))
            else os.path.relpath(os.path.join(base, entry["spec"]))
        ),
        output=os.path.relpath(os.path.join(base, entry["output"])),
        schemas=tuple(schemas),
        docs=bool(entry.get("docs", True)),
        operations=bool(entry.get("operation_models", False)),
        allow_remote=tuple(allow),
        python_version=_python_version(entry.get("python_version", ""), where),
        site=bool(entry.get("site", False)),
        link_base=link_base,
        target=_target(entry.get("target", "pydantic"), where),
        changes=bool(entry.get("changes", False)),
    )


def _target(value: Any, where: str) -> str:
    from .targets import TARGETS

    if value not in TARGETS:
        raise ConfigError(
            f"{where}: 'target' must be one of: {', '.join(sorted(TARGETS))}"
        )
    return str(value)


def valid_link_base(value: str) -> bool:
    """An absolute http(s) address with a host, no query or fragment."""
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    return (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and not parts.query
        and not parts.fragment
        and value.isprintable()
        and " " not in value
    )


def _python_version(value: Any, where: str) -> str:
    if value == "":
        return ""
    if value not in ("3.10", "3.11"):
        raise ConfigError(f'{where}: \'python_version\' must be "3.10" or "3.11"')
    return str(value)


def select_jobs(jobs: list[Any], name: str | None) -> list[Any]:
    """The jobs named `name` (all when None); a did-you-mean error when none is."""
    chosen = [j for j in jobs if name in (None, j.name)]
    if not chosen:
        names = [j.name for j in jobs]
        hint = did_you_mean(name or "", names) or f" (jobs: {', '.join(names)})"
        raise ConfigError(f"no job named {name!r} in [tool.modelgen]{hint}")
    return chosen
