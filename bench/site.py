#!/usr/bin/env python3
"""Docs site build time against Markdown generation time (target: site ≤ 2× Markdown).

For each run, with an empty modelgen cache and fresh output folders:
  markdown  `modelgen docs SPEC -o A`            (the Markdown pages)
  full      `modelgen docs SPEC -o B --site`     (the pages and the site)
  site      full - markdown                      (what the site adds)
Figures are medians over --runs runs; the result goes to bench/SITE.md.

Usage: .venv/bin/python bench/site.py [--spec PATH] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPEC = HERE.parent.parent / "shared" / "specs" / "openai" / "openai-2026-08.yaml"


def timed(argv: list[str], cache: Path) -> float:
    env = dict(os.environ, MODELGEN_CACHE_DIR=str(cache))
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{done.stderr[-2000:]}")
    return elapsed


def one_run(spec: Path, work: Path, run: int) -> tuple[float, float, int]:
    modelgen = [sys.executable, "-m", "modelgen", "docs", str(spec), "-q"]
    markdown = timed([*modelgen, "-o", str(work / f"md{run}")], work / f"cache-md{run}")
    full = timed(
        [*modelgen, "-o", str(work / f"site{run}"), "--site"], work / f"cache-s{run}"
    )
    pages = sum(1 for _ in (work / f"site{run}" / "site").rglob("index.html"))
    return markdown, full, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--results", type=Path, default=HERE / "SITE.md")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="modelgen-bench-site-") as tmp:
        runs = [one_run(args.spec, Path(tmp), n) for n in range(args.runs)]
    load = f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    markdown = statistics.median(r[0] for r in runs)
    full = statistics.median(r[1] for r in runs)
    site = full - markdown
    lines = [
        "# Docs site build time",
        "",
        f"Spec: `{args.spec.name}`, {runs[0][2]} site pages; median of {args.runs} runs, "
        f"empty cache, {os.cpu_count()} cores ({load}). "
        "Command: `.venv/bin/python bench/site.py`.",
        "",
        "| step | seconds | × Markdown |",
        "| --- | ---: | ---: |",
        f"| Markdown pages (`docs`) | {markdown:.2f} | 1.00 |",
        f"| site build (`docs --site` − `docs`) | {site:.2f} | {site / markdown:.2f} |",
        f"| pages and site (`docs --site`) | {full:.2f} | {full / markdown:.2f} |",
        "",
    ]
    args.results.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
