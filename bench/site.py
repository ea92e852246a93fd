#!/usr/bin/env python3
"""Docs site build time against Markdown generation time (target: site ≤ 2× Markdown).

For each run, with an empty modelgen cache and fresh output folders:
  markdown  `modelgen docs SPEC -o A`            (the Markdown pages)
  full      `modelgen docs SPEC -o B --site`     (the pages and the site)
  site      full - markdown                      (what the site adds)
  warm      full again into a new folder, with the cache `full` left
            (a rebuild: every page's HTML comes from the cache)
Figures are medians over --runs runs, in wall-clock seconds and in CPU
seconds (user + system of modelgen and its workers: what the load of other
processes changes least); the result goes to bench/SITE.md. Mermaid's script
is fetched at install time (`make install-site`), so the runs use that copy
instead of fetching it again into the empty cache.

Usage: .venv/bin/python bench/site.py [--spec PATH] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SPEC = HERE.parent.parent / "shared" / "specs" / "openai" / "openai-2026-08.yaml"


def timed(argv: list[str], cache: Path, mermaid: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one modelgen run."""
    env = dict(os.environ, MODELGEN_CACHE_DIR=str(cache), MODELGEN_MERMAID_JS=mermaid)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def installed_mermaid() -> str:
    """mermaid.min.js as `make install-site` left it (fetched now if it is missing)."""
    done = subprocess.run(
        [sys.executable, "-m", "modelgen.site.assets"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def one_run(spec: Path, work: Path, run: int, mermaid: str) -> tuple[Any, ...]:
    modelgen = [sys.executable, "-m", "modelgen", "docs", str(spec), "-q"]
    markdown = timed(
        [*modelgen, "-o", str(work / f"md{run}")], work / f"cache-md{run}", mermaid
    )
    full = timed(
        [*modelgen, "-o", str(work / f"site{run}"), "--site"],
        work / f"cache-s{run}",
        mermaid,
    )
    pages = sum(1 for _ in (work / f"site{run}" / "site").rglob("index.html"))
    warm = timed(  # the same again: a new folder of the same name (the same package)
        [*modelgen, "-o", str(work / f"warm{run}" / f"site{run}"), "--site"],
        work / f"cache-s{run}",
        mermaid,
    )
    return markdown, full, pages, warm


def row(name: str, seconds: tuple[float, float], base: tuple[float, float]) -> str:
    wall, cpu = seconds
    return f"| {name} | {wall:.2f} | {wall / base[0]:.2f} | {cpu:.2f} | {cpu / base[1]:.2f} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--results", type=Path, default=HERE / "SITE.md")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    mermaid = installed_mermaid()
    with tempfile.TemporaryDirectory(prefix="modelgen-bench-site-") as tmp:
        runs = [one_run(args.spec, Path(tmp), n, mermaid) for n in range(args.runs)]
    load = f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    markdown = tuple(statistics.median(r[0][i] for r in runs) for i in (0, 1))
    full = tuple(statistics.median(r[1][i] for r in runs) for i in (0, 1))
    site = (full[0] - markdown[0], full[1] - markdown[1])
    warm = tuple(statistics.median(r[3][i] for r in runs) for i in (0, 1))
    lines = [
        "# Docs site build time",
        "",
        f"Spec: `{args.spec.name}`, {runs[0][2]} site pages; median of {args.runs} runs, "
        f"empty cache, {os.cpu_count()} cores ({load}). "
        "Command: `.venv/bin/python bench/site.py`.",
        "",
        "| step | wall s | × Markdown | CPU s | × Markdown |",
        "| --- | ---: | ---: | ---: | ---: |",
        row("Markdown pages (`docs`)", markdown, markdown),
        row("site build (`docs --site` − `docs`)", site, markdown),
        row("pages and site (`docs --site`)", full, markdown),
        row("the same, warm cache (unchanged pages' HTML cached)", warm, markdown),
        "",
    ]
    args.results.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
