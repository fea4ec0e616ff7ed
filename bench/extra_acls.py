#!/usr/bin/env python3
"""Writes a plan-shaped JSON document of extra ACLs for the benchmark's background cluster.

    bench/extra_acls.py PLAN.json TOTAL OUT.json

Adds literal TOPIC ACLs (READ, WRITE, DESCRIBE for principals User:team0, User:team1, ...)
on the topics of PLAN.json (`specmesh plan --offline --output json`) until PLAN.json's own ACLs
plus these reach TOTAL. The output has the plan's shape with no topics, so bench_admin can
create it. These are the "other teams' ACLs" a real cluster carries: specmesh must read past
them, never touch them.
"""

import json
import sys

OPERATIONS = ["READ", "WRITE", "DESCRIBE"]


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    plan_path, total, out_path = argv[0], int(argv[1]), argv[2]
    with open(plan_path, encoding="utf-8") as source:
        plan = json.load(source)
    topics = [topic["name"] for topic in plan["topics"]]
    wanted = total - len(plan["acls"])
    if not topics or wanted <= 0:
        print(f"extra_acls.py: nothing to add ({len(topics)} topics, {wanted} ACLs wanted)",
              file=sys.stderr)
        return 1
    acls = []
    for index in range(wanted):
        topic = topics[index % len(topics)]
        pass_number = index // len(topics)
        acls.append({
            "resourceType": "TOPIC",
            "resourceName": topic,
            "patternType": "LITERAL",
            "principal": f"User:team{pass_number // len(OPERATIONS)}",
            "host": "*",
            "operation": OPERATIONS[pass_number % len(OPERATIONS)],
            "permissionType": "ALLOW",
        })
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump({"topics": [], "acls": acls}, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
