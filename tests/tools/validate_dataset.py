#!/usr/bin/env python3
"""validate_dataset.py SCHEMA FILE... - checks json datasets and jsonl records against
formats/dataset.schema.json with jsonschema's Draft202012Validator. A .jsonl file is checked
line by line. Prints one line per error (file:line: message) and exits 1 when any."""
import json
import sys

import jsonschema


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    checked = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            if path.endswith(".jsonl"):
                docs = [(n, line) for n, line in enumerate(f, 1) if line.strip()]
            else:
                docs = [(1, f.read())]
        for lineno, text in docs:
            checked += 1
            for err in validator.iter_errors(json.loads(text)):
                bad += 1
                where = "/".join(str(p) for p in err.absolute_path)
                print(f"{path}:{lineno}: {where}: {err.message[:300]}")
    print(f"validated {checked} JSON value(s) from {len(sys.argv) - 2} file(s), {bad} error(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
