"""Packs: made, checked, installed (folder, zip, git), selected by a spec and layered."""
from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import BASE, ROOT as ROOT_DIR, TODAY, build_lines, need_program
from mou_builder import api
from mou_builder.base.errors import MouError
from mou_builder.cli import main
from mou_builder.library.packs import manifest, store
from mou_builder.output import buildrecord
from packhelp import TERMINATION, copy_shipped, data_home, make_pack  # noqa: F401  (fixture)


def spec_with(tmp_path, packs_line: str, extra: str = "") -> Path:
    text = BASE.read_text(encoding="utf-8").replace("languages: [en] ", f"languages: [en]\n{packs_line}\n", 1)
    path = tmp_path / "spec.yaml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def text_of(lines: dict) -> str:
    return "\n".join(line for doc in lines.values() for line in doc)


def test_an_agreement_built_through_an_installed_pack(tmp_path):
    make_pack(tmp_path / "p", files={"clauses/termination.yaml": TERMINATION})
    store.install(str(tmp_path / "p"))
    spec = spec_with(tmp_path, "packs: [test-pack@^1]")
    text = text_of(build_lines(spec, tmp_path / "out"))
    assert "said the test pack" in text
    assert "End of the agreement" in text
    record = buildrecord.read(tmp_path / "out" / "city-a-city-b.docx")
    assert record["packs"][0]["name"] == "test-pack" and record["packs"][0]["version"] == "1.0.0"
    assert record["packs"][0]["sha256"] == manifest.sha256_file(
        data_home_dir() / "test-pack" / "1.0.0" / "pack.yaml")


def data_home_dir() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "mou_builder" / "packs"


def test_a_pack_layered_on_a_pack_the_shipped_ones(tmp_path):
    for name in ("cooperation-network", "city-example"):
        store.install(str(copy_shipped(tmp_path, name)))
    spec = spec_with(tmp_path, "packs: [cooperation-network@^2, city-example]")
    text = text_of(build_lines(spec, tmp_path / "out"))
    assert "Withdrawal of a Party" in text  # the city's termination, over the network's defaults
    assert "by decision of its deliberative body" in text
    assert "Exchange within the network" not in text  # the spec's own clauses.include wins
    record = buildrecord.read(tmp_path / "out" / "city-a-city-b.docx")
    assert [p["name"] for p in record["packs"]] == ["cooperation-network", "city-example"]
    assert record["template"]["path"] == "pack:cooperation-network/agreement.docx"


def test_pack_defaults_lie_under_the_spec(tmp_path):
    store.install(str(copy_shipped(tmp_path, "cooperation-network")))
    text = BASE.read_text(encoding="utf-8").replace("languages: [en] ", "languages: [en]\npacks: [cooperation-network]\n", 1)
    text = text.replace("clauses:\n  include: [legal_nature, dispute_settlement, termination]", "")
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    built = text_of(build_lines(spec, tmp_path / "out"))
    assert "Exchange within the network" in built  # from the pack's clauses.include
    assert "six (6) months" in built  # the pack's notice period


def test_the_order_of_packs_is_the_order_of_layers(tmp_path):
    make_pack(tmp_path / "a", name="first", files={"clauses/termination.yaml": TERMINATION})
    make_pack(tmp_path / "b", name="second", files={"clauses/termination.yaml": TERMINATION.replace(
        "said the test pack", "said the second pack")})
    for folder in ("a", "b"):
        store.install(str(tmp_path / folder))
    text = text_of(build_lines(spec_with(tmp_path, "packs: [first, second]"), tmp_path / "out"))
    assert "said the second pack" in text and "said the test pack" not in text


def test_missing_and_incompatible_packs_name_what_is_installed(tmp_path):
    make_pack(tmp_path / "p", version="1.4.0")
    store.install(str(tmp_path / "p"))
    with pytest.raises(MouError, match=r"no installed version of test-pack matches '\^2' "
                                       r"\(installed: test-pack 1\.4\.0"):
        api.build(spec_with(tmp_path, "packs: [test-pack@^2]"), tmp_path / "out", today=TODAY)
    with pytest.raises(MouError, match=r"pack 'network' is not installed \(installed: test-pack 1\.4\.0"):
        api.build(spec_with(tmp_path, "packs: [network]"), tmp_path / "out", today=TODAY)


def test_a_pack_requirement_must_be_listed_before_it(tmp_path):
    store.install(str(copy_shipped(tmp_path, "city-example")))
    with pytest.raises(MouError, match="requires the pack cooperation-network \\^2: list cooperation-network"):
        api.build(spec_with(tmp_path, "packs: [city-example]"), tmp_path / "out", today=TODAY)


def test_a_tampered_file_is_refused_at_install_and_at_build(tmp_path):
    folder = make_pack(tmp_path / "p", files={"clauses/termination.yaml": TERMINATION})
    store.install(str(folder))
    (folder / "clauses" / "termination.yaml").write_text(TERMINATION.replace("leave", "flee"), encoding="utf-8")
    with pytest.raises(MouError, match="does not match the hash in pack.yaml"):
        store.install(str(folder), force=True)
    installed = data_home_dir() / "test-pack" / "1.0.0" / "clauses" / "termination.yaml"
    installed.write_text("id: termination\n", encoding="utf-8")
    with pytest.raises(MouError, match="does not match the hash"):
        api.build(spec_with(tmp_path, "packs: [test-pack]"), tmp_path / "out", today=TODAY)


def test_unlisted_files_and_links_are_refused(tmp_path):
    folder = make_pack(tmp_path / "p")
    (folder / "clauses" / "extra.yaml").parent.mkdir(exist_ok=True)
    (folder / "clauses" / "extra.yaml").write_text("id: extra\n", encoding="utf-8")
    with pytest.raises(MouError, match="'clauses/extra.yaml' is not listed in pack.yaml"):
        store.install(str(folder))
    (folder / "clauses" / "extra.yaml").unlink()
    (folder / "clauses" / "link.yaml").symlink_to("/etc/passwd")
    with pytest.raises(MouError, match="'clauses/link.yaml' is a link"):
        store.install(str(folder))
    assert not (data_home_dir() / "test-pack").exists()


def _zip(tmp_path, entries: dict, name="pack.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for entry, data in entries.items():
            z.writestr(entry, data)
    return path


def test_a_zip_installs_and_a_zip_reaching_outside_is_refused(tmp_path):
    folder = make_pack(tmp_path / "p", files={"clauses/termination.yaml": TERMINATION})
    entries = {f"test-pack/{p.relative_to(folder).as_posix()}": p.read_bytes()
               for p in folder.rglob("*") if p.is_file()}
    pack = store.install(str(_zip(tmp_path, entries)))
    assert pack.label == "test-pack 1.0.0" and (pack.root / "clauses" / "termination.yaml").is_file()
    evil = dict(entries, **{"test-pack/../../escape.yaml": b"x"})
    with pytest.raises(MouError, match="'../../escape.yaml' points outside the pack"):
        store.install(str(_zip(tmp_path, evil, "evil.zip")), force=True)
    assert not (tmp_path / "escape.yaml").exists() and not (tmp_path.parent / "escape.yaml").exists()


def test_an_over_compressed_zip_entry_is_refused(tmp_path):
    bomb = _zip(tmp_path, {"pack.yaml": b"name: x\n", "README.md": b"\0" * 10_000_000})
    with pytest.raises(MouError, match="compressed .* times; refusing a possible zip bomb"):
        store.install(str(bomb))


def test_install_from_a_git_repository_at_a_tag(tmp_path):
    need_program("git")
    repo = make_pack(tmp_path / "repo", files={"clauses/termination.yaml": TERMINATION})

    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo,
                       check=True, capture_output=True)
    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "one")
    git("tag", "v1.0.0")
    make_pack(repo, version="1.1.0", files={"clauses/termination.yaml": TERMINATION})
    git("commit", "-qam", "two")
    pack = store.install(f"{repo}@v1.0.0")
    assert pack.label == "test-pack 1.0.0"
    assert not (pack.root / ".git").exists()
    with pytest.raises(MouError, match="cannot clone"):
        store.install(f"{repo}@v9")


def test_cli_new_check_install_list(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["packs", "new", "my-network"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["packs", "check", "my-network"])
    assert result.exit_code == 0 and "pack is sound" in result.output
    result = runner.invoke(main, ["packs", "install", "my-network", "--local"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["packs", "list"])
    assert "my-network" in result.output and str(Path(".mou") / "packs") in result.output
    result = runner.invoke(main, ["packs", "new", "my-network"])
    assert result.exit_code == 1 and "already exists" in result.output


@pytest.mark.parametrize("name", ["cooperation-network", "city-example"])
def test_the_shipped_packs_pass_their_check(name):
    from packhelp import SHIPPED

    result = CliRunner().invoke(main, ["packs", "check", str(SHIPPED / name)])
    assert result.exit_code == 0, result.output


def test_the_example_through_both_packs_shows_the_network_house_style(tmp_path):
    from docx import Document

    from conftest import AGREEMENTS
    from mou_builder.render import readback as textdump

    written = api.build(AGREEMENTS / "vaudrieres-kalmira.yaml", tmp_path, today=TODAY)
    fr = next(p for p in written if p.name.endswith("-fr.docx"))
    doc = Document(str(fr))
    assert doc.styles["MOU Body"].font.name == "DejaVu Sans"
    lines = textdump.lines(fr)
    assert lines[1:4] == ["LOGO", "Accord de partenariat entre Vaudrières et Kalmira relatif à la gestion des déchets "
                          "et la propreté urbaine", "Cooperation Network · model agreement"]
    heads = [p.text for p in doc.paragraphs if p.style.name == "MOU Article Heading"]
    assert heads[0] == "1. Objet" and heads[-1] == "17. Retrait d’une Partie"  # numbered, the city's wording
    assert "15. Échanges au sein du réseau" in heads  # the network's clause, from its defaults
    assert sum(p.text == "______________________________" for p in doc.paragraphs) == 2  # its signature block
    record = buildrecord.read(fr)
    assert [p["name"] for p in record["packs"]] == ["cooperation-network", "city-example"]


def test_a_pack_overrides_single_labels_and_a_country_legal_data(tmp_path):
    legal_fr = (ROOT_DIR / "clauses" / "legal" / "FR.yaml").read_text(encoding="utf-8")
    legal_fr = legal_fr.replace("the council approves the agreement", "the council of the network city approves it")
    make_pack(tmp_path / "p", files={
        "clauses/labels.yaml": "frame:\n  agreed: {en: \"Have agreed on what follows, as the network writes it:\"}\n",
        "clauses/legal/FR.yaml": legal_fr})
    store.install(str(tmp_path / "p"))
    spec = spec_with(tmp_path, "packs: [test-pack]")
    text = text_of(build_lines(spec, tmp_path / "out"))
    assert "Have agreed on what follows, as the network writes it:" in text
    assert "The Parties," in text  # the other labels stay the library's
    checked = api.check(spec, today=TODAY)
    assert any("the council of the network city approves it" in p.format() for p in checked.problems)


def test_an_amendment_of_an_agreement_built_through_packs_is_refused_clearly(tmp_path):
    from conftest import AGREEMENTS

    with pytest.raises(MouError, match="amendments of an agreement built through packs are not supported yet"):
        api.amend(str(AGREEMENTS / "vaudrieres-kalmira.yaml"), str(AGREEMENTS / "vaudrieres-kalmira.yaml"),
                  tmp_path, today=TODAY)
