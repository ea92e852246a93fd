"""Part of `changes`: the ignore file — accepted changes, each with a reason and an end date.

A YAML or JSON list of entries:

    - id: response-property-became-nullable
      pointer: /components/schemas/RealtimeSession/properties/turn_detection
      reason: clients handle null since 2.3
      expires: 2026-12-31

An entry hides the findings with that id whose old or new pointer is the
given one, until the end of its expiry day (UTC). An expired entry hides
nothing and is reported, so accepted risks are looked at again.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostic, SpecError, error, warning
from ..load import MAX_BYTES, parse_bytes
from .findings import Finding

FIELDS = ("id", "pointer", "reason", "expires")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    pointer: str
    reason: str
    expires: datetime.date
    where: str  # JSON pointer of the entry in the ignore file


def read_ignore(path: str) -> list[Entry]:
    """The entries of `path`; `SpecError` naming each bad entry."""
    with open(path, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    data, problem = parse_bytes(raw, path)
    if problem:
        raise SpecError([problem])
    if not isinstance(data, list):
        raise SpecError(
            [
                error(
                    path, "", "must be a list of entries (id, pointer, reason, expires)"
                )
            ]
        )
    entries, problems = [], []
    for index, item in enumerate(data):
        entry = _entry(item, f"/{index}")
        if isinstance(entry, Entry):
            entries.append(entry)
        else:
            problems.append(error(path, entry[0], entry[1]))
    if problems:
        raise SpecError(problems)
    return entries


def _entry(item: Any, where: str) -> Entry | tuple[str, str]:
    if not isinstance(item, dict):
        return where, "an entry must be a mapping with id, pointer, reason and expires"
    for key in FIELDS:
        if not isinstance(item.get(key), str) or not item[key].strip():
            return f"{where}/{key}", f"{key!r} is required (a non-empty string)"
    unknown = sorted(set(item) - set(FIELDS))
    if unknown:
        return (
            f"{where}/{unknown[0]}",
            f"unknown key {unknown[0]!r} (expected {', '.join(FIELDS)})",
        )
    try:
        if not _DATE.match(item["expires"]):
            raise ValueError
        expires = datetime.date.fromisoformat(item["expires"])
    except ValueError:
        return f"{where}/expires", "expires must be a date, YYYY-MM-DD"
    return Entry(item["id"], item["pointer"], item["reason"], expires, where)


def apply_ignore(
    findings: list[Finding], entries: list[Entry], path: str, today: datetime.date
) -> tuple[list[Finding], list[tuple[Finding, Entry]], list[Diagnostic]]:
    """(findings kept, (finding, entry) ignored, warnings about expired entries)."""
    live = [e for e in entries if e.expires >= today]
    notes = [
        warning(
            path,
            e.where,
            f"ignore entry for {e.id} expired on {e.expires.isoformat()}: {e.reason}",
        )
        for e in entries
        if e.expires < today
    ]
    kept, ignored = [], []
    for finding in findings:
        match = next(
            (
                e
                for e in live
                if e.id == finding.id
                and e.pointer in (finding.old_pointer, finding.new_pointer)
            ),
            None,
        )
        if match is None:
            kept.append(finding)
        else:
            ignored.append((finding, match))
    return kept, ignored, notes
