#!/usr/bin/env python3
"""Benchmark modelgen against peer OpenAPI -> Python model generators.

For each spec and each tool, one "run" is this sequence of measured cases:

  cold     generate into a fresh empty directory (modelgen's cache is empty)
  noop     generate again into the same directory with the same spec
  check    copy the output to a fresh directory of the same name (as in a
           fresh clone); run the tool's check mode there with an empty
           cache (modelgen `check`, datamodel-codegen `--check`; the other
           peers have no check mode: n/a)
  changed  regenerate into the first directory from a copy of the spec in
           which one schema's description was edited

Runs are interleaved across tools (A run 1, B run 1, ..., A run 2, ...) and
each figure is the median over --runs runs.  Then modelgen alone is timed on
synthetic specs holding 1x, 2x, 4x and 8x the 2026-08 component schemas.

Usage: python3 bench/bench.py [--runs N] [--quick] [--only-peers] [--timeout S]
                              [--large-synthetic-runs N]
Standard library only; the peers live in venvs under .peers (`make peers`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from benchproc import RunResult, run_measured
from benchreport import render_report, repo_revision
from benchspec import load_spec, write_changed_spec, write_synthetic_specs
from benchtools import Tool, make_tools, precompile

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SPEC_NAMES = ["openai-2024-12-18.yaml", "openai-2026-08.yaml"]
CASES = ["cold", "noop", "check", "changed"]
FACTORS = [1, 2, 4, 8]
LARGE_FACTOR = 4  # --large-synthetic-runs applies from this factor up

Results = dict[tuple[str, str, str], list[RunResult | None]]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="2024-12-18 spec only, 1 run, no synthetic specs",
    )
    parser.add_argument(
        "--only-peers",
        action="store_true",
        help="leave modelgen out (before it exists)",
    )
    parser.add_argument(
        "--tools",
        default="",
        help="comma-separated tool slugs to run (default: all), e.g. "
        "modelgen,datamodel-codegen-builtin",
    )
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="seconds allowed for one tool run"
    )
    parser.add_argument(
        "--large-synthetic-runs",
        type=int,
        default=None,
        metavar="N",
        help=f"runs for the synthetic specs of >= {LARGE_FACTOR}x (default: --runs)",
    )
    parser.add_argument(
        "--specs-dir", type=Path, default=REPO.parent / "shared" / "specs" / "openai"
    )
    parser.add_argument("--peers-dir", type=Path, default=REPO / ".peers")
    parser.add_argument("--modelgen-bin", type=Path, default=REPO / ".venv" / "bin")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary work directory"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = 1
    if args.runs < 1:
        parser.error("--runs must be >= 1")
    if args.large_synthetic_runs is None:
        args.large_synthetic_runs = args.runs
    if not 1 <= args.large_synthetic_runs <= args.runs:
        parser.error("--large-synthetic-runs must be between 1 and --runs")
    return args


class Bench:
    """Holds the settings of one benchmark invocation and its results."""

    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.results: Results = {}
        self.counter = 0

    def measure(
        self, tool: Tool, argv: list[str], cache: Path | None, what: str
    ) -> RunResult:
        """Run one command of tool, log it, and print a progress line."""
        self.counter += 1
        log = self.work / "logs" / f"{self.counter:04d}-{tool.slug}-{what}.log"
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
        res = run_measured(argv, tool.env(cache), self.args.timeout, log)
        status = "ok" if res.ok else res.describe_failure()
        line = f"  {tool.name:<28} {what:<28} {res.wall:8.2f} s {res.rss_kb / 1024:8.1f} MB"
        print(f"{line}  {status}", file=sys.stderr, flush=True)
        return res

    def record(self, key: tuple[str, str, str], res: RunResult | None) -> None:
        self.results.setdefault(key, []).append(res)

    def run_sequence(self, tool: Tool, spec: Path, changed: Path, run: int) -> None:
        """One run of the four cases of tool on spec (see module docstring)."""
        label = spec.name
        base = self.work / f"r{run}-{tool.slug}-{spec.stem}"
        # The check copy keeps the output directory's name, as a fresh clone
        # would: modelgen derives the package name (used in docs/) from it.
        out, copy, cache = base / "out", base / "clone" / "out", base / "cache"
        shutil.rmtree(base, ignore_errors=True)  # cold: no output, no cache
        out.mkdir(parents=True)
        cold = self.measure(tool, tool.generate(spec, out), cache, f"{spec.stem} cold")
        self.record((label, "cold", tool.name), cold)
        if not cold.ok:
            for case in CASES[1:]:
                self.record((label, case, tool.name), None)
            return
        noop = self.measure(tool, tool.generate(spec, out), cache, f"{spec.stem} noop")
        self.record((label, "noop", tool.name), noop)
        if tool.check is not None:
            shutil.copytree(out, copy)
            fresh_cache = base / "cache-check"  # a check starts with no cache
            res = self.measure(
                tool, tool.check(spec, copy), fresh_cache, f"{spec.stem} check"
            )
            self.record((label, "check", tool.name), res)
        res = self.measure(
            tool, tool.generate(changed, out), cache, f"{spec.stem} changed"
        )
        self.record((label, "changed", tool.name), res)
        # Outputs stay until the bench ends: right after thousands of files
        # are deleted, ext4 skips their inodes (recently deleted) when it
        # makes new ones, and the next tool's run would pay for this one's.

    def run_matrix(self, tools: list[Tool], specs: list[tuple[Path, Path]]) -> None:
        """All runs of all tools on all specs, interleaved across tools."""
        for spec, changed in specs:
            for run in range(1, self.args.runs + 1):
                print(f"== {spec.name}: run {run}/{self.args.runs}", file=sys.stderr)
                for tool in tools:
                    if tool.available():
                        self.run_sequence(tool, spec, changed, run)

    def run_synthetic(self, tool: Tool, synth: list[tuple[int, Path, int]]) -> None:
        """modelgen alone: cold + noop generation on each synthetic spec."""
        for run in range(1, self.args.runs + 1):
            print(f"== synthetic: run {run}/{self.args.runs}", file=sys.stderr)
            for factor, spec, _ in synth:
                if factor >= LARGE_FACTOR and run > self.args.large_synthetic_runs:
                    continue
                label = f"synthetic-{factor}x"
                base = self.work / f"r{run}-synth-{factor}"
                out, cache = base / "out", base / "cache"
                shutil.rmtree(base, ignore_errors=True)
                out.mkdir(parents=True)
                res = self.measure(
                    tool, tool.generate(spec, out), cache, f"{label} cold"
                )
                self.record((label, "cold", tool.name), res)
                noop = None
                if res.ok:
                    noop = self.measure(
                        tool, tool.generate(spec, out), cache, f"{label} noop"
                    )
                self.record((label, "noop", tool.name), noop)


def prepare_specs(args: argparse.Namespace, work: Path) -> tuple[list, dict[str, str]]:
    """[(spec, changed copy)] and {spec name: name of the edited schema}."""
    names = SPEC_NAMES[:1] if args.quick else SPEC_NAMES
    specs, edited = [], {}
    for name in names:
        spec = args.specs_dir / name
        changed = work / "changed" / name  # same file name as the original
        edited[name] = write_changed_spec(spec, changed)
        specs.append((spec, changed))
    return specs, edited


def prepare_synthetic(
    args: argparse.Namespace, work: Path
) -> list[tuple[int, Path, int]]:
    """Synthetic specs of FACTORS x the 2026-08 component schemas."""
    helpers = [args.modelgen_bin / "python", REPO / ".venv" / "bin" / "python"]
    helpers.append(args.peers_dir / "dcg" / "bin" / "python")
    spec = load_spec(args.specs_dir / SPEC_NAMES[-1], helpers, work)
    return write_synthetic_specs(spec, FACTORS, work / "synthetic")


def run_synthetic(
    args: argparse.Namespace, bench: Bench, tools: list[Tool]
) -> list | str:
    """Synthetic scaling runs of modelgen; an error message if not possible."""
    modelgen = tools[0] if not args.only_peers else None
    if modelgen is None or not modelgen.available() or args.quick:
        return []
    try:
        synth = prepare_synthetic(args, bench.work)
    except (OSError, RuntimeError, ValueError) as exc:
        print(f"warning: synthetic specs not prepared: {exc}", file=sys.stderr)
        return f"synthetic specs could not be prepared: {exc}"
    bench.run_synthetic(modelgen, synth)
    return synth


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tools = make_tools(
        args.modelgen_bin.resolve(), args.peers_dir.resolve(), args.only_peers
    )
    if args.tools:
        wanted = set(args.tools.split(","))
        tools = [t for t in tools if t.slug in wanted]
    for tool in tools:
        if not tool.available():
            print(
                f"warning: {tool.exe_path} not found; {tool.name} skipped",
                file=sys.stderr,
            )
        else:
            precompile(tool)
    args.revision_at_start = repo_revision()
    args.load_at_start = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="modelgen-bench-"))
    try:
        specs, edited = prepare_specs(args, work)
        bench = Bench(args, work)
        bench.run_matrix(tools, specs)
        synth = run_synthetic(args, bench, tools)
        report = render_report(args, tools, specs, edited, bench.results, synth)
    finally:
        if args.keep:
            print(f"work directory kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(report)
    args.results.write_text(report, encoding="utf-8")
    print(f"written: {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
