"""Checks of the templates section: kinds, parts, placeholders declared and used, salutations."""

from __future__ import annotations

from . import citations
from .ids import dangling, dangling_list, unique_ids
from .labels import check_braces, names_in, placeholder_suggestion
from .model import LANGUAGE_NAMES, LANGUAGES, Guidance
from .model.drafts import Template, TemplateLabels, Templates
from .source import Located, Problem, describe


class Catalogue:
    """templates.placeholders, groups, kinds and salutations, by id, as the checks and pages need them."""

    def __init__(self, section: Templates):
        self.section = section
        self.entries = {}
        for entry in section.placeholders:
            self.entries.setdefault(entry.id, entry)
        self.groups = {group.id: group for group in section.groups}
        self.kinds = {kind.id: kind for kind in section.kinds}
        self.derived = [name for name, entry in self.entries.items() if entry.input == "derived"]
        self.choosers = [name for name, entry in self.entries.items() if entry.input == "salutation"]

    def per_person(self, name: str) -> bool:
        entry = self.entries.get(name)
        return bool(entry and entry.scope in self.groups and self.groups[entry.scope].per_person)

    def built_from(self, derived: str, lang: str) -> list[str]:
        """What a derived placeholder is made of in `lang`: the salutation field and the names in its forms."""
        names = list(self.choosers)
        for option in self.section.salutations.in_(lang):
            names += names_in(option.forms.get(derived))
        return list(dict.fromkeys(names))


def _check_kinds(located: Located, section: Templates) -> list[Problem]:
    problems = unique_ids(located, section.kinds, "template kind")[1]
    labels = set(TemplateLabels.model_fields)
    for kind in section.kinds:
        for button, parts in kind.copy_buttons.items():
            where = kind.path + ("copy_buttons", button)
            if f"copy_{button}" not in labels:
                problems.append(located.problem(where, f"{describe(where)}: no label 'copy_{button}' in "
                                                       "templates.labels for this button", key=True))
            for index, part in enumerate(parts):
                problems += dangling(located, where + (index,), part, kind.parts, "part")
        for layout, order in (kind.print.order.items() if kind.print else ()):
            where = kind.print.path + ("order", layout)
            problems += dangling(located, where, layout, kind.print.layouts, "layout")
            if sorted(order) != sorted(kind.parts):
                problems.append(located.problem(where, f"{describe(where)}: list each part of the kind once, in "
                                                       f"reading order ({', '.join(kind.parts)})"))
    return problems


def _check_catalogue(located: Located, catalogue: Catalogue) -> list[Problem]:
    section = catalogue.section
    problems = unique_ids(located, section.placeholders, "placeholder")[1]
    problems += unique_ids(located, section.groups, "field group")[1]
    if catalogue.derived and len(catalogue.choosers) != 1:
        problems.append(located.problem(("templates", "placeholders"),
                                        f"derived placeholders ({', '.join(catalogue.derived)}) need exactly one "
                                        f"placeholder with 'input: salutation'; found {len(catalogue.choosers)}"))
    for entry in section.placeholders:
        problems += dangling(located, entry.path + ("scope",), entry.scope, catalogue.groups, "field group")
        if entry.input in ("derived", "salutation") and entry.scope in catalogue.groups \
                and not catalogue.per_person(entry.id):
            problems.append(located.problem(entry.path + ("scope",), f"placeholder '{entry.id}': a {entry.input} "
                                            "placeholder belongs to each person; use a per-person field group"))
        if entry.default and entry.input != "date":
            problems.append(located.problem(entry.path + ("default",), f"placeholder '{entry.id}': only dates "
                                                                       "have a default"))
        if entry.distinct_warning is not None and not catalogue.per_person(entry.id):
            problems.append(located.problem(entry.path + ("distinct_warning",),
                                            f"placeholder '{entry.id}': only a per-person placeholder can differ "
                                            "between people; remove distinct_warning or use a per-person group"))
    return problems


def _check_salutations(located: Located, catalogue: Catalogue) -> list[Problem]:
    problems: list[Problem] = []
    allowed = {name for name in catalogue.entries if catalogue.per_person(name)
               and catalogue.entries[name].input not in ("derived", "salutation")}
    for lang in LANGUAGES:
        options = catalogue.section.salutations.in_(lang)
        problems += unique_ids(located, options, f"{LANGUAGE_NAMES[lang]} salutation")[1]
        for option in options:
            for derived in catalogue.derived:
                if derived not in option.forms:
                    problems.append(located.problem(option.path + ("forms",), f"{describe(option.path)}: no form "
                                                    f"for the derived placeholder {{{derived}}}"))
            for key, text in option.forms.items():
                where = option.path + ("forms", key)
                if key not in catalogue.derived:
                    problems.append(located.problem(where, f"{describe(option.path)}.forms: '{key}' is not a derived "
                                                    f"placeholder (expected: {', '.join(catalogue.derived) or 'none'})",
                                                    key=True))
                problems += check_braces(located, where, text)
                for name in names_in(text):
                    if name not in allowed:
                        problems.append(located.problem(where, f"{describe(where)}: {{{name}}} cannot be used here; "
                                                        "a salutation form may use the per-person fields "
                                                        f"({', '.join(sorted(allowed))})"
                                                        f"{placeholder_suggestion(name, allowed)}"))
    return problems


def _check_shape(located: Located, catalogue: Catalogue, template: Template) -> list[Problem]:
    """The template has exactly the parts of its kind, a layout where it is printed, mail_to where allowed."""
    kind = catalogue.kinds.get(template.kind)
    if kind is None:
        return dangling(located, template.path + ("kind",), template.kind, catalogue.kinds, "template kind")
    problems = []
    for part in kind.parts:
        if part not in template.texts:
            problems.append(located.problem(template.path + ("texts",), f"{describe(template.path)}: a template of "
                                            f"kind '{kind.id}' needs the text '{part}' (its parts: "
                                            f"{', '.join(kind.parts)})", key=True))
    for part in template.texts:
        if part not in kind.parts:
            problems.append(located.problem(template.path + ("texts", part), f"template '{template.id}' is a "
                                            f"{kind.id}; it has no {part} (remove it, or change the kind)", key=True))
    if kind.print and template.layout is None:
        problems.append(located.problem(template.path, f"template '{template.id}' is a {kind.id}: it needs a layout "
                                                       f"({', '.join(kind.print.layouts)})", key=True))
    for lang in LANGUAGES if template.layout else ():
        known = kind.print.layouts if kind.print else []
        problems += dangling(located, template.layout.path + (lang,), template.layout.in_(lang), known, "layout")
    if template.mail_to and not kind.mail_to:
        problems.append(located.problem(template.path + ("mail_to",), f"template '{template.id}' is a {kind.id}; "
                                        "it has no mail_to (remove it, or change the kind)", key=True))
    return problems


def _check_placeholders(located: Located, catalogue: Catalogue, template: Template) -> tuple[list[Problem], set[str]]:
    """Placeholders declared and used agree; returns the problems and the names used."""
    problems: list[Problem] = []
    declared = template.placeholders
    ident = template.id
    for name in declared:
        where = template.path + ("placeholders", name)
        if name not in catalogue.entries:
            problems.append(located.problem(where, f"template '{ident}' declares {{{name}}}, which is not in "
                                                   f"templates.placeholders"
                                                   f"{placeholder_suggestion(name, catalogue.entries)}", key=True))
        elif catalogue.entries[name].input == "derived":
            problems.append(located.problem(where, f"template '{ident}': {{{name}}} is derived from the salutation "
                                                   "and has no field; do not declare it (declare "
                                                   f"{', '.join(catalogue.choosers)} and the names it is built from)",
                                            key=True))
    used: set[str] = set()
    for part, text in template.texts.items():
        for lang in LANGUAGES:
            where = text.path + (lang,)
            problems += check_braces(located, where, text.in_(lang))
            for name in names_in(text.in_(lang)):
                used.add(name)
                if name in catalogue.derived:
                    for part_name in catalogue.built_from(name, lang):
                        used.add(part_name)
                        # Names unknown to the catalogue are reported once, at the salutation form.
                        if part_name not in declared and part_name in catalogue.entries:
                            problems.append(located.problem(where, f"{describe(where)}: {{{name}}} is built from "
                                                            f"{{{part_name}}}, which template '{ident}' does not "
                                                            "declare; add it under placeholders"))
                elif name not in declared:
                    hint = (placeholder_suggestion(name, declared)
                            or placeholder_suggestion(name, catalogue.entries))
                    problems.append(located.problem(where, f"{describe(where)}: {{{name}}} is used but not declared "
                                                           f"in the placeholders of template '{ident}'{hint}"))
    if template.mail_to:
        used.add(template.mail_to)
        where = template.path + ("mail_to",)
        if template.mail_to not in declared:
            problems.append(located.problem(where, f"template '{ident}': mail_to {{{template.mail_to}}} is not "
                                                   "declared in its placeholders"))
        elif catalogue.entries[template.mail_to].input != "email" or not catalogue.per_person(template.mail_to):
            problems.append(located.problem(where, f"template '{ident}': mail_to must name a per-person email "
                                                   f"placeholder, not {{{template.mail_to}}}"))
    for name in declared:
        if name in catalogue.entries and catalogue.entries[name].input != "derived" and name not in used:
            problems.append(located.problem(template.path + ("placeholders", name),
                                            f"template '{ident}' declares {{{name}}} but never uses it in its texts; "
                                            "use it or remove it", key=True))
    return problems, used


def checks(guidance: Guidance, located: Located) -> list[Problem]:
    section = guidance.templates
    catalogue = Catalogue(section)
    checklist_ids = {item.id for item in guidance.checklist.all_items()}
    problems = unique_ids(located, section.items, "template")[1]
    problems += _check_kinds(located, section) + _check_catalogue(located, catalogue)
    problems += _check_salutations(located, catalogue)
    if not catalogue.per_person(section.name_in_headings):
        problems.append(located.problem(("templates", "name_in_headings"),
                                        f"templates.name_in_headings: {{{section.name_in_headings}}} is not a "
                                        "per-person placeholder"
                                        f"{placeholder_suggestion(section.name_in_headings, catalogue.entries)}"))
    used_anywhere: set[str] = set()
    for template in section.items:
        problems += citations.check_citations(located, guidance, template, f"template '{template.id}'")
        problems += dangling_list(located, template, "checklist", checklist_ids, "checklist item")
        problems += _check_shape(located, catalogue, template)
        found, used = _check_placeholders(located, catalogue, template)
        problems += found
        used_anywhere |= used
    for name, entry in catalogue.entries.items():
        if name not in used_anywhere and name != section.name_in_headings:
            problems.append(located.problem(entry.path + ("id",), f"placeholder {{{name}}} is declared in "
                                                                  "templates.placeholders but no template uses it"))
    return problems
