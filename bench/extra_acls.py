#!/usr/bin/env python3
"""Writes a plan-shaped JSON document of other teams' ACLs for the benchmark's big cluster.

    bench/extra_acls.py COUNT OUT.json [--domain bench.teams]

COUNT literal TOPIC ACLs (READ, WRITE, DESCRIBE for principals User:team0, User:team1, ...) on
topics `<domain>.topic<i>` of a domain no benchmark spec owns: the ACLs a shared cluster
carries that specmesh must read past and never touch (ACLs on a spec's own topics would be
grants it manages, and a plan would rightly want to remove them). The output has the plan's
shape with no topics, so bench_admin can create it.
"""

import argparse
import json
import sys

OPERATIONS = ["READ", "WRITE", "DESCRIBE"]
PRINCIPALS_PER_TOPIC = 4


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--domain", default="bench.teams")
    args = parser.parse_args(argv)
    per_topic = len(OPERATIONS) * PRINCIPALS_PER_TOPIC
    acls = [{
        "resourceType": "TOPIC",
        "resourceName": f"{args.domain}.topic{index // per_topic}",
        "patternType": "LITERAL",
        "principal": f"User:team{index % per_topic // len(OPERATIONS)}",
        "host": "*",
        "operation": OPERATIONS[index % len(OPERATIONS)],
        "permissionType": "ALLOW",
    } for index in range(args.count)]
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump({"topics": [], "acls": acls}, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
