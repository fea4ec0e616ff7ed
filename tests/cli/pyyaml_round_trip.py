#!/usr/bin/env python3
"""flatten and export write YAML that PyYAML (a YAML 1.1 reader) reads back as the input said.

    pyyaml_round_trip.py SPECMESH_BINARY

Run by ctest (label cli) from tests/: flattens tests/data/specs/good/odd-scalars.yaml and the
JSON worked example with the binary, and reads the export golden
cli/cases/export-strings-that-look-like-other-types (the golden test keeps it equal to what
export prints). yaml-cpp's side is in tests/unit/spec/flatten_test.cpp and write_test.cpp.
Fails, never skips, without PyYAML.
"""
import json
import pathlib
import subprocess
import sys

try:
    import yaml
except ImportError:
    sys.exit("pyyaml_round_trip.py: PyYAML is not installed (pip install pyyaml or apt install python3-yaml)")

TESTS = pathlib.Path(__file__).resolve().parent.parent
DATA = TESTS / "data"


def flatten(binary: str, spec: str) -> str:
    done = subprocess.run([str(pathlib.Path(binary).resolve()), "flatten", "--in-spec", spec], cwd=DATA, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"specmesh flatten --in-spec {spec} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def renamed(document: dict, keys: dict) -> dict:
    """The document with its channel keys renamed as flatten renames them, order kept."""
    result = dict(document)
    result["channels"] = {keys.get(key, key): value for key, value in document["channels"].items()}
    return result


def check_equal(what: str, expected, actual) -> bool:
    if expected == actual:
        return True
    print(f"FAIL {what}:\n  expected {expected!r}\n  actual   {actual!r}")
    return False


def check_flatten_odd_scalars(binary: str) -> bool:
    spec = "specs/good/odd-scalars.yaml"
    original = yaml.safe_load((DATA / spec).read_text(encoding="utf-8"))
    flat = yaml.safe_load(flatten(binary, spec))
    keys = {name: "acme.shop." + name for name in
            ["_public.orders", "_protected.payments", "_private.cart", "_private.audit",
             "_private.events"]}
    ok = check_equal("flatten odd-scalars.yaml, channel keys", [keys.get(k, k) for k in original["channels"]],
                     list(flat["channels"]))
    # Value by value, so a failure names the scalar that changed.
    for name, value in original["x-odd-scalars"].items():
        ok &= check_equal(f"flatten odd-scalars.yaml, x-odd-scalars.{name}", value,
                          flat["x-odd-scalars"].get(name))
    return check_equal("flatten odd-scalars.yaml, whole document", renamed(original, keys), flat) and ok


def check_flatten_json(binary: str) -> bool:
    spec = "specs/good/worked-example.json"
    original = json.loads((DATA / spec).read_text(encoding="utf-8"))
    text = flatten(binary, spec)
    keys = {"_public.orders": "acme.shop._public.orders", "_private.cart": "acme.shop._private.cart"}
    expected = renamed(original, keys)
    return (check_equal("flatten worked-example.json read as JSON", expected, json.loads(text))
            and check_equal("flatten worked-example.json read by PyYAML", expected, yaml.safe_load(text)))


def check_export_strings() -> bool:
    case = TESTS / "cli" / "cases" / "export-strings-that-look-like-other-types"
    cluster_lines = (case / "cluster.json").read_text(encoding="utf-8").splitlines()
    cluster = json.loads("\n".join(line for line in cluster_lines if not line.startswith("//")))
    exported = yaml.safe_load((case / "stdout").read_text(encoding="utf-8"))
    ok = check_equal("export asyncapi", "2.6.0", exported["asyncapi"])
    for topic in cluster["topics"]:
        key = topic["name"].removeprefix("acme.shop.")
        channel = exported["channels"].get(key)
        if not check_equal(f"export channel key {key!r}", True, channel is not None):
            ok = False
            continue
        kafka = channel["bindings"]["kafka"]
        ok &= check_equal(f"export {key} partitions", topic["partitions"], kafka["partitions"])
        ok &= check_equal(f"export {key} configs", topic.get("config", {}), kafka.get("configs", {}))
        ok &= check_equal(f"export {key} operationId", "publish." + key,
                          channel["publish"]["operationId"])
    return ok


def main() -> int:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    results = [check_flatten_odd_scalars(sys.argv[1]), check_flatten_json(sys.argv[1]),
               check_export_strings()]
    print(f"PyYAML {yaml.__version__}: {results.count(True)} of {len(results)} checks passed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
