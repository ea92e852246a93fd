"""Reports of the fidelity harness: the summary, the JSON details, and the
known gaps (`fidelity_gaps.json` for pydantic, `fidelity_gaps_<target>.json`
for the other targets) with `unlisted` and `stale` comparing a measurement
with them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fidelity_buckets import show

if TYPE_CHECKING:
    from fidelity import Measure

TESTS = Path(__file__).resolve().parent
GAPS_FILE = TESTS / "fidelity_gaps.json"
TARGET_VALID, TARGET_INVALID = 99.5, 98.0  # % round-trip unchanged, % rejected


def gaps_file(target: str = "pydantic") -> Path:
    """The known gaps of a target: fidelity_gaps.json (pydantic), fidelity_gaps_<target>.json."""
    return GAPS_FILE if target == "pydantic" else TESTS / f"fidelity_gaps_{target}.json"


def summary(measure: Measure, examples_per_bucket: int = 1) -> str:
    lines = [
        f"{measure.tool}{' @ ' + measure.revision if measure.revision else ''} on {measure.spec}: {measure.components} components "
        f"({len(measure.unsupported)} without instances, "
        f"{len(set(measure.short) - set(measure.unsupported))} with fewer than asked: "
        "the time ran out)",
        f"  valid round-trip unchanged: {measure.valid_same}/{measure.valid_total} = {measure.valid_pct:.2f}% "
        f"(target {TARGET_VALID}%)",
        f"  invalid rejected:           {measure.invalid_rejected}/{measure.invalid_total} = {measure.invalid_pct:.2f}% "
        f"(target {TARGET_INVALID}%)",
    ]
    if measure.package_error:
        lines.append(
            f"  PACKAGE DOES NOT IMPORT (measured module by module): {measure.package_error}"
        )
    if measure.unmapped:
        lines.append(
            f"  not measured (no class found for the component): {', '.join(measure.unmapped)}"
        )
    for component, why in sorted(measure.unsupported.items()):
        lines.append(f"  unsupported: {component}: {why}")
    for bucket, failures in measure.buckets().items():
        models = sorted({f.component for f in failures})
        lines.append(
            f"  [{bucket}] {len(failures)} cases in {len(models)} models: {', '.join(models[:8])}"
            + (" ..." if len(models) > 8 else "")
        )
        for failure in sorted(
            failures, key=lambda f: len(show(f.case.instance, 10**9))
        )[:examples_per_bucket]:
            lines.append(f"      e.g. {failure.component}: {failure.detail}")
            lines.append(f"           instance: {show(failure.case.instance, 400)}")
    return "\n".join(lines)


def to_json(measure: Measure) -> dict[str, Any]:
    return {
        "tool": measure.tool,
        "revision": measure.revision,
        "spec": measure.spec,
        "components": measure.components,
        "valid": [measure.valid_same, measure.valid_total, round(measure.valid_pct, 3)],
        "invalid": [
            measure.invalid_rejected,
            measure.invalid_total,
            round(measure.invalid_pct, 3),
        ],
        "package_error": measure.package_error,
        "unsupported": measure.unsupported,
        "short": measure.short,
        "unmapped": measure.unmapped,
        "buckets": {
            b: [
                {
                    "component": f.component,
                    "detail": f.detail,
                    "label": f.case.label,
                    "instance": f.case.instance,
                }
                for f in fs
            ]
            for b, fs in measure.buckets().items()
        },
        "seconds": measure.seconds,
    }


def load_gaps(target: str = "pydantic") -> dict[str, dict[str, Any]]:
    path = gaps_file(target)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def save_gaps(measures: list[Measure], target: str = "pydantic") -> None:
    """List the measured failures as the known gaps of their specs (`make fidelity-gaps`).

    Keys starting with "$" (the comment, the reason of each bucket) are kept."""
    gaps = load_gaps(target)
    for result in measures:
        gaps[result.spec] = result.gaps()
    ordered = {
        k: gaps[k] for k in sorted(gaps, key=lambda k: (not k.startswith("$"), k))
    }
    gaps_file(target).write_text(
        json.dumps(ordered, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def unlisted(measure: Measure, gaps: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """component → buckets of the failures that `gaps` does not list for this spec."""
    known = gaps.get(measure.spec, {})
    missing: dict[str, list[str]] = {}
    for component, buckets in measure.gaps().items():
        listed = known.get(component, [])
        listed = [listed] if isinstance(listed, str) else listed
        new = [b for b in buckets if "*" not in listed and b not in listed]
        if new:
            missing[component] = new
    return missing


def stale(
    measure: Measure, gaps: dict[str, dict[str, Any]], tested: set[str]
) -> list[str]:
    """Listed gaps of tested components that no longer fail."""
    failing = measure.gaps()
    return sorted(
        c
        for c in gaps.get(measure.spec, {})
        if (c in tested or c == "__package__") and c not in failing
    )
