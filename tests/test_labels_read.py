"""Every label the author writes is read by the site: a label no template, script or hook reads is text the
coach keeps in two languages for nothing (four such wizard strings were left behind by the fast path).

A static check: a label counts as read where its name is used as an attribute (`t.back`, `labels.back`) or a
quoted key (`"back"`) in a page template, an override, a script or a hook module. A name that happens to be
spelled like something else (`.length` in JavaScript) passes, so this finds labels left behind, not every
unused one.
"""

from __future__ import annotations

import re
from pathlib import Path

from coach import wizard
from coach.model.content import ChecklistLabels, SiteStrings
from coach.model.drafts import TemplateLabels
from coach.model.wizard import WizardStrings

ROOT = Path(__file__).resolve().parent.parent
LABEL_SETS = (SiteStrings, ChecklistLabels, TemplateLabels, WizardStrings)
SCRIPTS = ROOT / "docs" / "assets" / "javascripts"


def readers() -> dict[Path, str]:
    """What can read a label: page templates, theme overrides, scripts and the hook modules (not the model)."""
    files = [*(ROOT / "hooks" / "templates").glob("*.j2"), *(ROOT / "overrides").rglob("*.html"),
             *SCRIPTS.glob("*.js"), *(ROOT / "hooks" / "coach").glob("*.py")]
    return {path: path.read_text(encoding="utf-8") for path in files}


def is_read(name: str, texts: dict[Path, str]) -> bool:
    pattern = re.compile(rf"""\.{name}\b|["']{name}["']""")
    return any(pattern.search(text) for text in texts.values())


def test_every_label_is_read_by_a_template_a_script_or_a_hook(guidance):
    texts = readers()
    # template_form.j2 reads a copy button's label by the button's name (labels["copy_" ~ button]).
    by_button = {f"copy_{button}" for kind in guidance.templates.kinds for button in kind.copy_buttons}
    unread = [f"{label_set.__name__}.{name}" for label_set in LABEL_SETS for name in label_set.model_fields
              if name not in by_button and not is_read(name, texts)]
    assert unread == [], f"labels nothing reads (remove them from the model and guidance.yaml): {unread}"


def test_the_check_finds_a_label_nothing_reads():
    texts = readers()
    assert is_read("by_date", texts)  # the control: wizard.js reads it
    assert not is_read("by_date", {path: text.replace("by_date", "deadline_text") for path, text in texts.items()})


def test_every_string_sent_to_the_wizard_script_is_read_by_it():
    """SCRIPT_STRINGS travel in every wizard page's data: each one must be read there, as `strings.<name>`."""
    scripts = "\n".join(path.read_text(encoding="utf-8") for path in SCRIPTS.glob("wizard*.js"))
    unread = [name for name in wizard.SCRIPT_STRINGS if not re.search(rf"\bstrings\.{name}\b", scripts)]
    assert unread == [], f"sent to the script but never read there: {unread}"
