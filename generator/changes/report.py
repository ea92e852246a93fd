"""Part of `changes`: write the findings as text, Markdown, JSON, GitHub annotations or JUnit XML.

The JSON layout is described by `report.schema.json` next to this module.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

from ..diagnostics import one_line
from ..load import locate
from ..render.filters import md_name
from .findings import Finding
from .ignore import Entry
from .rules import ERROR, INFO, LEVELS, RANK, WARNING

SHOWN_OPERATIONS = 3
JSON_OPERATIONS = 5


@dataclass
class Outcome:
    old: str
    new: str
    findings: list[Finding]
    ignored: list[tuple[Finding, Entry]] = field(default_factory=list)
    fail_on: str | None = None  # the level that fails the run
    new_file: str = ""  # the NEW spec on disk, for annotation lines

    def counts(self) -> dict[str, int]:
        found = {level: 0 for level in LEVELS}
        for finding in self.findings:
            found[finding.level] += 1
        return found | {"ignored": len(self.ignored)}

    def failing(self, finding: Finding) -> bool:
        return self.fail_on is not None and RANK[finding.level] >= RANK[self.fail_on]

    def summary(self) -> str:
        counts = self.counts()
        text = (
            f"{len(self.findings)} changes: {counts[ERROR]} errors, "
            f"{counts[WARNING]} warnings, {counts[INFO]} info"
        )
        return text + (f" ({counts['ignored']} ignored)" if self.ignored else "")


def operations_text(finding: Finding) -> str:
    ops = finding.operations
    if not ops:
        return "no operation reaches it"
    shown = ", ".join(ops[:SHOWN_OPERATIONS])
    more = len(ops) - SHOWN_OPERATIONS
    return shown + (f" and {more} more" if more > 0 else "")


def where_text(finding: Finding) -> str:
    """The new pointer; the old one when the change is a removal or it moved."""
    old, new = finding.old_pointer, finding.new_pointer
    if old == new or not old or new.startswith(old + "/"):
        return new or old
    if not new or old.startswith(new + "/"):
        return f"{old} (old)"
    return f"{new} (was {old})"


def render(outcome: Outcome, fmt: str) -> str:
    return {
        "text": text_report,
        "markdown": markdown_report,
        "json": json_report,
        "github": github_report,
        "junit": junit_report,
    }[fmt](outcome)


def text_report(outcome: Outcome) -> str:
    lines = []
    for f in outcome.findings:
        name = f" {', '.join(f.python)}:" if f.python else ""
        lines.append(one_line(f"{f.level:<8}{f.id}{name} {f.message}", 1000))
        lines.append(
            one_line(f"        at {where_text(f)}; {operations_text(f)}", 1000)
        )
    lines.append(outcome.summary())
    return "\n".join(lines)


def markdown_report(outcome: Outcome) -> str:
    lines = [f"### API changes: {outcome.summary()}", ""]
    if outcome.findings:
        lines += [
            "| Level | Rule | Python | Change | Where | Operations |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for f in outcome.findings:
            cells = [
                f.level,
                f.id,
                ", ".join(f.python),
                f.message,
                where_text(f),
                operations_text(f),
            ]
            lines.append("| " + " | ".join(md_name(c) for c in cells) + " |")
    return "\n".join(lines)


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "level": finding.level,
        "direction": finding.direction,
        "kind": finding.kind,
        "message": finding.message,
        "schema": finding.schema,
        "old_pointer": finding.old_pointer,
        "new_pointer": finding.new_pointer,
        "python": list(finding.python),
        "operations": list(finding.operations[:JSON_OPERATIONS]),
        "operation_count": len(finding.operations),
    }


def json_report(outcome: Outcome) -> str:
    data = {
        "old": outcome.old,
        "new": outcome.new,
        "summary": outcome.counts(),
        "changes": [finding_json(f) for f in outcome.findings],
        "ignored": [
            finding_json(f) | {"reason": e.reason, "expires": e.expires.isoformat()}
            for f, e in outcome.ignored
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github_report(outcome: Outcome) -> str:
    """Workflow commands: one annotation per finding, on the NEW spec's line when known."""
    command = {ERROR: "error", WARNING: "warning", INFO: "notice"}
    path = outcome.new_file if os.path.isfile(outcome.new_file) else ""
    lines = []
    for f in outcome.findings:
        props = [f"title={_escape(f.id, True)}"]
        if path:
            props.insert(0, f"file={_escape(path, True)}")
            line, _ = locate(path, f.new_pointer) if f.new_pointer else (0, 0)
            if line:
                props.insert(1, f"line={line}")
        name = f"{', '.join(f.python)}: " if f.python else ""
        message = one_line(
            f"{name}{f.message} at {where_text(f)} ({operations_text(f)})", 2000
        )
        lines.append(f"::{command[f.level]} {','.join(props)}::{_escape(message)}")
    lines.append(outcome.summary())
    return "\n".join(lines)


def junit_report(outcome: Outcome) -> str:
    """One test case per finding; those at or above --fail-on (else errors) fail."""
    failing = outcome.fail_on or ERROR
    failures = sum(RANK[f.level] >= RANK[failing] for f in outcome.findings)
    suites = ElementTree.Element("testsuites", name="modelgen changes")
    suite = ElementTree.SubElement(
        suites,
        "testsuite",
        name=one_line(f"{outcome.old} -> {outcome.new}"),
        tests=str(len(outcome.findings)),
        failures=str(failures),
        errors="0",
    )
    for f in outcome.findings:
        case = ElementTree.SubElement(
            suite,
            "testcase",
            classname=one_line(", ".join(f.python) or f.schema),
            name=one_line(f"{f.id} {f.new_pointer or f.old_pointer}"),
        )
        detail = "\n".join(
            one_line(t, 2000)
            for t in (f.message, f"at {where_text(f)}", operations_text(f))
        )
        if RANK[f.level] >= RANK[failing]:
            failure = ElementTree.SubElement(
                case, "failure", type=f.level, message=one_line(f.message, 2000)
            )
            failure.text = detail
        else:
            ElementTree.SubElement(case, "system-out").text = f"{f.level}: {detail}"
    suites.set("tests", str(len(outcome.findings)))
    suites.set("failures", str(failures))
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(
        suites, encoding="unicode"
    )
