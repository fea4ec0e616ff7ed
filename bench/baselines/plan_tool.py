#!/usr/bin/env python3
"""Helpers shared by the baseline scripts in bench/baselines/: read specmesh's plan JSON
(`specmesh plan --offline --output json`), rename its domain to a fresh prefix, cap the
replication factor, pick samples, render it for other tools and check what the broker holds.

    plan_tool.py resources PLAN --prefix P [--max-rf N] [--default-rf N] [--rename-grantees]
                                                                  -> normalised JSON on stdout
    plan_tool.py sample RESOURCES N_TOPICS N_ACLS                 -> same shape, an even sample
    plan_tool.py topic-args RESOURCES                             -> one line per topic: CLI args (TAB-separated)
    plan_tool.py acl-args RESOURCES                               -> one line per ACL binding: CLI args (TAB-separated)
    plan_tool.py check-topics RESOURCES LIST_OUTPUT               -> exit 1 unless every topic is listed
    plan_tool.py check-acls RESOURCES ACL_LIST_OUTPUT             -> exit 1 unless every binding is listed
    plan_tool.py median FILE                                      -> median of the numbers in FILE
    plan_tool.py jikkou-yaml RESOURCES [topics|acls]              -> jikkou resource documents (YAML)
    plan_tool.py count-prefix PREFIX TOPIC_LIST ACL_LIST          -> JSON {"topics":N,"acls":M} on the broker

"Normalised resources" = {"domain", "prefix", "topics": [{name, partitions, replication, config}],
"acls": [{resourceType, resourceName, patternType, principal, host, operation, permissionType}]}.
Renaming: the plan's domain id D becomes P in topic names, ACL resource names and principals
(`D` itself and everything starting with `D.`), so each run starts from an empty namespace.
"""

import json
import re
import statistics
import sys


def rename(text, domain, prefix):
    if text == domain:
        return prefix
    if text.startswith(domain + "."):
        return prefix + text[len(domain):]
    if text == "User:" + domain:
        return "User:" + prefix
    return text


def resources(plan_path, prefix, max_rf, default_rf=0, rename_grantees=False):
    with open(plan_path, encoding="utf-8") as handle:
        plan = json.load(handle)
    domain = plan["domain"]
    prefix = prefix or domain
    topics = []
    for topic in plan["topics"]:
        if topic.get("state", "CREATE") != "CREATE":
            continue
        replication = int(topic["replication"])
        if max_rf > 0 and replication > max_rf:
            replication = max_rf
        if replication < 0 and default_rf > 0:
            replication = default_rf  # for tools that cannot ask for the broker's default
        topics.append({
            "name": rename(topic["name"], domain, prefix),
            "partitions": int(topic["partitions"]),
            "replication": replication,
            "config": dict(topic.get("config") or {}),
        })
    acls = []
    for acl in plan["acls"]:
        if acl.get("state", "CREATE") != "CREATE":
            continue
        acls.append({
            "resourceType": acl["resourceType"],
            "resourceName": rename(acl["resourceName"], domain, prefix),
            "patternType": acl["patternType"],
            "principal": grantee(rename(acl["principal"], domain, prefix), prefix, rename_grantees),
            "host": acl["host"],
            "operation": acl["operation"],
            "permissionType": acl["permissionType"],
        })
    return {"domain": domain, "prefix": prefix, "topics": topics, "acls": acls}


def grantee(principal, prefix, enabled):
    """With --rename-grantees, every principal other than the domain's own becomes a fresh one
    of this run (User:acme.finance -> User:P--acme.finance, User:* -> User:P--ALL): for tools
    whose unit is a principal's complete ACL set (jikkou), so that no other run's or domain's
    grants to the same principal are touched and every principal starts from empty."""
    if not enabled or principal == "User:" + prefix:
        return principal
    kind, _, name = principal.partition(":")
    return f"{kind}:{prefix}--{'ALL' if name == '*' else name}"


def even_sample(items, count):
    if count >= len(items):
        return list(items)
    if count <= 0:
        return []
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def camel(operation):
    """IDEMPOTENT_WRITE -> IdempotentWrite (the spelling kafka-acls documents)."""
    return "".join(part.capitalize() for part in operation.split("_"))


def topic_args(topic):
    args = ["--create", "--topic", topic["name"], "--partitions", str(topic["partitions"])]
    if topic["replication"] > 0:
        args += ["--replication-factor", str(topic["replication"])]
    for key, value in sorted(topic["config"].items()):
        args += ["--config", f"{key}={value}"]
    return args


def acl_args(acl):
    args = ["--add"]
    kind = acl["resourceType"]
    if kind == "TOPIC":
        args += ["--topic", acl["resourceName"]]
    elif kind == "GROUP":
        args += ["--group", acl["resourceName"]]
    elif kind == "TRANSACTIONAL_ID":
        args += ["--transactional-id", acl["resourceName"]]
    elif kind == "CLUSTER":
        args += ["--cluster"]
    else:
        raise SystemExit(f"plan_tool: unsupported ACL resource type {kind}")
    if kind != "CLUSTER":
        # kafka-acls cannot write a PREFIXED cluster binding ("You must provide at least one
        # resource"); its --cluster is always LITERAL `kafka-cluster`, which the authorizer
        # treats the same as specmesh's PREFIXED `kafka-cluster` (the name is a prefix of itself).
        args += ["--resource-pattern-type", acl["patternType"].lower()]
    if acl["permissionType"] == "ALLOW":
        args += ["--allow-principal", acl["principal"], "--allow-host", acl["host"]]
    else:
        args += ["--deny-principal", acl["principal"], "--deny-host", acl["host"]]
    args += ["--operation", camel(acl["operation"])]
    return args


# kafka-acls --list prints, per resource:
#   Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name=x, patternType=LITERAL)`:
#   	(principal=User:y, host=*, operation=READ, permissionType=ALLOW)
RESOURCE_RE = re.compile(r"ResourcePattern\(resourceType=(\w+), name=(.*?), patternType=(\w+)\)")
ENTRY_RE = re.compile(r"\(principal=(.*?), host=(.*?), operation=(\w+), permissionType=(\w+)\)")


def listed_acls(text):
    found = set()
    current = None
    for line in text.splitlines():
        match = RESOURCE_RE.search(line)
        if match:
            current = match.groups()
            continue
        match = ENTRY_RE.search(line)
        if match and current:
            kind, name, pattern = current
            if kind == "CLUSTER":
                pattern = "*"
            found.add((kind, name, pattern) + match.groups())
    return found


def acl_key(acl):
    pattern = acl["patternType"]
    if acl["resourceType"] == "CLUSTER":
        pattern = "*"  # see acl_args: the CLI writes the cluster binding as LITERAL
    return (acl["resourceType"], acl["resourceName"], pattern, acl["principal"],
            acl["host"], acl["operation"], acl["permissionType"])


def jikkou_yaml(res, kinds=("topics", "acls")):
    """jikkou (kafka.jikkou.io/v1beta2) resources: one KafkaTopic per topic, one
    KafkaPrincipalAuthorization per principal holding all its ACL entries. JSON flow style,
    which is YAML; documents separated by `---`."""
    docs = []
    for topic in res["topics"] if "topics" in kinds else []:
        spec = {"partitions": topic["partitions"], "replicas": topic["replication"]}
        if topic["config"]:
            spec["configs"] = topic["config"]
        docs.append({"apiVersion": "kafka.jikkou.io/v1beta2", "kind": "KafkaTopic",
                     "metadata": {"name": topic["name"]}, "spec": spec})
    by_principal = {}
    for acl in res["acls"] if "acls" in kinds else []:
        by_principal.setdefault(acl["principal"], []).append({
            "resource": {"type": acl["resourceType"], "pattern": acl["resourceName"],
                         "patternType": acl["patternType"]},
            "operations": [acl["operation"]],
            "type": acl["permissionType"],
            "host": acl["host"],
        })
    for principal, acls in by_principal.items():
        docs.append({"apiVersion": "kafka.jikkou.io/v1beta2", "kind": "KafkaPrincipalAuthorization",
                     "metadata": {"name": principal}, "spec": {"acls": acls, "roles": []}})
    return "\n---\n".join(json.dumps(doc) for doc in docs) + "\n"


def count_prefix(prefix, topic_list, acl_list):
    """Topics named PREFIX or PREFIX.* and ACL bindings whose resource or principal is in it."""
    def inside(name):
        return name == prefix or name.startswith(prefix + ".")
    with open(topic_list, encoding="utf-8") as handle:
        topics = sum(1 for line in handle if inside(line.strip()))
    with open(acl_list, encoding="utf-8") as handle:
        acls = sum(1 for (_, name, _, principal, *_rest) in listed_acls(handle.read())
                   if inside(name) or principal == "User:" + prefix)
    return {"topics": topics, "acls": acls}


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    command = argv[1]
    if command == "resources":
        plan = argv[2]
        prefix = ""
        max_rf = 0
        default_rf = 0
        rename_grantees = False
        rest = argv[3:]
        while rest:
            if rest[0] == "--prefix":
                prefix = rest[1]
            elif rest[0] == "--max-rf":
                max_rf = int(rest[1])
            elif rest[0] == "--default-rf":
                default_rf = int(rest[1])
            elif rest[0] == "--rename-grantees":
                rename_grantees = True
                rest = rest[1:]
                continue
            else:
                raise SystemExit(f"plan_tool: unknown option {rest[0]}")
            rest = rest[2:]
        json.dump(resources(plan, prefix, max_rf, default_rf, rename_grantees), sys.stdout)
    elif command == "sample":
        res = load(argv[2])
        res["full_topics"] = len(res["topics"])
        res["full_acls"] = len(res["acls"])
        res["topics"] = even_sample(res["topics"], int(argv[3]))
        res["acls"] = even_sample(res["acls"], int(argv[4]))
        json.dump(res, sys.stdout)
    elif command == "topic-args":
        for topic in load(argv[2])["topics"]:
            print("\t".join(topic_args(topic)))
    elif command == "acl-args":
        for acl in load(argv[2])["acls"]:
            print("\t".join(acl_args(acl)))
    elif command == "check-topics":
        wanted = {t["name"] for t in load(argv[2])["topics"]}
        with open(argv[3], encoding="utf-8") as handle:
            listed = {line.strip() for line in handle}
        missing = sorted(wanted - listed)
        if missing:
            print(f"plan_tool: {len(missing)} of {len(wanted)} topics missing on the broker, "
                  f"e.g. {missing[:3]}", file=sys.stderr)
            return 1
    elif command == "check-acls":
        wanted = {acl_key(a) for a in load(argv[2])["acls"]}
        with open(argv[3], encoding="utf-8") as handle:
            listed = listed_acls(handle.read())
        missing = sorted(wanted - listed)
        if missing:
            print(f"plan_tool: {len(missing)} of {len(wanted)} ACL bindings missing on the broker, "
                  f"e.g. {missing[:2]}", file=sys.stderr)
            return 1
    elif command == "jikkou-yaml":
        kinds = (argv[3],) if len(argv) > 3 else ("topics", "acls")
        sys.stdout.write(jikkou_yaml(load(argv[2]), kinds))
    elif command == "count-prefix":
        print(json.dumps(count_prefix(argv[2], argv[3], argv[4])))
    elif command == "median":
        with open(argv[2], encoding="utf-8") as handle:
            values = [float(line) for line in handle if line.strip()]
        print(f"{statistics.median(values):.3f}" if values else "null")
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
