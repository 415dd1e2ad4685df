"""Packs made in the test: a folder with a manifest, installed in a temporary XDG data dir."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mou_builder.library.packs import manifest

ROOT = Path(__file__).resolve().parent.parent.parent
SHIPPED = ROOT / "packs"

TERMINATION = """id: termination
version: 1
part: article
order: 190
optional: true
replaces: {id: termination, version: 1}
params:
  notice_months: {type: integer, default: 3, min: 1, max: 24}
fr:
  title: Fin de l'accord
  text: |
    Une Partie peut quitter le présent {{ doc.short }} avec un préavis de {{ params.notice_months | spell }} mois.
en:
  source_hash: HASH
  title: End of the agreement
  text: |
    A Party may leave this {{ doc.short }} with {{ params.notice_months | spell }} months' notice, said the test pack.
"""


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    """Installed packs go to a temporary XDG data dir; the project is the test's folder."""
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    return home


def make_pack(folder: Path, name="test-pack", version="1.0.0", files=None, requires=None,
              languages=("fr", "en")) -> Path:
    """A pack in ``folder`` holding ``files`` ({relative name: text or bytes}), hashed."""
    from mou_builder.library import translations
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    for relative, content in (files or {}).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            if "HASH" in content:
                data = yaml.safe_load(content.replace("HASH", "x"))
                content = content.replace("HASH", translations.source_hash(data["fr"]["title"], data["fr"]["text"]))
            path.write_text(content, encoding="utf-8")
    manifest.write(folder, {"name": name, "version": version, "spec_formats": ["mou/1"],
                            "languages": list(languages), "licence": "CC-BY-4.0", "attribution": "Tests",
                            "requires": requires or {}, "files": {}})
    manifest.rehash(folder)
    return folder


def copy_shipped(tmp_path: Path, name: str) -> Path:
    target = tmp_path / "src" / name
    shutil.copytree(SHIPPED / name, target)
    return target
