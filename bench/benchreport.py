"""Markdown report for bench.py: header, tables, failures, notes."""

from __future__ import annotations

import datetime
import os
import platform
import statistics
from pathlib import Path

from benchproc import RunResult, capture, log_tail

CASE_TITLES = {
    "cold": "cold generate",
    "noop": "no-op regenerate",
    "check": "check, fresh copy",
    "changed": "one schema changed",
}
BASE_TOOL = "modelgen"


def summarize(runs: list[RunResult | None] | None) -> tuple[float, float] | str:
    """(median wall s, median peak RSS MB), or a label when not measured."""
    if not runs:
        return "n/a"
    done = [r for r in runs if r is not None]
    if not done:
        return "skipped (cold failed)"
    failed = [r for r in done if not r.ok]
    if failed:
        label = failed[0].describe_failure()
        return (
            label if len(failed) == len(runs) else f"{label} {len(failed)}/{len(runs)}"
        )
    wall = statistics.median(r.wall for r in done)
    rss = statistics.median(r.rss_kb for r in done) / 1024
    return wall, rss


def _cell(
    value: tuple[float, float] | str, base: tuple[float, float] | str, index: int
) -> str:
    if isinstance(value, str):
        return value
    fmt = "{:.2f}" if index == 0 else "{:.0f}"
    text = fmt.format(value[index])
    if isinstance(base, tuple) and base[index] > 0:
        text += f" (×{value[index] / base[index]:.2f})"
    return text


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_total() -> str:
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kb = int(fh.readline().split()[1])
        return f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        return "unknown"


def _load(values) -> str:
    return " ".join(f"{x:.2f}" for x in values)


def machine_info(args=None) -> list[str]:
    java = capture(["java", "-version"]).splitlines()
    start = getattr(args, "load_at_start", None)
    return [
        f"- OS: {platform.platform()}",
        f"- CPU: {_cpu_model()}, {os.cpu_count()} logical cores; RAM {_mem_total()}",
        (f"- load average at start: {_load(start)}; " if start else "- ")
        + f"load average at end: {_load(os.getloadavg())}",
        f"- bench interpreter: Python {platform.python_version()}",
        f"- Java: {java[0] if java else 'not found'}",
    ]


def repo_revision() -> str:
    """`git describe --always --dirty` of the modelgen checkout."""
    repo = Path(__file__).resolve().parent.parent
    rev = capture(["git", "-C", str(repo), "describe", "--always", "--dirty"])
    return rev or "no commit yet"


def _modelgen_commit(tools: list, args=None) -> str:
    if not tools or tools[0].name != BASE_TOOL:
        return ""
    end = repo_revision()
    start = getattr(args, "revision_at_start", None) or end
    if start == end:
        return f" (repo {end})"
    return (
        f" (repo {start} at the start, {end} at the end: the checkout changed "
        "during the run)"
    )


def render_header(args, tools: list) -> list[str]:
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    lines = ["# modelgen benchmark", "", f"Date: {now}", "", "Machine:", ""]
    lines += machine_info(args)
    settings = (
        f"Runs per figure: {args.runs} (median); timeout per run: {args.timeout:.0f} s;"
        f" flags: quick={args.quick}, only-peers={args.only_peers}"
    )
    large = getattr(args, "large_synthetic_runs", args.runs)
    if large != args.runs and not args.quick and not args.only_peers:
        settings += (
            f" (synthetic 4x and 8x specs: {large} run{'s' if large != 1 else ''}"
            " each, to keep the total time down; see the runs column)"
        )
    lines += ["", settings, "", "Tool versions:", ""]
    for tool in tools:
        extra = _modelgen_commit(tools, args) if tool.name == BASE_TOOL else ""
        lines.append(f"- {tool.name}{extra}: " + "; ".join(tool.versions()))
    return lines


def render_table(
    title: str, index: int, tools: list, specs: list, results
) -> list[str]:
    """One metric (0 = wall s, 1 = peak RSS MB) for every spec x case."""
    names = [t.name for t in tools]
    lines = ["", f"## {title}", "", "| spec | case | " + " | ".join(names) + " |"]
    lines.append("|---|---|" + "---|" * len(names))
    for spec, _ in specs:
        for case, case_title in CASE_TITLES.items():
            base = summarize(results.get((spec.name, case, BASE_TOOL)))
            cells = []
            for tool in tools:
                runs = results.get((spec.name, case, tool.name))
                if not tool.available():
                    cells.append("not installed")
                elif case == "check" and tool.check is None:
                    cells.append("n/a (no check mode)")
                else:
                    cells.append(_cell(summarize(runs), base, index))
            lines.append(f"| {spec.name} | {case_title} | " + " | ".join(cells) + " |")
    return lines


REFERENCE_TOOL = "datamodel-codegen (builtin)"
# modelgen's cold generation against the reference tool's, at most (by spec).
COLD_TARGETS = {"openai-2026-08.yaml": 0.5, "openai-2024-12-18.yaml": 0.7}
CHANGED_TARGET = 0.15  # one schema changed, against modelgen's own cold run


def _ratio(value, base) -> float | None:
    if isinstance(value, tuple) and isinstance(base, tuple) and base[0] > 0:
        return value[0] / base[0]
    return None


def render_reference(specs: list, results) -> list[str]:
    """modelgen's wall time as a fraction of the reference tool's, with the targets."""
    title = f"## modelgen against {REFERENCE_TOOL} (wall time, modelgen / peer)"
    head = "| spec | case | modelgen s | peer s | ratio | target |"
    lines = ["", title, "", head, "|---|---|---|---|---|---|"]
    for spec, _ in specs:
        cold = summarize(results.get((spec.name, "cold", BASE_TOOL)))
        for case, case_title in CASE_TITLES.items():
            mine = summarize(results.get((spec.name, case, BASE_TOOL)))
            peer = summarize(results.get((spec.name, case, REFERENCE_TOOL)))
            ratio = _ratio(mine, peer)
            target = ""
            if case == "cold" and spec.name in COLD_TARGETS:
                target = f"≤ {COLD_TARGETS[spec.name]:.2f}"
            elif case == "changed":
                own = _ratio(mine, cold)
                mark = "" if own is None else f" (now {own:.2f})"
                target = f"≤ {CHANGED_TARGET:.2f} × modelgen cold{mark}"
            cells = [f"{x[0]:.2f}" if isinstance(x, tuple) else x for x in (mine, peer)]
            lines.append(
                f"| {spec.name} | {case_title} | {cells[0]} | {cells[1]} | "
                + (f"×{ratio:.2f}" if ratio is not None else "n/a")
                + f" | {target} |"
            )
    return lines


def render_synthetic(synth: list, results) -> list[str]:
    """modelgen on 1x..8x the 2026-08 component schemas."""
    head = (
        "| copies | schemas | runs | cold s | cold peak RSS MB | ms per schema (cold) |"
    )
    head += " cold time vs 1x | no-op s |"
    title = "## modelgen scaling (synthetic specs, components of 2026-08 x N)"
    lines = ["", title, "", head, "|---|---|---|---|---|---|---|---|"]
    first = None
    for factor, _, count in synth:
        cold_runs = results.get((f"synthetic-{factor}x", "cold", BASE_TOOL)) or []
        cold = summarize(cold_runs)
        runs = len(cold_runs)
        noop = summarize(results.get((f"synthetic-{factor}x", "noop", BASE_TOOL)))
        noop_text = noop if isinstance(noop, str) else f"{noop[0]:.2f}"
        if isinstance(cold, str):
            lines.append(
                f"| {factor}x | {count} | {runs} | {cold} | | | | {noop_text} |"
            )
            continue
        first = first or cold
        lines.append(
            f"| {factor}x | {count} | {runs} | {cold[0]:.2f} | {cold[1]:.0f} | "
            f"{1000 * cold[0] / count:.2f} | ×{cold[0] / first[0]:.2f} | {noop_text} |"
        )
    return lines


def render_failures(results) -> list[str]:
    """Log tail of the first failed run of each figure."""
    lines = []
    for (spec, case, tool), runs in results.items():
        bad = [r for r in runs if r is not None and not r.ok]
        if not bad:
            continue
        lines += [
            "",
            f"- {tool}, {spec}, {case}: {bad[0].describe_failure()}",
            "",
            "  ```",
        ]
        lines += [f"  {ln}" for ln in log_tail(bad[0].log)] + ["  ```"]
    return ["", "## Failures", ""] + (lines or ["None."])


def render_notes(tools: list, specs: list, edited: dict[str, str]) -> list[str]:
    spec, out = Path("SPEC"), Path("OUT")
    lines = ["", "## Commands and notes", ""]
    for tool in tools:
        lines.append(f"- {tool.name}: `{' '.join(tool.generate(spec, out))}`")
        if tool.check is not None:
            lines.append(f"  - check: `{' '.join(tool.check(spec, out))}`")
    lines += [
        "- openapi-generator adds `--skip-validate-spec` for openai-2026-08.yaml "
        "(its validator rejects the reserved `x-oai-beta` extension).",
        "- openapi-python-client always generates a whole client (endpoints too), "
        "and `--overwrite` deletes and rewrites the output directory.",
        "- Edited schema description for the 'one schema changed' case: "
        + ", ".join(f"{name}: `{schema}`" for name, schema in edited.items())
        + ". datamodel-codegen leaves schema-level descriptions out of its output "
        "(no `--use-schema-description`), so its output does not change there; "
        "like the other peers it regenerates everything anyway.",
        "- datamodel-codegen runs twice: with black + isort (its current default) and "
        "with `--formatters builtin` (its fastest configuration, no external "
        "formatter); the second is the reference of the targets table.",
        "- Wall time is the median in seconds; peak RSS is the median, in MB, "
        "of the child's `ru_maxrss` as reported by `/usr/bin/time -f %M` "
        "(wait4 rusage): the largest single process of the tree, JVM and ruff "
        "included. Ratios are tool / modelgen.",
        "- `modelgen` runs with `MODELGEN_CACHE_DIR` set to a per-run temp dir, "
        "emptied for cold runs and for the check copy. OS page cache is not dropped.",
        "- Every run writes into a new directory, and no output is deleted until the "
        "bench ends: right after thousands of files are deleted, ext4 passes over "
        "their inodes (recently deleted) each time it makes a file, which slowed "
        "the next cold run that writes thousands (modelgen's, 2026-08: 4.3 s "
        "against 2.7 s).",
        "- The check copy is made under a new parent directory but keeps the output "
        "directory's name (`out`), as a fresh clone would: modelgen takes the package "
        "name used in `docs/` from that name.",
        "- modelgen sends to black only the modules its renderer cannot prove "
        "black-stable (none of the OpenAI specs'), in a pool of worker processes "
        "(one per core) when there are 48 or more, and renders the docs of specs of "
        "200 models or more in a second process; its peak RSS is that of the "
        "largest single process, so it does not add up the helpers' memory.",
    ]
    return lines


def render_report(args, tools, specs, edited, results, synth) -> str:
    lines = render_header(args, tools)
    lines += render_table("Wall time, s (ratio to modelgen)", 0, tools, specs, results)
    lines += render_table("Peak RSS, MB (ratio to modelgen)", 1, tools, specs, results)
    if any(t.name == REFERENCE_TOOL and t.available() for t in tools):
        lines += render_reference(specs, results)
    if isinstance(synth, str):
        lines += ["", "## modelgen scaling (synthetic specs)", "", synth]
    elif synth:
        lines += render_synthetic(synth, results)
    lines += render_failures(results)
    lines += render_notes(tools, specs, edited)
    return "\n".join(lines) + "\n"
