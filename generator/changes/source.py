"""Part of `changes`: read OLD and NEW, from files or from git revisions.

`REV:path` (`HEAD~1:specs/openai.yaml`) is read with `git show`, never by
checking anything out: the working tree and index are left alone. The
revision's files go to a private temporary folder, the spec and the files
its `$ref`s name, so relative references resolve as they did at that
revision. Parsing goes through `load` and its parse cache.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from .. import load as load_module
from ..diagnostics import Diagnostic, SpecError, error
from ..format import cache_dir
from ..load import load_spec
from ..reparse import ParseCache
from .schema import Side

MAX_FILES = 2000
_FILE_REF = re.compile(r"""["']?\$ref["']?\s*:\s*["']?([^"'#\s,}]+)""")


def parse_cache() -> ParseCache:
    """The parse cache `generate` uses, salted by the loader's own code."""
    digest = hashlib.sha256()
    for module in ("load.py", "reparse.py"):
        digest.update(Path(load_module.__file__).with_name(module).read_bytes())
    return ParseCache(cache_dir() / "parsed", digest.hexdigest(), {})


def git_spec(arg: str) -> tuple[str, str] | None:
    """(revision, path) when `arg` names a spec at a git revision rather than a file."""
    if os.path.exists(arg) or ":" not in arg:
        return None
    revision, _, path = arg.partition(":")
    if not revision or not path or re.match(r"^[A-Za-z]$", revision):
        return None  # `C:\...` is a Windows path
    return revision, path


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], capture_output=True, timeout=120)
    except OSError as exc:
        raise SpecError([error("git", "", f"cannot run git: {exc.strerror}")]) from exc


def _repo_path(arg: str, path: str) -> str:
    """`path` relative to the repository root (`./x` and `../x` are from here)."""
    if not path.startswith(("./", "../")):
        return posixpath.normpath(path)
    prefix = _git("rev-parse", "--show-prefix")
    if prefix.returncode != 0:
        raise SpecError([error(arg, "", "not inside a git repository")])
    return posixpath.normpath(prefix.stdout.decode().strip() + path)


def materialize(arg: str, revision: str, path: str, folder: str) -> str:
    """Write the spec at `revision` and the files it references into `folder`."""
    root = _repo_path(arg, path)
    todo, done = [root], set[str]()
    while todo and len(done) < MAX_FILES:
        name = todo.pop()
        if name in done or name.startswith("../"):
            continue
        done.add(name)
        shown = _git("show", f"{revision}:{name}")
        if shown.returncode != 0:
            if name == root:
                message = shown.stderr.decode("utf-8", "replace").strip().splitlines()
                reason = message[0] if message else "git show failed"
                raise SpecError([error(arg, "", f"cannot read from git: {reason}")])
            continue  # a missing referenced file is reported by the loader
        target = os.path.join(folder, *name.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(shown.stdout)
        text = shown.stdout.decode("utf-8", "replace")
        for ref in _FILE_REF.findall(text):
            if "://" not in ref and not ref.startswith("/"):
                todo.append(
                    posixpath.normpath(posixpath.join(posixpath.dirname(name), ref))
                )
    return os.path.join(folder, *root.split("/"))


class Sources:
    """Opens specs and removes the temporary folders of git revisions afterwards."""

    def __init__(self) -> None:
        self.cache = parse_cache()
        self.folders: list[tempfile.TemporaryDirectory[str]] = []
        self.opened: dict[str, Side] = {}

    def open(self, arg: str) -> Side:
        found = git_spec(arg)
        key = arg if found else os.path.realpath(arg)
        if key in self.opened:
            return self.opened[key]
        if found is None:
            files = load_spec(arg, self.cache)
        else:
            folder = tempfile.TemporaryDirectory(prefix="modelgen-changes-")
            self.folders.append(folder)
            path = materialize(arg, *found, folder.name)
            try:
                files = load_spec(path, self.cache)
            except SpecError as exc:
                raise SpecError(
                    [_shown(d, path, arg) for d in exc.diagnostics]
                ) from exc
            files.root_display = arg
        side = Side(files)
        self.opened[key] = side
        return side

    def close(self) -> None:
        for folder in self.folders:
            folder.cleanup()
        self.folders.clear()

    def __enter__(self) -> "Sources":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _shown(item: Diagnostic, path: str, arg: str) -> Diagnostic:
    return replace(item, file=arg) if item.file == path else item
