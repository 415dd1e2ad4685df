"""Reading files and trees from the git history of the repository a file lives in."""
from __future__ import annotations

import subprocess
from pathlib import Path

from ..base.errors import MouError


def git(repo: Path, *args, binary: bool = False):
    """Run git in ``repo``; a failure is a :class:`MouError` carrying git's own message."""
    try:
        run = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False,
                             stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise MouError("git is not installed; it is needed to read earlier versions from git") from None
    if run.returncode != 0:
        raise MouError(f"git {' '.join(args)}: {run.stderr.decode(errors='replace').strip()}")
    return run.stdout if binary else run.stdout.decode("utf-8", errors="replace")


def repo_root(start: Path) -> Path:
    try:
        return Path(git(start, "rev-parse", "--show-toplevel").strip())
    except MouError:
        raise MouError(f"{start} is not inside a git repository") from None


def verify(repo: Path, ref: str) -> None:
    """Fail with a clear message when ``ref`` names no commit of ``repo``."""
    try:
        git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except MouError:
        raise MouError(f"'{ref}' is not a git revision of {repo} (a branch, a tag, a commit, HEAD~1…)") from None


def show(path: Path, ref: str) -> str:
    """The content of ``path`` as it was at ``ref``, in the repository that holds it."""
    folder = next((p for p in path.resolve().parents if p.is_dir()), Path.cwd())
    try:
        root = repo_root(folder)
    except MouError:
        raise MouError(f"{path}@{ref}: {path.resolve()} is not inside a git repository") from None
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise MouError(f"{path}@{ref}: the file is outside the git repository {root}; PATH@GITREF "
                       f"names a file of the repository, relative to the spec") from None
    verify(root, ref)
    try:
        return git(root, "show", f"{ref}:{rel}")
    except MouError:
        raise MouError(f"{rel} does not exist at {ref} in {root}") from None
