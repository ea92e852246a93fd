#!/usr/bin/env python3
"""Profile modelgen's pipeline in-process on one spec.

Runs the five stages of `modelgen generate` (load -> build -> render ->
format -> write) by calling them directly, with a fresh empty black-format
cache (MODELGEN_CACHE_DIR) and a fresh temporary output directory:

1. a timed cold run: time.perf_counter around each stage, no profiler;
2. (unless --no-noop) the no-op case: first modelgen's manifest fast path
   (modelgen.fastpath.up_to_date, what `generate`/`check` do first when
   nothing changed), then the full pipeline again into the same output with
   the same, now warm, cache: about what a regenerate after a one-schema edit
   costs (only that schema's files miss the cache);
3. (unless --no-profile) a cold run under cProfile (new empty cache, new
   output directory), then the top N functions by cumulative and by total
   (own) time.

`format_files` formats cache misses in a process pool when there are many
of them; cProfile only sees the parent process, so the profiled run uses
--profile-jobs 1 by default (black runs in-process and shows up in the
profile).  The timed runs use --jobs (default: as modelgen, all cores).

Usage:
  .venv/bin/python bench/profile.py SPEC [--top 25] [--target NAME] [--jobs N]
         [--profile-jobs N] [--no-noop] [--no-profile] [--save FILE.pstats]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# This file is named like the stdlib `profile` module, which cProfile
# imports; take the script's own directory off sys.path so that
# `import cProfile` gets the real one.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import cProfile  # noqa: E402
import io  # noqa: E402
import pstats  # noqa: E402

try:
    import modelgen  # noqa: F401  (installed in modelgen's venv)
except ImportError:  # run from a checkout with another interpreter
    sys.path.append(str(REPO))

from modelgen import targets  # noqa: E402
from modelgen.build import build_document  # noqa: E402
from modelgen.diagnostics import Level, SpecError  # noqa: E402
from modelgen.format import black_identity, format_files  # noqa: E402
from modelgen.load import load_spec  # noqa: E402
from modelgen.pipeline import package_name  # noqa: E402
from modelgen.render import render_files, templates_digest  # noqa: E402
from modelgen.write import write_output  # noqa: E402

STAGES = ["load", "build", "render", "format", "write"]


def _request_options(
    spec: str, output: str, target: str = "pydantic"
) -> dict[str, object] | None:
    """The options `modelgen generate SPEC --output OUTPUT --target TARGET`
    records, if known."""
    try:
        from modelgen.pipeline import Request

        request = Request(spec, output, target=target)  # type: ignore[call-arg]
        return dict(request.options())  # type: ignore[attr-defined]
    except (ImportError, AttributeError, TypeError):
        return None


def manifest_meta(
    spec: str, output: str, document, target: str = "pydantic"
) -> dict[str, object]:
    """The manifest metadata the CLI writes (so its fast path accepts it)."""
    options = _request_options(spec, output, target)
    try:
        from modelgen.fastpath import current_meta

        if options is not None:
            return dict(
                current_meta(options, package_name(output)),
                inputs=dict(document.inputs),
            )
    except ImportError:
        pass
    return {  # older modelgen: no fast path, the meta is only recorded
        "tool": "modelgen (bench/profile.py)",
        "formatter": black_identity(),
        "templates": templates_digest(),
        "inputs": dict(document.inputs),
        "options": options or {"schemas": [], "docs": True},
    }


def time_fast_path(
    spec: str, output: str, target: str = "pydantic"
) -> tuple[float, bool] | None:
    """(seconds, verdict) of modelgen.fastpath.up_to_date, if it exists."""
    options = _request_options(spec, output, target)
    try:
        from modelgen.fastpath import up_to_date
    except ImportError:
        return None
    if options is None:
        return None
    start = time.perf_counter()
    verdict = up_to_date(spec, output, options, package_name(output))
    return time.perf_counter() - start, bool(verdict)


def run_pipeline(
    spec: str,
    output: str,
    jobs: int | None,
    timings: dict[str, float] | None = None,
    target: str = "pydantic",
) -> dict[str, object]:
    """The stages of `modelgen generate SPEC --output OUTPUT --target TARGET` (all
    docs, all schemas), as in modelgen.produce.produce + write_output; returns counts.
    """
    model_target = targets.get(target)
    clock = time.perf_counter
    marks = [clock()]
    files = load_spec(spec)
    marks.append(clock())
    document, diagnostics = build_document(files, names=model_target.names)
    errors = [d for d in diagnostics if d.level == Level.ERROR]
    if errors:
        raise SpecError(errors)
    marks.append(clock())
    rendered = render_files(document, package_name(output), True, target=model_target)
    marks.append(clock())
    formatted = format_files(rendered, jobs=jobs)
    marks.append(clock())
    summary = write_output(
        output, formatted, manifest_meta(spec, output, document, target)
    )
    marks.append(clock())
    if timings is not None:
        for name, start, end in zip(STAGES, marks, marks[1:]):
            timings[name] = end - start
    return {
        "models": len(document.models),
        "files": len(formatted),
        "python files": sum(1 for f in formatted if f.is_python),
        "warnings": len(diagnostics),
        "written": len(summary.written),
        "unchanged": summary.unchanged,
    }


def print_timings(title: str, timings: dict[str, float], counts: dict) -> None:
    total = sum(timings.values())
    print(f"== {title}: {total:.2f} s in-process")
    print("   " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    for name in STAGES:
        share = 100 * timings[name] / total if total else 0.0
        print(f"   {name:<8} {timings[name]:8.3f} s  {share:5.1f} %")


def print_top(stats: pstats.Stats, key: str, top: int) -> None:
    buf = io.StringIO()
    stats.stream = buf
    stats.sort_stats(key).print_stats(top)
    text = buf.getvalue()
    # Drop pstats' preamble (file name, blank lines) up to the summary line.
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if "function calls" in ln), 0)
    print(f"== top {top} by {key} time")
    print("\n".join(lines[start:]).strip("\n"))


class Scratch:
    """Fresh temp cache and output directories; removed unless --keep."""

    def __init__(self, keep: bool) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="modelgen-profile-"))
        self.keep = keep
        self.count = 0

    def fresh(self) -> tuple[str, str]:
        """(cache dir, output dir) for a cold run; cache set in the env."""
        self.count += 1
        cache = self.root / f"cache{self.count}"
        cache.mkdir()
        os.environ["MODELGEN_CACHE_DIR"] = str(cache)
        # `out` is the package name (used in docs/), as in bench.py
        return str(cache), str(self.root / f"run{self.count}" / "out")

    def close(self) -> None:
        if self.keep:
            print(f"scratch directory kept: {self.root}", file=sys.stderr)
        else:
            shutil.rmtree(self.root, ignore_errors=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("spec", help="OpenAPI spec (YAML or JSON)")
    parser.add_argument("--top", type=int, default=25, help="rows per table")
    parser.add_argument(
        "--target",
        default="pydantic",
        choices=sorted(targets.TARGETS),
        help="the model library, as `modelgen generate --target`",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="format workers, timed runs (default: modelgen's)",
    )
    parser.add_argument(
        "--profile-jobs", type=int, default=1, help="format workers, profiled run"
    )
    parser.add_argument(
        "--no-noop", action="store_true", help="skip the timed no-op run"
    )
    parser.add_argument("--no-profile", action="store_true", help="stage timings only")
    parser.add_argument("--save", type=Path, help="also write the raw pstats here")
    parser.add_argument("--keep", action="store_true", help="keep the temp directories")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 8000))  # as the CLI does
    scratch = Scratch(args.keep)
    print(
        f"spec: {args.spec}; target: {args.target}; cpus: {os.cpu_count()}; "
        f"python {sys.version.split()[0]}"
    )
    try:
        _, output = scratch.fresh()
        timings: dict[str, float] = {}
        counts = run_pipeline(args.spec, output, args.jobs, timings, args.target)
        print_timings(
            f"cold run (empty cache, empty output, jobs={args.jobs or 'auto'})",
            timings,
            counts,
        )
        if not args.no_noop:  # same cache dir (now warm), same output
            fast = time_fast_path(args.spec, output, args.target)
            if fast is None:
                print("== no manifest fast path in this modelgen")
            else:
                verdict = "up to date" if fast[1] else "NOT up to date (full path)"
                print(
                    f"== no-op fast path (fastpath.up_to_date): {fast[0]:.3f} s, {verdict}"
                )
            counts = run_pipeline(args.spec, output, args.jobs, timings, args.target)
            print_timings(
                "warm full pipeline (warm cache, same output)", timings, counts
            )
        if not args.no_profile:
            _, output = scratch.fresh()
            profiler = cProfile.Profile()
            start = time.perf_counter()
            profiler.enable()
            run_pipeline(args.spec, output, args.profile_jobs, target=args.target)
            profiler.disable()
            wall = time.perf_counter() - start
            print(
                f"== profiled cold run: {wall:.2f} s under cProfile (jobs={args.profile_jobs})"
            )
            stats = pstats.Stats(profiler)
            if args.save:
                stats.dump_stats(str(args.save))
            stats.strip_dirs()
            print_top(stats, "cumulative", args.top)
            print_top(stats, "tottime", args.top)
    except SpecError as exc:
        for item in exc.diagnostics:
            print(f"error: {item.render()}", file=sys.stderr)
        return 2
    finally:
        scratch.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
