"""The engine knows no domain words: a guidance file on another topic builds a working site.

tests/fixtures/other-topic/ holds a small guidance file on salary negotiation and its mkdocs.yml; the
same hooks, templates and scripts build its guide, checklist, wizard with decision table and template.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "other-topic"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("other-topic") / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(FIXTURE / "mkdocs.yml"),
                             "-d", str(out)], capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1",
                                                                                  "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_guide_checklist_and_template_pages_carry_the_topic(site):
    assert "Salary Coach" in read(site, "index.html")
    assert "Research the market rate" in read(site, "guide/prepare/index.html")
    assert "Send your counter-offer within two business days." in read(site, "checklist/index.html")
    template = read(site, "templates/counter-offer-email/index.html")
    assert "Counter-offer email" in template and 'data-field="figure"' in template
    assert "Based on market data for this role, I would ask for [Your figure]." in template


def test_the_wizard_publishes_its_paths_facts_and_plans(site):
    table = json.loads(read(site, "wizard/decision-table.json"))
    assert [question["id"] for question in table["questions"]] == ["written_offer", "other_offer"]
    by_answers = {tuple(sorted(path["answers"].items())): path for path in table["paths"]}
    assert set(by_answers) == {(("written_offer", "no"),), (("other_offer", "no"), ("written_offer", "yes")),
                               (("other_offer", "yes"), ("written_offer", "yes"))}
    waiting = by_answers[(("written_offer", "no"),)]
    assert waiting["facts"] == {"offer_in_writing": False}
    assert waiting["plan"]["approach"] == "wait" and waiting["plan"]["templates"] == []
    countering = by_answers[(("other_offer", "yes"), ("written_offer", "yes"))]
    assert countering["facts"] == {"offer_in_writing": True}
    assert countering["plan"]["approach"] == "counter"
    assert countering["plan"]["templates"] == ["counter-offer-email"]
    plan_page = read(site, countering["plan"]["url"] + "index.html")
    assert "Answer with a counter-offer" in plan_page and "2 business days after the offer" in plan_page
    assert 'data-wizard-date="offer_received"' in plan_page
    assert "Make a counter-offer" in read(site, "wizard/decision-table/index.html")
