"""The templates section: wording people fill in and copy, one page per template at templates/<id>/.

A template's texts contain placeholders such as {company}. Each template declares the placeholders it
uses (required or optional); `templates.placeholders` says how the form asks for each. Derived
placeholders ({greeting}) have no field: their text comes from the salutation chosen for each person.
What a kind of template is made of (its parts, copy buttons, print layouts) is declared in
`templates.kinds`. Each page carries the text with [Label] markers for visitors without JavaScript,
and the data the fill-in script needs.
"""

from __future__ import annotations

from .checklist import items_by_id
from .drafts_checks import Catalogue, checks
from .labels import names_in, with_markers
from .model import Guidance
from .model.drafts import Template, Templates
from .rendering import RenderedPage, in_language, render

INDEX = "templates/index.md"

__all__ = ["INDEX", "checks", "form_context", "nav", "page_path", "render_pages"]


def page_path(template_id: str) -> str:
    return f"templates/{template_id}.md"


def parts_in_order(section: Templates, template: Template, lang: str) -> list[str]:
    """The parts of a template in reading order: its layout's order in this language, else its kind's."""
    kind = next(kind for kind in section.kinds if kind.id == template.kind)
    layout = template.layout.in_(lang) if template.layout else None
    if kind.print and layout in kind.print.order:
        return kind.print.order[layout]
    return kind.parts


def _texts(section: Templates, template: Template, lang: str = "en") -> dict[str, object]:
    """The template's texts in reading order (the parts are the same in every order, only their sequence differs)."""
    return {part: template.texts[part] for part in parts_in_order(section, template, lang)}


def used_placeholders(section: Templates, template: Template, lang: str) -> list[str]:
    """Placeholders one language of a template uses, derived ones resolved, in catalogue order."""
    catalogue = Catalogue(section)
    names: set[str] = set()
    for text in _texts(section, template).values():
        for name in names_in(text.in_(lang)):
            names.add(name)
            if name in catalogue.derived:
                names.update(catalogue.built_from(name, lang))
    if template.mail_to:
        names.add(template.mail_to)
    return [entry.id for entry in section.placeholders if entry.id in names]


def page_data(section: Templates, template: Template, lang: str) -> dict:
    """What the fill-in script needs for one template in one language."""
    catalogue = Catalogue(section)
    used = used_placeholders(section, template, lang)
    kind = catalogue.kinds[template.kind]
    fields, derived = {}, {}
    heading = catalogue.entries[section.name_in_headings]
    if heading.input == "derived" and any(catalogue.entries[name].input == "salutation" for name in used):
        # Headings name each person ("For Dr. Lopez") even if the texts do not use this form.
        derived[heading.id] = {"label": heading.label.in_(lang)}
    for name in used:
        entry = catalogue.entries[name]
        if entry.input == "derived":
            derived[name] = {"label": entry.label.in_(lang)}
            continue
        group = catalogue.groups[entry.scope]
        fields[name] = {"scope": entry.scope, "perPerson": group.per_person, "input": entry.input,
                        "label": entry.label.in_(lang), "required": template.placeholders.get(name) == "required"}
        if entry.default:
            fields[name]["default"] = entry.default
    address_mix = section.checks.address_mix.in_(lang)
    return {
        "kind": template.kind,
        "parts": parts_in_order(section, template, lang),
        "copy": kind.copy_buttons,
        "printed": kind.print is not None,
        "layout": template.layout.in_(lang) if template.layout else None,
        "texts": {part: text.in_(lang) for part, text in _texts(section, template, lang).items()},
        "fields": fields,
        "derived": derived,
        "salutations": [salutation.model_dump() for salutation in section.salutations.in_(lang)],
        "mailTo": template.mail_to,
        "nameInHeadings": section.name_in_headings,
        "dateLocale": section.date_locale.in_(lang),
        "maxEmailWords": section.checks.max_words,
        "addressMix": address_mix.model_dump() if address_mix else None,
        "distinct": {name: catalogue.entries[name].distinct_warning.in_(lang) for name in used
                     if catalogue.entries[name].distinct_warning and name in fields},
        "labels": in_language(section.labels, lang).data(),
    }


def static_text(section: Templates, template: Template, lang: str) -> str:
    """The template as it stands, placeholders shown as [Label]: what a visitor without JavaScript copies."""
    labels = {entry.id: entry.label.in_(lang) for entry in section.placeholders}
    return "\n\n".join(with_markers(text.in_(lang), labels) for text in _texts(section, template, lang).values())


def _markers(section: Templates, template: Template, lang: str) -> list[dict]:
    """The placeholders that show as [Label] in the static text, in catalogue order."""
    names = {name for text in _texts(section, template).values() for name in names_in(text.in_(lang))}
    return [{"entry": in_language(entry, lang), "required": template.placeholders.get(entry.id, "required") == "required"}
            for entry in section.placeholders if entry.id in names]


def _form_fields(section: Templates, template: Template, lang: str) -> list[dict]:
    """The form's field groups in order, each with its fields in catalogue order; derived ones have none."""
    used = set(used_placeholders(section, template, lang))
    groups = []
    for group in section.groups:
        fields = [{"entry": in_language(entry, lang), "required": template.placeholders.get(entry.id) == "required"}
                  for entry in section.placeholders
                  if entry.id in used and entry.input != "derived" and entry.scope == group.id]
        if fields:
            groups.append({"group": in_language(group, lang), "fields": fields})
    return groups


def form_context(guidance: Guidance, template_id: str, lang: str) -> dict:
    """What the shared form partial (template_form.j2) needs for one template, on any page: template pages
    and wizard plan pages show the same form and the same text for visitors without JavaScript."""
    section = guidance.templates
    template = next(item for item in section.items if item.id == template_id)
    kind = next(kind for kind in section.kinds if kind.id == template.kind)
    data = page_data(section, template, lang)
    data["template"] = template.id
    return {"template": in_language(template, lang), "kind": in_language(kind, lang),
            # The people first: on a plan page the first field is a person's name.
            "groups": sorted(_form_fields(section, template, lang), key=lambda g: not g["group"].per_person),
            "static_text": static_text(section, template, lang),
            "static_placeholders": _markers(section, template, lang), "data": data,
            "labels": in_language(section.labels, lang), "salutations": in_language(section.salutations, lang)}


def render_pages(guidance: Guidance, lang: str) -> list[RenderedPage]:
    section = guidance.templates
    view = in_language(guidance, lang)
    context = {"section": view.templates, "t": view.strings, "labels": view.templates.labels,
               "sources": {source.id: source for source in view.sources}}
    rendered = [RenderedPage(INDEX, render("templates_index.md.j2", context))]
    kinds = {kind.id: in_language(kind, lang) for kind in section.kinds}
    for template in section.items:
        groups = _form_fields(section, template, lang)
        rendered.append(RenderedPage(page_path(template.id), render(
            "template.md.j2", context, template=in_language(template, lang), kind=kinds[template.kind], lang=lang,
            groups=groups, static_text=static_text(section, template, lang),
            static_placeholders=_markers(section, template, lang),
            data={**page_data(section, template, lang), "template": template.id},
            related=in_language(items_by_id(guidance, template.checklist or []), lang),
        )))
    return rendered


def nav(guidance: Guidance, lang: str) -> list:
    section = guidance.templates
    return [{section.title.in_(lang): [INDEX] + [{item.title.in_(lang): page_path(item.id)} for item in section.items]}]
