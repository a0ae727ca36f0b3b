"""The JSON Schema of the scenario format, for editors that autocomplete and check YAML."""

from __future__ import annotations

from typing import Any

from trainer.scenario.model import Scenario

SCHEMA_ID = "https://call-rehearsal-trainer.invalid/scenario.schema.json"


def scenario_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Call-rehearsal trainer scenario",
        **{k: v for k, v in schema.items() if k != "title"},
    }
