"""The templates section: wording people fill in and copy, one page per template at templates/<id>/.

A template's texts (subject, body, letter parts) contain placeholders such as {company}. Each
template declares the placeholders it uses (required or optional); `templates.placeholders` says
how the form asks for each (label, help, example). Derived placeholders ({greeting}, {addressee},
{person}) have no field: their text comes from the salutation chosen for each person.

Each page carries, without JavaScript, the template text with [Label] markers; with JavaScript,
docs/assets/javascripts/templates.js builds one text per person from the page's JSON data.
"""

from __future__ import annotations

from typing import Any

from . import checklist
from .guidance import Guidance
from .pages import RenderedPage, environment
from .placeholders import check_braces, check_label_parameters, names_in, suggestion, with_markers
from .source import Located, Path_, Problem, describe
from .validate import LANGUAGE_NAMES, LANGUAGES, check_cited_sources, check_strings, dangling, items, unique_ids

INDEX = "templates/index.md"
REQUIRED_STRINGS = frozenset({"template_use_when"})

# The texts of each kind of template, in reading order. Letter parts live under `letter:`.
LETTER_PARTS = ("letterhead", "recipient", "info", "closing", "signature")
TEXT_PARTS = {
    "phrase": ("body",),
    "script": ("body",),
    "email": ("subject", "body"),
    "letter": ("letterhead", "recipient", "info", "subject", "body", "closing", "signature"),
}
# Parameters the page fills into each label (all others are plain text).
LABEL_PARAMETERS = {
    "person_legend": frozenset({"n"}),
    "remove_person": frozenset({"n"}),
    "person_added": frozenset({"n"}),
    "person_fallback": frozenset({"n"}),
    "output_for": frozenset({"name"}),
    "warn_required": frozenset({"fields"}),
    "warn_leftover": frozenset({"placeholders"}),
    "warn_same_text": frozenset({"other"}),
    "warn_too_long": frozenset({"count", "max"}),
    "length_count": frozenset({"count", "max"}),
    "length_cut": frozenset({"max"}),
    "date_range": frozenset({"earliest", "latest"}),
}
SCOPES = ("you", "interview", "person")


def page_path(template_id: str) -> str:
    return f"templates/{template_id}.md"


def template_ids(located: Located) -> set[str]:
    """Ids other sections may refer to (the wizard's plans do)."""
    return {item["id"] for _, item in items(located.data, "templates", "items") if isinstance(item.get("id"), str)}


def _part_path(part: str) -> Path_:
    return ("letter", part) if part in LETTER_PARTS else (part,)


def _part(template: dict, part: str) -> Any:
    node: Any = template
    for key in _part_path(part):
        node = node.get(key) if isinstance(node, dict) else None
    return node


# --- checks ------------------------------------------------------------------------------------

class _Catalogue:
    """templates.placeholders and templates.salutations, as the checks need them."""

    def __init__(self, located: Located):
        section = located.data.get("templates") if isinstance(located.data, dict) else None
        section = section if isinstance(section, dict) else {}
        self.entries: dict[str, tuple[Path_, dict]] = {}
        for path, entry in items(located.data, "templates", "placeholders"):
            if isinstance(entry.get("id"), str):
                self.entries.setdefault(entry["id"], (path, entry))
        self.derived = [name for name, (_, entry) in self.entries.items() if entry.get("input") == "derived"]
        self.choosers = [name for name, (_, entry) in self.entries.items() if entry.get("input") == "salutation"]
        salutations = section.get("salutations")
        self.salutations = salutations if isinstance(salutations, dict) else {}

    def input(self, name: str) -> Any:
        return self.entries[name][1].get("input") if name in self.entries else None

    def scope(self, name: str) -> Any:
        return self.entries[name][1].get("scope") if name in self.entries else None

    def options(self, lang: str) -> list[tuple[Path_, dict]]:
        options = self.salutations.get(lang)
        return [(("templates", "salutations", lang, index), option)
                for index, option in enumerate(options if isinstance(options, list) else [])
                if isinstance(option, dict)]

    def built_from(self, derived: str, lang: str) -> list[str]:
        """What a derived placeholder is made of in `lang`: the salutation field and the names in its forms."""
        names = list(self.choosers)
        for _, option in self.options(lang):
            forms = option.get("forms") if isinstance(option.get("forms"), dict) else {}
            names += names_in(forms.get(derived))
        return list(dict.fromkeys(names))


def _check_catalogue(located: Located, catalogue: _Catalogue) -> list[Problem]:
    problems: list[Problem] = []
    _, found = unique_ids(located, list(items(located.data, "templates", "placeholders")), "placeholder")
    problems += found
    if catalogue.derived and len(catalogue.choosers) != 1:
        problems.append(located.problem(("templates", "placeholders"),
                                        f"derived placeholders ({', '.join(catalogue.derived)}) need exactly one "
                                        f"placeholder with 'input: salutation'; found {len(catalogue.choosers)}"))
    for name, (path, entry) in catalogue.entries.items():
        if entry.get("input") in ("derived", "salutation") and entry.get("scope") not in (None, "person"):
            problems.append(located.problem(path + ("scope",), f"placeholder '{name}': a {entry['input']} placeholder "
                                                               "belongs to each person; use 'scope: person'"))
        if "default" in entry and entry.get("input") != "date":
            problems.append(located.problem(path + ("default",), f"placeholder '{name}': only dates have a default"))
        if entry.get("distinct_warning") is not None and entry.get("scope") != "person":
            problems.append(located.problem(path + ("distinct_warning",),
                                            f"placeholder '{name}': only a per-person placeholder can differ "
                                            "between people; remove distinct_warning or use 'scope: person'"))
        problems += check_label_parameters(located, path, {"distinct_warning": frozenset({"other"})}) \
            if isinstance(entry.get("distinct_warning"), dict) else []
    return problems


def _check_salutations(located: Located, catalogue: _Catalogue) -> list[Problem]:
    problems: list[Problem] = []
    allowed = {name for name, (_, entry) in catalogue.entries.items()
               if entry.get("scope") == "person" and entry.get("input") not in ("derived", "salutation")}
    for lang in LANGUAGES:
        options = catalogue.options(lang)
        _, found = unique_ids(located, options, f"{LANGUAGE_NAMES[lang]} salutation")
        problems += found
        for path, option in options:
            forms = option.get("forms")
            if not isinstance(forms, dict):
                continue
            for derived in catalogue.derived:
                if derived not in forms:
                    problems.append(located.problem(path + ("forms",), f"{describe(path)}: no form for the derived "
                                                                        f"placeholder {{{derived}}}"))
            for key, text in forms.items():
                where = path + ("forms", key)
                if key not in catalogue.derived:
                    problems.append(located.problem(where, f"{describe(path)}.forms: '{key}' is not a derived placeholder "
                                                           f"(expected: {', '.join(catalogue.derived) or 'none'})", key=True))
                problems += check_braces(located, where, text)
                for name in names_in(text):
                    if name not in allowed:
                        problems.append(located.problem(where, f"{describe(where)}: {{{name}}} cannot be used here; a "
                                                               "salutation form may use the per-person fields "
                                                               f"({', '.join(sorted(allowed))}){suggestion(name, allowed)}"))
    return problems


def _check_template(located: Located, catalogue: _Catalogue, path: Path_, template: dict,
                    checklist_ids: dict[str, Path_]) -> tuple[list[Problem], set[str]]:
    """Problems of one template, and the placeholders it uses (for the catalogue's unused check)."""
    problems: list[Problem] = []
    ident = template.get("id", describe(path))
    kind = template.get("kind")
    parts = TEXT_PARTS.get(kind, ())
    declared_node = template.get("placeholders")
    declared = declared_node if isinstance(declared_node, dict) else {}

    for part, where in (("subject", ("subject",)), ("letter", ("letter",)), ("mail_to", ("mail_to",))):
        needed_by = {"subject": ("email", "letter"), "letter": ("letter",), "mail_to": ("email",)}[part]
        if part in template and kind in TEXT_PARTS and kind not in needed_by:
            problems.append(located.problem(path + where, f"template '{ident}' is a {kind}; it has no {part} "
                                                          "(remove it, or change the kind)", key=True))

    for name in declared:
        where = path + ("placeholders", name)
        if name not in catalogue.entries:
            problems.append(located.problem(where, f"template '{ident}' declares {{{name}}}, which is not in "
                                                   f"templates.placeholders{suggestion(name, catalogue.entries)}", key=True))
        elif catalogue.input(name) == "derived":
            problems.append(located.problem(where, f"template '{ident}': {{{name}}} is derived from the salutation and "
                                                   "has no field; do not declare it (declare "
                                                   f"{', '.join(catalogue.choosers)} and the names it is built from)",
                                            key=True))

    used: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for part in parts:
        text = _part(template, part)
        if not isinstance(text, dict):
            continue
        for lang in LANGUAGES:
            where = path + _part_path(part) + (lang,)
            value = text.get(lang)
            problems += check_braces(located, where, value)
            for name in names_in(value):
                used[lang].add(name)
                if catalogue.input(name) == "derived":
                    for part_name in catalogue.built_from(name, lang):
                        used[lang].add(part_name)
                        # Names unknown to the catalogue are reported once, at the salutation form.
                        if part_name not in declared and part_name in catalogue.entries:
                            problems.append(located.problem(where, f"{describe(where)}: {{{name}}} is built from "
                                                                   f"{{{part_name}}}, which template '{ident}' does not "
                                                                   "declare; add it under placeholders"))
                elif name not in declared:
                    hint = suggestion(name, declared) or suggestion(name, catalogue.entries)
                    problems.append(located.problem(where, f"{describe(where)}: {{{name}}} is used but not declared in "
                                                           f"the placeholders of template '{ident}'{hint}"))

    mail_to = template.get("mail_to")
    if isinstance(mail_to, str):
        for lang in LANGUAGES:
            used[lang].add(mail_to)
        if mail_to not in declared:
            problems.append(located.problem(path + ("mail_to",), f"template '{ident}': mail_to {{{mail_to}}} is not "
                                                                 "declared in its placeholders"))
        elif catalogue.input(mail_to) != "email" or catalogue.scope(mail_to) != "person":
            problems.append(located.problem(path + ("mail_to",), f"template '{ident}': mail_to must name a per-person "
                                                                 f"email placeholder, not {{{mail_to}}}"))

    for name in declared:
        if name in catalogue.entries and catalogue.input(name) != "derived" and not any(name in used[lang] for lang in LANGUAGES):
            problems.append(located.problem(path + ("placeholders", name),
                                            f"template '{ident}' declares {{{name}}} but never uses it in its texts; "
                                            "use it or remove it", key=True))

    related = template.get("checklist")
    for index, ref in enumerate(related if isinstance(related, list) else []):
        problems += dangling(located, path + ("checklist", index), ref, checklist_ids, "checklist item")
    return problems, used["en"] | used["de"]


def checks(located: Located) -> list[Problem]:
    entries = list(items(located.data, "templates", "items"))
    _, problems = unique_ids(located, entries, "template")
    problems += check_cited_sources(located, entries) + check_strings(REQUIRED_STRINGS)(located)
    problems += check_label_parameters(located, ("templates", "labels"), LABEL_PARAMETERS)
    catalogue = _Catalogue(located)
    problems += _check_catalogue(located, catalogue) + _check_salutations(located, catalogue)

    section = located.data.get("templates") if isinstance(located.data, dict) else None
    heading_name = section.get("name_in_headings") if isinstance(section, dict) else None
    if isinstance(heading_name, str) and catalogue.scope(heading_name) != "person":
        problems.append(located.problem(("templates", "name_in_headings"),
                                        f"templates.name_in_headings: {{{heading_name}}} is not a per-person "
                                        f"placeholder{suggestion(heading_name, catalogue.entries)}"))

    used_anywhere: set[str] = set()
    checklist_ids = checklist.item_ids(located)
    for path, template in entries:
        found, used = _check_template(located, catalogue, path, template, checklist_ids)
        problems += found
        used_anywhere |= used
    if entries:
        for name, (path, _) in catalogue.entries.items():
            if name not in used_anywhere and name != heading_name:
                problems.append(located.problem(path + ("id",), f"placeholder {{{name}}} is declared in "
                                                                "templates.placeholders but no template uses it"))
    return problems


# --- pages ------------------------------------------------------------------------------------

def _used_in(section: dict, template: dict) -> list[str]:
    """Placeholders one language view of a template uses, derived ones resolved, in catalogue order."""
    derived = {entry["id"] for entry in section["placeholders"] if entry["input"] == "derived"}
    chooser = [entry["id"] for entry in section["placeholders"] if entry["input"] == "salutation"]
    names: set[str] = set()
    for part in TEXT_PARTS[template["kind"]]:
        for name in names_in(_part(template, part)):
            names.add(name)
            if name in derived:
                names.update(chooser)
                for option in section["salutations"]:
                    names.update(names_in(option["forms"][name]))
    if template.get("mail_to"):
        names.add(template["mail_to"])
    return [entry["id"] for entry in section["placeholders"] if entry["id"] in names]


def page_data(section: dict, template: dict, lang: str) -> dict:
    """What templates.js needs to fill in one template in one language (a one-language view)."""
    catalogue = {entry["id"]: entry for entry in section["placeholders"]}
    used = _used_in(section, template)
    declared = template.get("placeholders", {})
    fields = {}
    derived = {}
    heading_name = section["name_in_headings"]
    if catalogue[heading_name]["input"] == "derived" and any(catalogue[n]["input"] == "salutation" for n in used):
        # Headings name each person ("For Dr. Lopez") even if the texts do not use this form.
        derived[heading_name] = {"label": catalogue[heading_name]["label"]}
    for name in used:
        entry = catalogue[name]
        if entry["input"] == "derived":
            derived[name] = {"label": entry["label"]}
            continue
        fields[name] = {"scope": entry["scope"], "input": entry["input"], "label": entry["label"],
                        "required": declared.get(name) == "required"}
        if entry.get("default"):
            fields[name]["default"] = entry["default"]
    layout = template["letter"]["layout"] if template["kind"] == "letter" else None
    return {
        "kind": template["kind"],
        "layout": layout,
        "texts": {part: _part(template, part) for part in TEXT_PARTS[template["kind"]]},
        "fields": fields,
        "derived": derived,
        "salutations": section["salutations"],
        "mailTo": template.get("mail_to"),
        "nameInHeadings": section["name_in_headings"],
        "dateLocale": section["date_locale"],
        "maxEmailWords": section["checks"]["max_email_words"],
        "addressMix": section["checks"]["address_mix"].get(lang),
        "distinct": {name: catalogue[name]["distinct_warning"] for name in used
                     if catalogue[name].get("distinct_warning") and name in fields},
        "labels": section["labels"],
    }


def static_text(section: dict, template: dict) -> str:
    """The template as it stands, placeholders shown as [Label]: what a visitor without JavaScript copies."""
    labels = {entry["id"]: entry["label"] for entry in section["placeholders"]}
    texts = [with_markers(_part(template, part), labels) for part in TEXT_PARTS[template["kind"]]]
    return "\n\n".join(texts)


def _markers(section: dict, template: dict) -> list[dict]:
    """The placeholders that show as [Label] in the static text, in catalogue order."""
    names = {name for part in TEXT_PARTS[template["kind"]] for name in names_in(_part(template, part))}
    declared = template.get("placeholders", {})
    return [{**entry, "required": declared.get(entry["id"], "required") == "required"}
            for entry in section["placeholders"] if entry["id"] in names]


def _form_fields(section: dict, template: dict) -> dict[str, list[dict]]:
    """Form fields by scope, in catalogue order; derived placeholders have none."""
    used = set(_used_in(section, template))
    declared = template.get("placeholders", {})
    groups: dict[str, list[dict]] = {scope: [] for scope in SCOPES}
    for entry in section["placeholders"]:
        if entry["id"] in used and entry["input"] != "derived":
            groups[entry["scope"]].append({**entry, "required": declared.get(entry["id"]) == "required"})
    return groups


def render(guidance: Guidance, lang: str) -> list[RenderedPage]:
    view = guidance.view(lang)
    section = view["templates"]
    env = environment()
    context = {"section": section, "t": view["strings"], "labels": section["labels"],
               "sources": {source["id"]: source for source in view["sources"]}}
    rendered = [RenderedPage(INDEX, env.get_template("templates_index.md.j2").render(context))]
    page = env.get_template("template.md.j2")
    for template in section["items"]:
        fields = _form_fields(section, template)
        rendered.append(RenderedPage(page_path(template["id"]), page.render(
            context, template=template, lang=lang, fields=fields,
            has_form=any(fields[scope] for scope in SCOPES),
            static_text=static_text(section, template), static_placeholders=_markers(section, template),
            data=page_data(section, template, lang),
            related=checklist.items_by_id(view, template.get("checklist", [])),
        )))
    return rendered


def nav(guidance: Guidance, lang: str) -> list:
    section = guidance.view(lang)["templates"]
    return [{section["title"]: [INDEX] + [{item["title"]: page_path(item["id"])} for item in section["items"]]}]
