"""Where spec documents come from: files, URLs, a git revision, standard input.

Each document is known by a key: the real path of a file, the URL of a
remote document, `git:<commit>:<path in the repository>` for a file of a
git revision (read with `git cat-file`, the working tree is never touched),
and `<stdin>` in the working directory for standard input. A reference in a
document is resolved against that document's key, so the files a git
revision's spec references come from the same revision, and those of a
remote document from the same site (if the allow-list permits).
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
import urllib.parse
from dataclasses import dataclass

GIT = "git:"
STDIN_NAME = "<stdin>"


class SourceError(Exception):
    """The spec argument names nothing that can be read."""


def is_url(key: str) -> bool:
    return urllib.parse.urlsplit(key).scheme in ("http", "https")


def is_git(key: str) -> bool:
    return key.startswith(GIT)


@dataclass(frozen=True)
class Root:
    """The root document: its key, the folder references must stay in, how it is shown."""

    key: str
    base: str
    shown: str
    data: bytes | None = None  # already read (standard input)


def root_of(spec: str, max_bytes: int) -> Root:
    """The root document named by the spec argument (`-`, a URL, `REV:path`, or a file)."""
    if spec == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        key = os.path.join(os.path.realpath(os.getcwd()), STDIN_NAME)
        return Root(key, os.path.dirname(key), STDIN_NAME, data)
    if is_url(spec):
        return Root(spec, spec, spec)
    if (
        ":" in spec
        and not os.path.exists(spec)
        and not re.match(r"^[A-Za-z]:[\\/]", spec)
    ):
        found = git_root(spec)
        if found is not None:
            return found
    real = os.path.realpath(spec)
    return Root(real, os.path.dirname(real), spec)


def _git(*args: str) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", *args], capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def git_root(spec: str) -> Root | None:
    """`REV:path` (path from the repository's top, or `./`-relative to here) in a git revision."""
    rev, _, path = spec.partition(":")
    if not rev or not path or rev.startswith("-"):
        return None
    commit = _git(
        "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
    )
    if commit is None:
        return None
    if path.startswith(("./", "../")):
        prefix = (_git("rev-parse", "--show-prefix") or b"").decode().strip()
        path = posixpath.join(prefix, path)
    path = posixpath.normpath(path)
    if path.startswith("../") or path == "..":
        raise SourceError(f"{spec}: the path leaves the repository")
    commit_id = commit.decode().strip()
    return Root(
        f"{GIT}{commit_id}:{path}", f"{GIT}{commit_id}:{posixpath.dirname(path)}", spec
    )


def git_parts(key: str) -> tuple[str, str]:
    """(commit, path in the repository) of a `git:` key."""
    commit, _, path = key[len(GIT) :].partition(":")
    return commit, path


def git_read(key: str, max_bytes: int) -> bytes:
    """The bytes of a file of a git revision (key `git:<commit>:<path>`)."""
    obj = key[len(GIT) :]
    size = _git("cat-file", "-s", obj)
    if size is None:
        raise SourceError(f"no file {git_parts(key)[1]!r} in that git revision")
    if int(size.decode().strip() or 0) > max_bytes:
        raise SourceError(f"file is larger than the {max_bytes // 2**20} MiB limit")
    data = _git("cat-file", "blob", obj)
    if data is None:
        raise SourceError("git cannot read it")
    return data


def child_key(base_key: str, root_base: str, file_part: str) -> str:
    """The key of `file_part` referenced from document `base_key`; `SourceError` if refused."""
    if is_url(file_part):
        return file_part
    scheme = urllib.parse.urlsplit(file_part).scheme
    network = file_part.startswith("//") and not is_url(base_key)
    if len(scheme) > 1 or network:  # one letter: a drive (`C:`), refused below
        raise SourceError(
            f"{scheme or 'network'} references are not allowed "
            "(only files in the spec's directory, or allowed http(s) URLs)"
        )
    if is_url(base_key):
        return urllib.parse.urljoin(base_key, file_part)
    if "\x00" in file_part:
        raise SourceError("a file reference may not contain a NUL character")
    if os.path.isabs(file_part) or file_part.startswith(("\\", "~")) or scheme:
        raise SourceError("absolute file references are not allowed")
    if is_git(base_key):
        commit, path = git_parts(base_key)
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(path), file_part))
        folder = git_parts(root_base)[1]
        if joined.startswith("../") or (folder and not joined.startswith(folder + "/")):
            raise SourceError("the reference leaves the spec's directory")
        return f"{GIT}{commit}:{joined}"
    path = os.path.realpath(os.path.join(os.path.dirname(base_key), file_part))
    if os.path.commonpath([path, root_base]) != root_base:
        raise SourceError("the reference leaves the spec's directory")
    return path


def display(key: str, root_key: str, root_shown: str, root_base: str) -> str:
    """A document key as shown to users: the root as given, others relative to its folder."""
    if key == root_key:
        return root_shown
    if is_url(key):
        return key
    if is_git(key):
        commit, path = git_parts(key)
        return f"{commit[:12]}:{path}"
    return os.path.relpath(key, root_base)
