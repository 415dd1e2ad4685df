"""`mou diff` for reviewers: specs anywhere in the repository, spec changes word by word,
clause texts as a lawyer reads them (values in brackets, conditions as sentences)."""
from __future__ import annotations

from test_git_workflow import git, repo, run  # noqa: F401 (the repository fixture)

from conftest import AGREEMENTS


def test_specs_outside_agreements_are_compared_value_by_value_and_word_by_word(repo):  # noqa: F811
    elsewhere = repo / "projects" / "2027"
    elsewhere.mkdir(parents=True)
    spec = elsewhere / "sfax-lyon.yaml"
    spec.write_text((AGREEMENTS / "sfax-lyon.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (repo / "projects" / "settings.yaml").write_text("colour: blue\n")  # not a spec
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a project")
    text = spec.read_text(encoding="utf-8")
    assert "      renforcer la capacité des deux villes" in text
    spec.write_text(text.replace("years: 3", "years: 4").replace(
        "      renforcer la capacité des deux villes", "      renforcer durablement la capacité des deux villes", 1),
        encoding="utf-8")
    (repo / "projects" / "settings.yaml").write_text("colour: red\n")
    out = run("diff", "-C", repo, "HEAD").stdout
    assert "  projects/2027/sfax-lyon.yaml: modified\n" in out
    assert "    duration.years: [-3-]{+4+}\n" in out
    assert "    purpose.objective.fr: renforcer {+durablement+} la capacité des deux villes" in out
    assert "settings.yaml" not in out


def test_clause_texts_are_shown_as_a_lawyer_reads_them(repo):  # noqa: F811
    clause = repo / "clauses" / "closing.yaml"
    text = clause.read_text(encoding="utf-8")
    assert "    Done at {{ signing.place }} on {{ signing.date }}," in text
    clause.write_text(text.replace("    Done at {{ signing.place }} on {{ signing.date }},",
                                   "    Signed at {{ signing.place }} on {{ signing.date }},", 1), encoding="utf-8")
    coherence = repo / "clauses" / "coherence.yaml"
    coherence.write_text(coherence.read_text(encoding="utf-8").replace(
        '    - {{ p.plan }} ({{ p.party }}{% if p.period %}, {{ p.period }}{% endif %}){{ ";" if not loop.last else "." }}',
        '    - {{ p.plan }} (of {{ p.party }}{% if p.period %}, {{ p.period }}{% endif %}){{ ";" if not loop.last else "." }}',
        1), encoding="utf-8")
    out = run("diff", "-C", repo, "HEAD").stdout
    assert "  en: [-Done-]{+Signed+} at [place of signature] on [date of signature]," in out
    assert ("- [name of the development plan] ({+of+} [party of the development plan][if period of the "
            "development plan:], [period of the development plan][end of the condition])[; if this is not the "
            "last item, else .]") in out
    assert "{{" not in out and "{%" not in out
