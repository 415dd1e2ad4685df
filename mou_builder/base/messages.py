"""Console messages in the user's language (English and French).

This is the language of the person at the terminal, kept apart from the
language of the document being built (see :mod:`mou_builder.i18n`).
Each message says what is wrong and, where it helps, what to write instead.
"""
from __future__ import annotations

import locale
import os
import re

CONSOLE_LANGUAGES = ("en", "fr")

M = {
    # files and YAML
    "file_not_found": ("file not found", "fichier introuvable"),
    "file_is_directory": ("this is a folder, not a spec file", "c'est un dossier, pas un fichier de spécification"),
    "file_unreadable": ("cannot read the file: {reason}", "lecture du fichier impossible : {reason}"),
    "not_utf8": ("the file is not UTF-8 text; save it as UTF-8", "le fichier n'est pas du texte UTF-8 ; enregistrez-le en UTF-8"),
    "file_too_large": ("the file is larger than {limit} bytes; a spec is never that large", "le fichier dépasse {limit} octets ; une spécification n'est jamais aussi grande"),
    "yaml_syntax": ("YAML syntax error: {reason}", "erreur de syntaxe YAML : {reason}"),
    "yaml_alias": ("YAML anchors, aliases and merge keys (&, *, <<) are not allowed; write the value out", "les ancres, alias et fusions YAML (&, *, <<) ne sont pas admis ; écrivez la valeur en entier"),
    "yaml_complex_key": ("a key must be a plain word", "une clé doit être un simple mot"),
    "duplicate_key": ("key '{key}' appears twice in this mapping (first on line {line}); keep one", "la clé « {key} » apparaît deux fois dans ce bloc (d'abord ligne {line}) ; n'en gardez qu'une"),
    "too_deep": ("nesting deeper than {limit} levels", "imbrication de plus de {limit} niveaux"),
    "bad_tagged_value": ("'{value}' cannot be read as a YAML {kind}; write it without a !! tag, or in quotes to keep it as text",
                         "« {value} » ne se lit pas comme un {kind} YAML ; écrivez-le sans étiquette !!, ou entre guillemets pour le garder comme texte"),
    "bad_date_value": ("'{value}' is not a real date ({reason})", "« {value} » n'est pas une date réelle ({reason})"),
    "empty_file": ("the file is empty; run 'mou new FILE' for a starter spec", "le fichier est vide ; « mou new FICHIER » écrit une spécification de départ"),
    "not_a_mapping": ("a spec is a mapping of fields (format:, id:, parties: …)", "une spécification est un ensemble de champs (format:, id:, parties: …)"),
    "invalid_character": ("contains an invisible character ({char}) that a document must not hold; delete it",
                          "contient un caractère invisible ({char}) qu'un document ne doit pas contenir ; supprimez-le"),
    # schema
    "required": ("required field is missing", "champ obligatoire manquant"),
    "unknown_field": ("unknown field '{field}'", "champ inconnu « {field} »"),
    "bad_type": ("must be {expected}, not {quoted}", "doit être {expected}, pas {quoted}"),
    "bad_type_day": ("must be a day, written 2026-06-25, not {quoted}", "doit être une date, écrite 2026-06-25, pas {quoted}"),
    "bad_type_month": ("must be a month, written 2026-06 (or a day, 2026-06-25), not {quoted}",
                       "doit être un mois, écrit 2026-06 (ou une date, 2026-06-25), pas {quoted}"),
    "empty_value": ("must not be empty", "ne doit pas être vide"),
    "too_few": ("needs at least {items}", "il faut au moins {items}"),
    "too_many": ("takes at most {items}", "pas plus de {items}"),
    "too_small": ("{value} is below the minimum {min}", "{value} est inférieur au minimum {min}"),
    "too_large": ("{value} is above the maximum {max}", "{value} dépasse le maximum {max}"),
    "not_allowed": ("'{value}' is not one of: {allowed}", "« {value} » ne fait pas partie de : {allowed}"),
    "bad_form": ("'{value}' does not have the expected form", "« {value} » n'a pas la forme attendue"),
    "bad_country_form": ("'{value}' is not a country code; write two capital letters (ISO 3166-1), e.g. FR, TN", "« {value} » n'est pas un code de pays ; écrivez deux majuscules (ISO 3166-1), p. ex. FR, TN"),
    "bad_currency_form": ("'{value}' is not a currency code; write three capital letters (ISO 4217), e.g. EUR, TND", "« {value} » n'est pas un code de devise ; écrivez trois majuscules (ISO 4217), p. ex. EUR, TND"),
    "bad_locale_form": ("'{value}' is not a locale; write language_COUNTRY, e.g. fr_TN", "« {value} » n'est pas une locale ; écrivez langue_PAYS, p. ex. fr_TN"),
    "more_errors": ("{count} more errors not shown: fix the first {shown} and validate again",
                    "{count} autres erreurs ne sont pas affichées : corrigez les {shown} premières et relancez la validation"),
    "invalid_value": ("invalid value ({rule})", "valeur invalide ({rule})"),
    "empty_text": ("text must not be empty", "le texte ne doit pas être vide"),
    "unknown_text_language": ("'{lang}' is not a language code (fr, en, es, it, pt, ar, ca)", "« {lang} » n'est pas un code de langue (fr, en, es, it, pt, ar, ca)"),
    "empty_text_language": ("the '{lang}' text is empty", "le texte « {lang} » est vide"),
    "bad_slug": ("'{value}' is not a valid id: use lowercase letters, digits, '-' or '_' (e.g. sfax, a1)", "« {value} » n'est pas un identifiant valide : lettres minuscules, chiffres, « - » ou « _ » (p. ex. sfax, a1)"),
    "bad_day": ("'{value}' is not a date; write 2026-06-25", "« {value} » n'est pas une date ; écrivez 2026-06-25"),
    "bad_month": ("'{value}' is not a month; write a month, 2026-06, or a day, 2026-06-25",
                  "« {value} » n'est pas un mois ; écrivez un mois, 2026-06, ou une date, 2026-06-25"),
    "not_finite": ("must be a number (not NaN or infinity)", "doit être un nombre (ni NaN ni l'infini)"),
    "too_large_amount": ("{value} is larger than any agreement's figures (at most 1,000,000,000,000,000)",
                         "{value} dépasse tout montant d'un accord (au plus 1 000 000 000 000 000)"),
    "unknown_area_item": ("'{value}' is not an item of the area '{area}' (items: {allowed})",
                          "« {value} » ne fait pas partie du domaine « {area} » (éléments : {allowed})"),
    "unknown_locale": ("'{value}' is not a locale the tool knows for '{lang}', the first language (known: {known})",
                       "« {value} » n'est pas une locale connue pour « {lang} », la première langue (connues : {known})"),
    "unknown_template": ("no layout template '{value}': give a built-in name ({builtin}) or a folder, relative to this file, holding agreement.docx",
                         "pas de modèle de mise en page « {value} » : donnez un nom prédéfini ({builtin}) ou un dossier, relatif à ce fichier, contenant agreement.docx"),
    "year_out_of_range": ("{value} falls outside the years an agreement can cover; write a date between 1900 and 2200",
                          "{value} sort des années que peut couvrir un accord ; écrivez une date entre 1900 et 2200"),
    "bad_chair": ("write 'rotating' or a list of party ids", "écrivez « rotating » ou une liste d'identifiants de parties"),
    # cross-document rules
    "duplicate_id": ("id '{id}' is already used on line {line}; ids must be unique", "l'identifiant « {id} » est déjà utilisé ligne {line} ; les identifiants doivent être uniques"),
    "unknown_ref": ("no {kind} has the id '{id}' (known: {known})",
                    "{kind} ne porte l'identifiant « {id} » (identifiants connus : {known})"),
    "duplicate_language": ("language '{lang}' is listed twice", "la langue « {lang} » figure deux fois"),
    "language_not_supported": ("the clause library has no '{lang}' texts yet (available: {supported})", "la bibliothèque de clauses n'a pas encore de textes « {lang} » (disponibles : {supported})"),
    "prevails_not_in_languages": ("'{lang}' is not one of the agreement's languages", "« {lang} » n'est pas une langue de l'accord"),
    "authentic_not_in_languages": ("'{lang}' is not one of the agreement's languages", "« {lang} » n'est pas une langue de l'accord"),
    "unknown_country": ("'{code}' is not an ISO 3166-1 country code", "« {code} » n'est pas un code de pays ISO 3166-1"),
    "type_text_required": ("with type 'other', say what the party is in 'type_text'", "avec le type « other », précisez la nature de la partie dans « type_text »"),
    "mandate_needs_council": ("the mandate comes from the council, but the party has no 'council'; name it under parties[].council, or give the body's name in mandate.body", "le mandat vient du conseil, mais la partie n'a pas de « council » ; nommez-le dans parties[].council, ou donnez le nom de l'organe dans mandate.body"),
    "preparation_not_light": ("'preparation' belongs to a declaration of intent or a twinning (instrument: declaration_of_intent); a full agreement has its actions instead", "« preparation » n'a sa place que dans une déclaration d'intention ou un jumelage (instrument: declaration_of_intent) ; un accord complet décrit ses actions"),
    "light_instrument_later": ("a {instrument} can leave for the full agreement: {parts}; the document commits the parties to prepare them", "un instrument « {instrument} » peut renvoyer à l'accord complet : {parts} ; le document engage les parties à les préparer"),
    "title_text_required": ("with title 'other', give the title in 'title_text'", "avec le titre « other », donnez l'intitulé dans « title_text »"),
    "end_before_start": ("ends ({end}) before it starts ({start})", "se termine ({end}) avant de commencer ({start})"),
    "unknown_sdg": ("'{code}' is not an SDG target (write it as a quoted string, e.g. \"10.7\", \"10.c\")", "« {code} » n'est pas une cible des ODD (écrivez-la entre guillemets, p. ex. \"10.7\", \"10.c\")"),
    "sdg_goal_missing": ("goal {goal} is missing although one of its targets is listed", "l'objectif {goal} manque alors qu'une de ses cibles est citée"),
    "party_without_plan": ("party '{party}' has no development plan; add one under coherence.plans", "la partie « {party} » n'a pas de plan de développement ; ajoutez-en un dans coherence.plans"),
    "unknown_currency": ("'{code}' is not an ISO 4217 currency code", "« {code} » n'est pas un code de devise ISO 4217"),
    "co_chair_missing": ("party '{party}' has no co-chair; give one co-chair per party", "la partie « {party} » n'a pas de coprésident ; un coprésident par partie"),
    "chair_required": ("with three or more parties, give 'co_chairs' for every party, 'chair: rotating' or a list of chairs", "à partir de trois parties, donnez « co_chairs » pour chaque partie, « chair: rotating » ou une liste de présidences"),
    "party_not_in_unit": ("party '{party}' has no department in the management unit", "la partie « {party} » n'a aucun service dans l'unité de gestion"),
    "date_before_start": ("{value} falls before the agreement starts ({start})", "{value} tombe avant le début de l'accord ({start})"),
    "date_after_end": ("{value} falls after the agreement ends ({end}); shorten the date or lengthen duration.years", "{value} tombe après la fin de l'accord ({end}) ; avancez la date ou allongez duration.years"),
    "final_before_midterm": ("the final evaluation comes before the mid-term review", "l'évaluation finale précède la revue à mi-parcours"),
    "entry_date_required": ("entry_into_force is 'date' but no 'date' is given", "entry_into_force vaut « date » mais aucune « date » n'est donnée"),
    "unknown_clause": ("no optional clause '{id}' in the library (available: {known})", "pas de clause optionnelle « {id} » dans la bibliothèque (disponibles : {known})"),
    "unknown_anchor": ("no article '{id}' in this agreement to place this clause after (articles: {known}; an optional article counts once it is listed in clauses.include)", "pas d'article « {id} » dans cet accord après lequel placer cette clause (articles : {known} ; un article optionnel compte dès qu'il figure dans clauses.include)"),
    "param_unknown": ("clause '{clause}' takes no parameter '{param}' (it takes: {known})", "la clause « {clause} » ne prend pas de paramètre « {param} » (elle prend : {known})"),
    "param_type": ("parameter '{param}' of clause '{clause}' must be {expected}", "le paramètre « {param} » de la clause « {clause} » doit être {expected}"),
    "param_range": ("parameter '{param}' of clause '{clause}' must be between {min} and {max}", "le paramètre « {param} » de la clause « {clause} » doit être compris entre {min} et {max}"),
    "revision_block_required": ("a spec with kind: revision needs a 'revision' block (amends, number, date, rationale)", "une spécification « kind: revision » demande un bloc « revision » (amends, number, date, rationale)"),
    "amends_not_found": ("the amended version '{file}' does not exist (a path relative to this file, or PATH@GITREF)", "la version modifiée « {file} » n'existe pas (chemin relatif à ce fichier, ou CHEMIN@RÉFGIT)"),
    "revision_block_in_agreement": ("a 'revision' block only belongs in a spec with kind: revision", "un bloc « revision » n'a sa place que si kind: revision"),
    "plain_text_in_languages": ("the same words would stand in every language of the agreement ({langs}): give a text per language, e.g. {{{example}}}", "les mêmes mots figureraient dans toutes les langues de l'accord ({langs}) : donnez un texte par langue, par exemple {{{example}}}"),
    "plain_text_in_latin_script": ("this text is in Latin script, but the agreement is also in {langs}, written in Arabic script: give a text per language, e.g. {{{example}}}", "ce texte est en alphabet latin, mais l'accord est aussi en {langs}, qui s'écrit en alphabet arabe : donnez un texte par langue, par exemple {{{example}}}"),
    "plain_text_in_arabic_script": ("this text is in Arabic script, but the agreement is also in {langs}, written in Latin script: give a text per language, e.g. {{{example}}}", "ce texte est en alphabet arabe, mais l'accord est aussi en {langs}, qui s'écrit en alphabet latin : donnez un texte par langue, par exemple {{{example}}}"),
    "text_in_latin_script": ("the '{lang}' text is written in Latin script: write it in Arabic script (or move it to the language it is written in)", "le texte « {lang} » est écrit en alphabet latin : écrivez-le en alphabet arabe (ou placez-le sous la langue dans laquelle il est écrit)"),
    "text_in_arabic_script": ("the '{lang}' text is written in Arabic script: write it in Latin script (or move it to the language it is written in)", "le texte « {lang} » est écrit en alphabet arabe : écrivez-le en alphabet latin (ou placez-le sous la langue dans laquelle il est écrit)"),
    "text_missing_language": ("the '{lang}' text is missing (every text needs every language of the agreement)", "le texte « {lang} » manque (chaque texte doit exister dans toutes les langues de l'accord)"),
    # warnings
    "warning_prefix": ("warning: ", "avertissement : "),
    "note_prefix": ("note: ", "remarque : "),
    "no_migrant_stakeholder": ("no migrant or diaspora organisation among the stakeholders", "aucune association de migrants ou de la diaspora parmi les parties prenantes"),
    "twinning_outdated": ("twinning is an outdated form; consider 'partnership' or 'cooperation'", "le jumelage est une forme dépassée ; préférez « partnership » ou « cooperation »"),
    "no_midterm_review": ("no mid-term review is planned (monitoring.midterm_review)", "aucune revue à mi-parcours n'est prévue (monitoring.midterm_review)"),
    "open_data_off": ("monitoring data will not be published as open data (open_data: true)", "les données de suivi ne seront pas publiées en données ouvertes (open_data: true)"),
    "people_not_disaggregated": ("this indicator counts people but has no disaggregation (sex, age, origin, migration_status…)", "cet indicateur compte des personnes sans ventilation (sex, age, origin, migration_status…)"),
    # notes: what the library knows must happen before signature (legal/*.yaml)
    "steps_before_signature": ("before signature, for {party} ({country}):{steps_en}", "avant la signature, pour {party} ({country}) :{steps_fr}"),
    "step_line": ("\n    {n}. {step} [source: {source}; {status}]", "\n    {n}. {step} [source : {source} ; {status}]"),
    "legal_status_draft": ("to be checked by a lawyer", "à faire vérifier par un juriste"),
    "legal_status_reviewed": ("reviewed", "relu par un juriste"),
    # reference kinds
    # the French names carry their negation: "aucune partie ne porte l'identifiant…"
    "kind_party": ("party", "aucune partie"), "kind_action": ("action", "aucune action"),
    "kind_indicator": ("indicator", "aucun indicateur"), "kind_stakeholder": ("stakeholder", "aucune partie prenante"),
    "kind_funder": ("funder", "aucun financeur"), "kind_department": ("department", "aucun service"),
    # the types a value must have, and counts (singular|plural)
    "type_text": ("a text", "un texte"), "type_string": ("a text", "un texte"),
    "type_day": ("a day", "une date"), "type_month": ("a month", "un mois"),
    "type_amount": ("a number", "un nombre"), "type_integer": ("a whole number", "un nombre entier"),
    "type_dict": ("a block of fields", "un bloc de champs"), "type_list": ("a list", "une liste"),
    "type_boolean": ("true or false", "true ou false"), "or": (" or ", " ou "),
    "n_error": ("{n} error|{n} errors", "{n} erreur|{n} erreurs"),
    "n_warning": ("{n} warning|{n} warnings", "{n} avertissement|{n} avertissements"),
    "n_translations": ("{n} translation|{n} translations", "{n} traduction|{n} traductions"),
    "n_item": ("{n} item|{n} items", "{n} élément|{n} éléments"),
    "did_you_mean": (" (did you mean '{suggestion}'?)", " (vouliez-vous dire « {suggestion} » ?)"),
    # revision summary
    "summary_heading": ("{file}: what the revision covers", "{file} : ce que couvre la révision"),
    "element_objectives": ("objectives", "objectifs"), "element_actions": ("actions", "actions"),
    "element_results": ("expected results", "résultats attendus"),
    "element_stakeholders": ("stakeholders", "parties prenantes"),
    "element_indicators": ("indicators", "indicateurs"), "element_coherence": ("coherence", "cohérence"),
    "element_sdgs": ("SDG alignment", "alignement sur les ODD"), "element_calendar": ("calendar", "calendrier"),
    "element_budget": ("budget", "budget"), "element_management": ("management", "gestion"),
    "element_governance": ("governance", "gouvernance"),
    "state_changed": ("changed", "modifié"), "state_confirmed": ("confirmed (unchanged)", "confirmé (inchangé)"),
    "no_new_migrant_stakeholder": ("no migrant or diaspora organisation is added by this revision", "la révision n'ajoute aucune organisation de migrants ou de la diaspora"),
    "no_new_indicator": ("no new indicator is added by this revision", "la révision n'ajoute aucun nouvel indicateur"),
    "new_action_without_result": ("the new action '{action}' is in no expected result; list it under results: actions:", "la nouvelle action « {action} » ne figure dans aucun résultat attendu ; ajoutez-la sous results: actions:"),
    "amendment_from_spec": ("amendment No. {number} of {date}, as its revision block gives them", "avenant n° {number} du {date}, tels que les donne son bloc revision"),
    "amendment_from_options": ("amendment No. {number} ({number_from}) of {date} ({date_from})", "avenant n° {number} ({number_from}) du {date} ({date_from})"),
    "number_option": ("from --number", "donné par --number"), "number_default": ("the first: --number to choose another", "le premier : --number pour en choisir un autre"),
    "date_option": ("from --date", "donnée par --date"), "date_default": ("today: --date to choose another", "aujourd'hui : --date pour en choisir une autre"),
    "amendment_options_ignored": ("--number and --date are not used: the revision block gives the number and date", "--number et --date ne servent pas : le bloc revision donne le numéro et la date"),
    # command line
    "summary": ("{file}: {errors}, {warnings}", "{file} : {errors}, {warnings}"),
    "valid": ("{file}: valid", "{file} : valide"),
    "strict_failed": ("warnings count as errors with --strict", "les avertissements comptent comme des erreurs avec --strict"),
    "no_pdf_converter": ("LibreOffice is not installed, so no PDF can be made; install it (Debian: apt-get install libreoffice-writer-nogui) or build without --pdf", "LibreOffice n'est pas installé, aucun PDF ne peut être produit ; installez-le (Debian : apt-get install libreoffice-writer-nogui) ou construisez sans --pdf"),
    "pdf_failed": ("LibreOffice could not convert {file}: {reason}", "LibreOffice n'a pas pu convertir {file} : {reason}"),
    "file_exists": ("{file} already exists; choose another name or pass --force to replace it", "{file} existe déjà ; choisissez un autre nom ou ajoutez --force pour le remplacer"),
    "web_extra_missing": ("'mou serve' needs the web extra (module {module} is missing): pip install 'mou_builder[web]'", "« mou serve » a besoin de l'extra web (le module {module} manque) : pip install 'mou_builder[web]'"),
    "serving": ("serving the specs of {folder} on this machine only; open the address below (Ctrl-C stops)", "les spécifications de {folder} sont servies sur cette machine seulement ; ouvrez l'adresse ci-dessous (Ctrl-C arrête)"),
    "starter_written": ("wrote {file}; edit it, then run: mou validate {file}", "{file} écrit ; modifiez-le puis lancez : mou validate {file}"),
    "no_such_clause": ("no clause '{id}' in the library; 'mou clauses list' shows them", "pas de clause « {id} » dans la bibliothèque ; « mou clauses list » les affiche"),
    "no_such_clause_close": ("no clause '{id}' in the library; did you mean '{close}'?",
                             "pas de clause « {id} » dans la bibliothèque ; vouliez-vous dire « {close} » ?"),
    "clause_no_language": ("clause '{id}' has no '{lang}' text", "la clause « {id} » n'a pas de texte « {lang} »"),
    "output_locked": ("another build is writing in {folder}; wait for it to finish, then build again",
                      "une autre construction écrit dans {folder} ; attendez qu'elle se termine, puis relancez"),
    "output_edited": ("{file} was edited after it was generated (it no longer matches {record}); to keep the "
                      "edits, rename or move the file before building; to replace it, build again with --force",
                      "{file} a été modifié après sa production (il ne correspond plus à {record}) ; pour garder "
                      "les modifications, renommez ou déplacez le fichier avant de construire ; pour le "
                      "remplacer, relancez avec --force"),
    "output_foreign": ("{file} exists and was not written by mou build (no record of it in {record}); move it "
                       "away, or pass --force to replace it",
                       "{file} existe et n'a pas été écrit par mou build ({record} n'en garde pas trace) ; "
                       "déplacez-le, ou relancez avec --force pour le remplacer"),
    "record_foreign": ("{file} exists and is not a build record written by mou build; move it away, or pass "
                       "--force to replace it",
                       "{file} existe et n'est pas un relevé de construction écrit par mou build ; déplacez-le, "
                       "ou relancez avec --force pour le remplacer"),
    "output_is_spec": ("{file} is the spec being built, and the build would write over it; build into another "
                       "folder (-o)",
                       "{file} est la spécification que vous construisez, et la construction l'écraserait ; "
                       "construisez dans un autre dossier (-o)"),
    "output_unreadable": ("cannot read {file} to check that it was not edited: {reason}",
                          "impossible de lire {file} pour vérifier qu'il n'a pas été modifié : {reason}"),
    "stale_removed": ("removed {file}: an earlier build wrote it and this one does not (add --pdf to keep a PDF)",
                      "{file} supprimé : une construction précédente l'avait écrit, celle-ci non (ajoutez --pdf "
                      "pour garder un PDF)"),
    "stale_kept": ("kept {file}: an earlier build wrote it, it was edited since, and this build does not "
                   "replace it; it no longer matches the document",
                   "{file} conservé : une construction précédente l'avait écrit, il a été modifié depuis et "
                   "celle-ci ne le remplace pas ; il ne correspond plus au document"),
    "same_output": ("{first} and {second} would both write {file}; give each spec its own id",
                    "{first} et {second} écriraient tous deux {file} ; donnez à chaque spécification son propre identifiant"),
    "translations_stale": ("the translations of these clauses do not match their source text:{list}\nupdate them "
                           "('mou clauses check' lists them), or build with --allow-draft: the document is "
                           "then marked as a draft",
                           "les traductions de ces clauses ne correspondent plus à leur texte source :{list}\n"
                           "mettez-les à jour (« mou clauses check » les liste), ou construisez avec "
                           "--allow-draft : le document porte alors la mention de projet"),
    "translation_drafts": ("{lang}: clause texts translated as drafts, not yet reviewed: {ids}",
                           "{lang} : textes de clause traduits en projet, pas encore relus : {ids}"),
    "built_as_draft": ("built as a DRAFT: {translations} out of date",
                       "construit comme PROJET : {translations} pas à jour"),
    "note": ("{file}: note: {note}", "{file} : remarque : {note}"),
    "cannot_write": ("cannot write {file}: {reason}", "écriture de {file} impossible : {reason}"),
    # batch builds
    "no_spec_in_folder": ("{folder}: no spec (*.yaml, *.yml) in this folder; name spec files, or a folder that holds some",
                          "{folder} : aucune spécification (*.yaml, *.yml) dans ce dossier ; donnez des fichiers de "
                          "spécification, ou un dossier qui en contient"),
    "skipped_not_spec": ("{file}: skipped: not a spec (it has no 'format: mou/1' line); name it on its own to build it anyway",
                         "{file} : ignoré : ce n'est pas une spécification (pas de ligne « format: mou/1 ») ; "
                         "nommez-le seul pour le construire quand même"),
    "spec_error": ("{file}: error: ", "{file} : erreur : "),
    "worker_lost": ("{file}: error: not built: a worker process of the batch ended before it was done (stopped "
                    "from outside, or out of memory?); what was written is whole; build it again",
                    "{file} : erreur : non construite : un processus de travail du lot s'est arrêté avant la fin "
                    "(arrêté de l'extérieur, ou mémoire épuisée ?) ; ce qui a été écrit est complet ; "
                    "construisez-la de nouveau"),
    "building": ("building", "construction"),
    "batch_summary": ("{specs}: {built}, {failed}, {unchanged}", "{specs} : {built}, {failed}, {unchanged}"),
    "n_spec": ("{n} spec|{n} specs", "{n} spécification|{n} spécifications"),
    "n_built": ("{n} built|{n} built", "{n} construite|{n} construites"),
    "n_failed": ("{n} failed|{n} failed", "{n} en échec|{n} en échec"),
    "n_unchanged": ("{n} unchanged|{n} unchanged", "{n} inchangée|{n} inchangées"),
}


def console_language(explicit: str | None = None) -> str:
    """The console language: ``explicit`` if given, else from the locale environment."""
    if explicit in CONSOLE_LANGUAGES:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        value = os.environ.get(var)
        if value:
            code = value.split(":")[0][:2].lower()
            return code if code in CONSOLE_LANGUAGES else "en"
    code = (locale.getlocale()[0] or "en")[:2].lower()
    return code if code in CONSOLE_LANGUAGES else "en"


_INVISIBLE = re.compile("[\x00-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]")


_LAID_OUT = {"steps_en", "steps_fr", "list"}  # parameters that are lines the tool lays out itself


def visible(value: str) -> str:
    """A value as a message quotes it: invisible characters written out (\\n, \\u202e)."""
    return _INVISIBLE.sub(lambda m: {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(
        m.group(), f"\\u{ord(m.group()):04x}"), value)


def count(n: int, what: str, lang: str = "en") -> str:
    """"1 error", "3 errors", "0 erreur": ``what`` names an ``n_…`` message."""
    one, many = text(f"n_{what}", lang, n=n).split("|")
    return one if n == 1 or (lang == "fr" and n == 0) else many


def _quoted(value, lang: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"« {visible(value)} »" if lang == "fr" else f"'{visible(value)}'"
    return visible(str(value))


def _in_words(params: dict, lang: str) -> dict:
    """Parameters a message shows in the console's language: types, quoted values, counts."""
    if "types" in params:
        params["expected"] = text("or", lang).join(text(f"type_{t}", lang) if f"type_{t}" in M else t
                                                   for t in params["types"])
    if "quoted" in params:
        params["quoted"] = _quoted(params["quoted"], lang)
    for name, what in (("errors", "error"), ("warnings", "warning"), ("items", "item"),
                       ("translations", "translations")):
        if isinstance(params.get(name), int):
            params[name] = count(params[name], what, lang)
    return params


def text(key: str, lang: str = "en", /, **params) -> str:
    """The message ``key`` in ``lang``, filled with ``params``."""
    params = {k: visible(v) if isinstance(v, str) and k not in _LAID_OUT else v for k, v in params.items()}
    params = _in_words(params, lang)
    pair = M[key]
    template = pair[CONSOLE_LANGUAGES.index(lang) if lang in CONSOLE_LANGUAGES else 0]
    if "kind" in params and f"kind_{params['kind']}" in M:
        params = {**params, "kind": text(f"kind_{params['kind']}", lang)}
    out = template.format(**params) if params else template
    if params.get("suggestion") and key != "did_you_mean":
        out += text("did_you_mean", lang, suggestion=params["suggestion"])
    return out
