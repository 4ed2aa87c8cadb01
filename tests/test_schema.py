"""guidance.schema.json is generated from the model: the committed file is current and describes the file."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator

from coach import schema
from coach.source import load
from guidance_cases import GUIDANCE

SCHEMA = Path(__file__).resolve().parent.parent / "guidance.schema.json"


def test_the_committed_schema_is_generated_from_the_model():
    assert SCHEMA.read_text(encoding="utf-8") == schema.text(), \
        "guidance.schema.json is stale: run `make schema` and commit it"


def test_editors_find_the_shipped_guidance_valid_and_a_typo_invalid():
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    Draft202012Validator.check_schema(validator.schema)
    data = load(GUIDANCE).data
    assert list(validator.iter_errors(data)) == []
    data["phases"][0]["recommendations"][0]["becuase"] = data["phases"][0]["recommendations"][0].pop("because")
    assert list(validator.iter_errors(data))
    assert GUIDANCE.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=./guidance.schema.json\n")
