"""Write quiz/schema.json, the JSON Schema editors use to check question banks.

Usage:
    python -m tools.schema          # write it
    python -m tools.schema --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import json
import sys

from macros.banks import json_schema
from macros.pages import ROOT

SCHEMA = ROOT / "quiz" / "schema.json"


def render() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.check:
        if not SCHEMA.exists() or SCHEMA.read_text(encoding="utf-8") != render():
            print("quiz/schema.json is out of date; run: python -m tools.schema", file=sys.stderr)
            return 1
        return 0
    SCHEMA.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
