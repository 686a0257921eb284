"""quiz/schema.json: in sync with the models, named by every bank, and agreeing with them.

`jsonschema` is not installed in the test environment, so the real banks are checked
with a small validator of the keywords this schema uses (and the schema's shape is
asserted directly).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from macros.banks import QUESTION_TYPES, load_bank
from macros.yamlfile import plain
from tools.schema import SCHEMA, render

ROOT = Path(__file__).resolve().parents[2]
REAL_BANKS = sorted((ROOT / "quiz").glob("*.yml"))
QUESTION_MODELS = ("SingleQuestion", "MultipleQuestion", "TrueFalseQuestion")


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads((ROOT / "quiz" / "schema.json").read_text(encoding="utf-8"))


def test_schema_file_is_in_sync_with_the_models() -> None:
    assert SCHEMA == ROOT / "quiz" / "schema.json"
    assert SCHEMA.read_text(encoding="utf-8") == render()


@pytest.mark.parametrize("path", REAL_BANKS, ids=[p.name for p in REAL_BANKS])
def test_real_bank_names_the_schema_on_its_first_line(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=schema.json"


# ---------------------------------------------------------------- the schema's shape


def test_each_question_type_is_a_const_of_its_model(schema: dict[str, Any]) -> None:
    consts = {name: schema["$defs"][name]["properties"]["type"].get("const") for name in QUESTION_MODELS}
    assert consts == {"SingleQuestion": "single", "MultipleQuestion": "multiple", "TrueFalseQuestion": "true-false"}
    items = schema["properties"]["questions"]["items"]
    assert items["discriminator"]["propertyName"] == "type"
    assert set(items["discriminator"]["mapping"]) == set(QUESTION_TYPES)


@pytest.mark.parametrize("name", [*QUESTION_MODELS, "Option"])
def test_models_forbid_unknown_keys(schema: dict[str, Any], name: str) -> None:
    assert schema["$defs"][name]["additionalProperties"] is False


def test_bank_forbids_unknown_keys(schema: dict[str, Any]) -> None:
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["questions"]


# (model, its required keys)
REQUIRED = [
    ("SingleQuestion", {"id", "prompt", "explanation", "type", "options"}),
    ("MultipleQuestion", {"id", "prompt", "explanation", "type", "options"}),
    ("TrueFalseQuestion", {"id", "prompt", "explanation", "type", "answer", "feedback"}),
    ("Option", {"text"}),
]


@pytest.mark.parametrize(("name", "required"), REQUIRED, ids=[row[0] for row in REQUIRED])
def test_required_keys(schema: dict[str, Any], name: str, required: set[str]) -> None:
    assert set(schema["$defs"][name]["required"]) == required


def test_booleans_and_option_counts(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    assert defs["Option"]["properties"]["correct"]["type"] == "boolean"
    assert defs["TrueFalseQuestion"]["properties"]["answer"]["type"] == "boolean"
    for name in ("SingleQuestion", "MultipleQuestion"):
        options = defs[name]["properties"]["options"]
        assert (options["minItems"], options["maxItems"]) == (2, 8)


# ---------------------------------------------------------------- a small validator


def errors(instance: Any, node: dict[str, Any], root: dict[str, Any], where: str = "") -> list[str]:
    """JSON Schema 2020-12, only the keywords quiz/schema.json uses."""
    if "$ref" in node:
        target: Any = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return errors(instance, target, root, where)
    found: list[str] = []
    if "anyOf" in node and all(errors(instance, sub, root, where) for sub in node["anyOf"]):
        found.append(f"{where}: matches none of anyOf")
    if "oneOf" in node:
        matches = sum(not errors(instance, sub, root, where) for sub in node["oneOf"])
        if matches != 1:
            found.append(f"{where}: matches {matches} of oneOf")
    kinds = {"string": str, "boolean": bool, "array": list, "object": dict, "null": type(None)}
    if "type" in node:
        expected = kinds[node["type"]]
        if not isinstance(instance, expected) or (expected is not bool and isinstance(instance, bool)):
            return [*found, f"{where}: not {node['type']}"]
    if "const" in node and instance != node["const"]:
        found.append(f"{where}: not {node['const']!r}")
    if isinstance(instance, str):
        if len(instance) < node.get("minLength", 0) or len(instance) > node.get("maxLength", 10**9):
            found.append(f"{where}: length")
        if "pattern" in node and not re.search(node["pattern"], instance):
            found.append(f"{where}: pattern")
    if isinstance(instance, list):
        if len(instance) < node.get("minItems", 0) or len(instance) > node.get("maxItems", 10**9):
            found.append(f"{where}: item count")
        for index, item in enumerate(instance):
            if "items" in node:
                found += errors(item, node["items"], root, f"{where}/{index}")
    if isinstance(instance, dict):
        properties = node.get("properties", {})
        found += [f"{where}: missing {key}" for key in node.get("required", []) if key not in instance]
        for key, value in instance.items():
            if key in properties:
                found += errors(value, properties[key], root, f"{where}/{key}")
            elif node.get("additionalProperties") is False:
                found.append(f"{where}: unknown {key}")
    return found


@pytest.mark.parametrize("path", REAL_BANKS, ids=[p.name for p in REAL_BANKS])
def test_real_bank_is_valid_against_the_schema(schema: dict[str, Any], path: Path) -> None:
    loaded = load_bank(path)
    assert loaded.tree is not None
    assert errors(plain(loaded.tree), schema, schema) == []


ONE = {"id": "a", "type": "true-false", "prompt": "P.", "answer": True, "feedback": "F.", "explanation": "E."}

# (case, bank data the schema must reject, like the models do)
REJECTED = [
    ("unknown top-level key", {"titel": "T", "questions": [ONE]}),
    ("no questions", {"questions": []}),
    ("unknown type", {"questions": [{**ONE, "type": "true-or-false"}]}),
    ("answer as a string", {"questions": [{**ONE, "answer": "false"}]}),
    ("missing feedback", {"questions": [{k: v for k, v in ONE.items() if k != "feedback"}]}),
    ("unknown question key", {"questions": [{**ONE, "promt": "P."}]}),
    ("id with capitals", {"questions": [{**ONE, "id": "Scan_Findings"}]}),
    (
        "one option only",
        {"questions": [{"id": "a", "type": "single", "prompt": "P", "explanation": "E", "options": [{"text": "A"}]}]},
    ),
    (
        "unknown option key",
        {
            "questions": [
                {
                    "id": "a",
                    "type": "single",
                    "prompt": "P",
                    "explanation": "E",
                    "options": [{"text": "A", "correct": True}, {"text": "B", "feedbak": "No."}],
                }
            ]
        },
    ),
]


@pytest.mark.parametrize(("case", "data"), REJECTED, ids=[row[0] for row in REJECTED])
def test_schema_rejects_what_the_models_reject(schema: dict[str, Any], case: str, data: dict[str, Any]) -> None:
    assert errors(data, schema, schema) != []


def test_schema_accepts_a_minimal_bank(schema: dict[str, Any]) -> None:
    assert errors({"questions": [ONE]}, schema, schema) == []
