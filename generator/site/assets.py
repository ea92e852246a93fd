"""Mermaid's browser script, served by the site itself (no CDN at run time).

The script comes from the npm registry's `mermaid` package at a pinned
version, fetched once with `npm pack` into the modelgen cache folder and
checked against its sha256. `MODELGEN_MERMAID_JS` names a copy to use instead.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from ..config import ConfigError
from ..format import cache_dir

MERMAID_VERSION = "11.17.2"
MERMAID_SHA256 = "581ed7d74bd9048d0e3a91363927d72ef22942d7722546b27f7cc29e35390eb8"
MEMBER = "package/dist/mermaid.min.js"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mermaid_js() -> Path:
    """Path of mermaid.min.js: `MODELGEN_MERMAID_JS`, the cached copy, or a fresh fetch."""
    given = os.environ.get("MODELGEN_MERMAID_JS")
    if given:
        if not os.path.isfile(given):
            raise ConfigError(f"MODELGEN_MERMAID_JS: no such file: {given}")
        return Path(given)
    target = cache_dir() / "mermaid" / MERMAID_VERSION / "mermaid.min.js"
    if target.is_file() and _sha256(target) == MERMAID_SHA256:
        return target
    _fetch(target)
    return target


def _fetch(target: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise ConfigError(
            f"the docs site needs mermaid {MERMAID_VERSION}'s mermaid.min.js: install npm "
            "(it is fetched once with `npm pack`) or set MODELGEN_MERMAID_JS to a copy"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        done = subprocess.run(
            [npm, "pack", f"mermaid@{MERMAID_VERSION}", "--silent"],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=600,
        )
        packed = sorted(Path(work).glob("mermaid-*.tgz"))
        if done.returncode != 0 or not packed:
            raise ConfigError(
                f"npm pack mermaid@{MERMAID_VERSION} failed: {done.stderr.strip()[-300:]}"
            )
        with tarfile.open(packed[0]) as archive:
            source = archive.extractfile(MEMBER)
            if source is None:
                raise ConfigError(f"mermaid@{MERMAID_VERSION} has no {MEMBER}")
            staged = Path(work) / "mermaid.min.js"
            staged.write_bytes(source.read())
        if _sha256(staged) != MERMAID_SHA256:
            raise ConfigError(
                f"mermaid@{MERMAID_VERSION}: {MEMBER} has an unexpected sha256"
            )
        os.replace(staged, target)


if (
    __name__ == "__main__"
):  # `python -m modelgen.site.assets`: fetch it now (install time)
    print(mermaid_js())
