"""``mou packs new NAME``: a pack that passes its own check, ready to fill."""
from __future__ import annotations

from pathlib import Path

from . import manifest
from .manifest import PackError

README = """# {name}

A pack for mou_builder: layout templates, clauses and default values of a network.

- `pack.yaml`: the manifest. After editing any file, run `mou packs hash .` to record
  the new hashes, then `mou packs check .`.
- `defaults.yaml`: default spec values (the spec's own values win).
- `templates/agreement.docx`: a layout template (optional; see docs/templates.md).
- `clauses/*.yaml`: clauses that add to the library, or replace one of its clauses
  (`replaces: {{id: ID, version: N}}`); `clauses/labels.yaml`: vocabulary overrides.
"""

DEFAULTS = """# Default spec values of this pack, applied under the spec's own values.
# For example:
#   clauses:
#     include: [confidentiality]
#   monitoring:
#     reporting: semiannual
{}
"""


def new(name: str, parent: Path, languages=("fr", "en")) -> Path:
    """Create the pack folder ``parent/name``; refuse to touch an existing one."""
    if not manifest.NAME.fullmatch(name):
        raise PackError(f"'{name}': a pack name is lower-case letters, digits and hyphens (city-network)")
    folder = Path(parent) / name
    if folder.exists():
        raise PackError(f"{folder} already exists; choose another name or folder")
    (folder / "clauses").mkdir(parents=True)
    (folder / "README.md").write_text(README.format(name=name), encoding="utf-8")
    (folder / "defaults.yaml").write_text(DEFAULTS, encoding="utf-8")
    manifest.write(folder, {
        "name": name, "version": "0.1.0", "spec_formats": list(manifest.SPEC_FORMATS),
        "languages": list(languages), "licence": "CC-BY-4.0", "attribution": f"The authors of {name}",
        "requires": {}, "files": manifest.hashes(folder)})
    return folder
