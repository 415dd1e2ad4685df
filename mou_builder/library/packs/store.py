"""Where packs are installed, installing them, and finding the ones a spec selects.

Installed packs live per user in ``$XDG_DATA_HOME/mou_builder/packs/NAME/VERSION/``
(by default ``~/.local/share/...``) or in the project, ``./.mou/packs/NAME/VERSION/``
(``--local``). Installing copies into a temporary folder beside the target, verifies
every hash there, then renames it into place: a failed install leaves nothing behind.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from . import manifest, semver
from .manifest import Pack, PackError

MAX_ZIP_BYTES = 100_000_000
MAX_RATIO = 100  # uncompressed / compressed, per entry


def user_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "mou_builder" / "packs"


def local_dir(project: Path | None = None) -> Path:
    return Path(project or Path.cwd()) / ".mou" / "packs"


def places(project: Path | None = None) -> list[Path]:
    """Where packs are looked for, the project's first."""
    return [local_dir(project), user_dir()]


def installed(project: Path | None = None) -> list[Pack]:
    """Every installed pack (project first, then per user; newest version first)."""
    found = []
    for place in places(project):
        if not place.is_dir():
            continue
        for folder in sorted(place.glob("*/*")):
            try:
                found.append(manifest.read(folder))
            except PackError:
                continue
    return sorted(found, key=lambda p: (p.name, tuple(-x for x in p.version)))


# -- installing ------------------------------------------------------------------
def install(source: str, local: bool = False, project: Path | None = None, force: bool = False) -> Pack:
    """Install the pack at ``source``: a folder, a ``.zip`` or a git URL (``URL@TAG``)."""
    target_root = local_dir(project) if local else user_dir()
    target_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".incoming-", dir=target_root) as temp:
        staged = Path(temp) / "pack"
        path = Path(source)
        if path.is_dir():
            _copy_folder(path, staged)
        elif path.is_file() and zipfile.is_zipfile(path):
            _unzip(path, staged)
        elif path.is_file():
            raise PackError(f"{source}: not a pack folder nor a zip file")
        elif _looks_like_git(source):
            _clone(source, Path(temp) / "clone", staged)
        else:
            raise PackError(f"{source}: no such folder, zip file or git repository")
        pack = manifest.read(staged)
        manifest.verify(pack)
        target = target_root / pack.name / semver.show(pack.version)
        if target.exists():
            if not force:
                raise PackError(f"{pack.label} is already installed in {target} (--force replaces it)")
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
    return manifest.read(target)


def _copy_folder(source: Path, staged: Path) -> None:
    staged.mkdir(parents=True)
    for relative in manifest.walk(source):  # refuses links
        if relative.startswith(".git/"):
            continue
        manifest.safe_name(relative, source)
        (staged / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / relative, staged / relative)


def _unzip(path: Path, staged: Path) -> None:
    """Extract a zip, refusing links, names outside the folder and oversized entries."""
    staged.mkdir(parents=True)
    with zipfile.ZipFile(path) as z:
        infos = [i for i in z.infolist() if not i.is_dir()]
        prefix = _common_folder([i.filename for i in infos])
        total = 0
        for info in infos:
            name = info.filename[len(prefix):]
            manifest.safe_name(name, f"{path}: entry '{info.filename}'")
            if (info.external_attr >> 16) & 0o170000 == 0o120000:
                raise PackError(f"{path}: entry '{info.filename}' is a link; a pack holds plain files only")
            total += info.file_size
            if info.file_size > manifest.MAX_FILE_BYTES or total > MAX_ZIP_BYTES:
                raise PackError(f"{path}: entry '{info.filename}' unpacks to {info.file_size} bytes; too large")
            if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise PackError(f"{path}: entry '{info.filename}' is compressed "
                                f"{info.file_size // max(info.compress_size, 1)} times; refusing a possible zip bomb")
            (staged / name).parent.mkdir(parents=True, exist_ok=True)
            with z.open(info) as src, open(staged / name, "wb") as dst:
                copied = 0
                for chunk in iter(lambda: src.read(1 << 16), b""):
                    copied += len(chunk)
                    if copied > info.file_size:  # the header lied
                        raise PackError(f"{path}: entry '{info.filename}' is larger than it says")
                    dst.write(chunk)


def _common_folder(names: list[str]) -> str:
    """``NAME/`` when every entry sits in one top folder holding pack.yaml (a zipped folder)."""
    if manifest.MANIFEST in names or not names:
        return ""
    top = names[0].split("/")[0] + "/"
    if all(n.startswith(top) for n in names) and top + manifest.MANIFEST in names:
        return top
    return ""


def _looks_like_git(source: str) -> bool:
    url = source.rsplit("@", 1)[0] if "@" in source.split("/")[-1] else source
    return url.startswith(("https://", "http://", "ssh://", "git@", "file://")) or url.endswith(".git") \
        or (Path(url).is_dir() and (Path(url) / ".git").exists())


def split_ref(source: str) -> tuple[str, str | None]:
    """``URL@REF`` → (URL, REF); an ``@`` in ``git@host:`` is not a ref."""
    head, sep, ref = source.rpartition("@")
    if sep and "/" not in ref and ":" not in ref and head and not head.endswith(("git", "ssh:/")):
        return head, ref
    return source, None


def _clone(source: str, checkout: Path, staged: Path) -> None:
    """A shallow clone at the tag, hooks off; then the checkout installed as a folder."""
    url, ref = split_ref(source)
    local = Path(url).is_dir() or url.startswith("file://")
    command = ["git", "-c", "core.hooksPath=/dev/null", "-c", "advice.detachedHead=false"]
    if local:
        command += ["-c", "protocol.file.allow=always"]
    command += ["clone", "--quiet", "--depth", "1", "--no-recurse-submodules"]
    if ref:
        command += ["--branch", ref]
    command += ["--", url, str(checkout)]
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", ""),
           "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"}
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    except FileNotFoundError:
        raise PackError("git is not installed: install it, or install the pack from a folder or zip") from None
    except subprocess.TimeoutExpired:
        raise PackError(f"{url}: git clone took more than 120 s; giving up") from None
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["git clone failed"])[-1]
        raise PackError(f"{url}{'@' + ref if ref else ''}: cannot clone: {detail}")
    _copy_folder(checkout, staged)


# -- selecting -------------------------------------------------------------------
def parse_selection(entry: str) -> tuple[str, str]:
    """``network@^2`` → ("network", "^2"); ``city`` → ("city", "*")."""
    name, _, wanted = str(entry).partition("@")
    return name.strip(), (wanted.strip() or "*")


def is_path(name: str) -> bool:
    return name.startswith(("./", "../")) or "/" in name


def find(entry: str, spec_dir: Path, project: Path | None = None) -> Pack:
    """The pack a spec's ``packs`` entry names: the newest installed version in the range
    (project before user), or a folder relative to the spec (for pack authors)."""
    name, wanted = parse_selection(entry)
    semver.check_range(wanted)
    if is_path(name):
        pack = manifest.read((Path(spec_dir) / name).resolve())
        manifest.verify(pack)
        if not semver.matches(pack.version, wanted):
            raise PackError(f"{entry}: the pack in that folder is {pack.label}, outside '{wanted}'")
        return pack
    every = installed(project or spec_dir)
    same = [p for p in every if p.name == name]
    for pack in same:
        if semver.matches(pack.version, wanted):
            manifest.verify(pack)
            return pack
    have = ", ".join(f"{p.label} ({p.root.parent.parent})" for p in every) or "none"
    if same:
        raise PackError(f"pack '{entry}': no installed version of {name} matches '{wanted}' "
                        f"(installed: {have}); install a matching version with 'mou packs install'")
    raise PackError(f"pack '{name}' is not installed (installed: {have}); "
                    f"install it with 'mou packs install PATH|ZIP|GIT-URL'")
