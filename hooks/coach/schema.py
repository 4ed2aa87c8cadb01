"""guidance.schema.json, generated from the model, for editors that complete keys and flag mistakes.

    python -m coach.schema > guidance.schema.json     (from hooks/; `make schema` does this)

A test fails when the committed file differs from what this prints.
"""

from __future__ import annotations

import json

from .model import Guidance


def generate() -> dict:
    schema = Guidance.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "guidance.schema.json",
            "title": "Guidance of a coaching site", **schema}


def text() -> str:
    return json.dumps(generate(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    print(text(), end="")
