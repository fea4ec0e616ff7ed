"""env.json, the connection info of the running local environment (local-env.sh).

    J_BOOTSTRAP=... python3 env_json.py write FILE      write it from the J_* variables
    J_BROKERS=... python3 env_json.py brokers FILE OUT  FILE with its brokers from J_BROKERS
    python3 env_json.py broker-rows FILE                its brokers as J_BROKERS rows
    python3 env_json.py users FILE                      its users, one NAME:PASSWORD a line
    python3 env_json.py summary FILE [with-passwords]   the text summary (passwords only
                                                        with with-passwords)
"""
import json
import os
import sys


def certificate(pki, name):
    return {"client_cert": f"{pki}/users/{name}.pem", "client_key": f"{pki}/users/{name}.key"}


def listeners(e, admin):
    ca_file = f'{e["J_PKI"]}/ca.pem'
    none = {"ca_file": None, "client_cert": None, "client_key": None}
    return [
        {"name": "SASL_PLAINTEXT", "bootstrap_servers": e["J_BOOTSTRAP"],
         "security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": "PLAIN", **none},
        {"name": "SASL_SSL", "bootstrap_servers": e["J_SASL_SSL"],
         "security_protocol": "SASL_SSL", "sasl_mechanism": "SCRAM-SHA-512",
         **none, "ca_file": ca_file},
        {"name": "SSL", "bootstrap_servers": e["J_SSL"], "security_protocol": "SSL",
         "sasl_mechanism": None, "ca_file": ca_file, **certificate(e["J_PKI"], admin)},
        {"name": "PLAINTEXT", "bootstrap_servers": e["J_PLAINTEXT"],
         "security_protocol": "PLAINTEXT", "sasl_mechanism": None, **none},
    ]


def brokers_from(rows):
    """J_BROKERS: one "ID PID CONTROLLER RUNNING DATA_DIR" line per node."""
    out = []
    for line in rows.splitlines():
        if line:
            node, pid, controller, running, data_dir = line.split(" ", 4)
            out.append({"id": int(node), "pid": int(pid) if running == "true" else None,
                        "controller": controller == "true", "running": running == "true",
                        "log_dirs": data_dir})
    return out


def broker_rows(path):
    """The brokers of FILE as J_BROKERS rows (to tell whether they changed)."""
    for b in json.load(open(path)).get("brokers", []):
        print(f'{b["id"]} {b["pid"] or 0} {str(b["controller"]).lower()} '
              f'{str(b["running"]).lower()} {b["log_dirs"]}')


def brokers(path, out):
    env = json.load(open(path))
    env["brokers"] = brokers_from(os.environ["J_BROKERS"])
    env["pids"]["kafka"] = env["brokers"][0]["pid"]
    with open(out, "w") as f:
        json.dump(env, f, indent=2)
        f.write("\n")


def write(path):
    e = os.environ
    users = []
    for line in e["J_USERS"].splitlines():
        if line:
            name, _, password = line.partition(":")
            users.append({"username": name, "password": password, "name": name,
                          **certificate(e["J_PKI"], name)})
    env = {
        "bootstrap_servers": e["J_BOOTSTRAP"],
        "security_protocol": "SASL_PLAINTEXT",
        "sasl_mechanism": "PLAIN",
        "admin": {"username": e["J_ADMIN_USER"], "password": e["J_ADMIN_PASSWORD"],
                  **certificate(e["J_PKI"], e["J_ADMIN_USER"])},
        "listeners": listeners(e, e["J_ADMIN_USER"]),
        "ca_file": f'{e["J_PKI"]}/ca.pem',
        "users": users,
        "schema_registry_url": e["J_SR_URL"],
        "schema_registry_https_url": e["J_SR_HTTPS_URL"],
        "schema_registry_ca_file": f'{e["J_PKI"]}/ca.pem',
        "plaintext_bootstrap_servers": e["J_PLAINTEXT"],
        "kafka_version": e["J_KAFKA_VERSION"],
        "schema_registry_version": e["J_SR_VERSION"],
        "schema_registry_management_url": e["J_SR_MGMT_URL"],
        "pids": {"kafka": brokers_from(e["J_BROKERS"])[0]["pid"],
                 "schema_registry": int(e["J_SR_PID"])},
        "brokers": brokers_from(e["J_BROKERS"]),
        "default_replication_factor": int(e["J_REPLICATION_FACTOR"]),
        "min_insync_replicas": int(e["J_MIN_ISR"]),
        "s3": {"endpoint": e["J_S3_URL"], "region": e["J_S3_REGION"],
               "version": e["J_S3_VERSION"], "pid": int(e["J_S3_PID"]),
               "admin": {"access_key": e["J_ADMIN_USER"], "secret_key": e["J_ADMIN_PASSWORD"]},
               "identities_file": e["J_S3_IDENTITIES"]},
        "log_dir": e["J_LOGS"],
    }
    with open(path, "w") as f:
        json.dump(env, f, indent=2)
        f.write("\n")


def users(path):
    for u in json.load(open(path)).get("users", []):
        print(f'{u["username"]}:{u["password"]}')


def summary(path, mode=""):
    env = json.load(open(path))
    show = mode == "with-passwords"

    def cred(u):
        return f'{u["username"]} / {u["password"]}' if show else u["username"]

    print("specmesh local environment is running")
    nodes = ", ".join(f'{b["id"]}: pid {b["pid"]}' if b["running"] else f'{b["id"]}: stopped'
                      for b in env["brokers"])
    print(f'  Kafka {env.get("kafka_version", "")}: {env["bootstrap_servers"]}  '
          f'{env["security_protocol"]} {env["sasl_mechanism"]}  (brokers {nodes}; replication '
          f'{env["default_replication_factor"]}, min.insync.replicas {env["min_insync_replicas"]})')
    for listener in env["listeners"][1:3]:
        how = listener["sasl_mechanism"] or "client certificate required (CN = user)"
        print(f'  {listener["name"]}: {listener["bootstrap_servers"]}  {how}, CA {listener["ca_file"]}')
    print(f'  unauthenticated: {env["plaintext_bootstrap_servers"]}  PLAINTEXT, User:ANONYMOUS, no ACLs')
    print(f'  schema registry: {env["schema_registry_url"]}  ({env.get("schema_registry_version", "")}, '
          f'pid {env["pids"]["schema_registry"]})')
    print(f'  schema registry over HTTPS: {env["schema_registry_https_url"]}  basic auth as any '
          f'user, CA {env["schema_registry_ca_file"]}')
    s3 = env["s3"]
    print(f'  S3: {s3["endpoint"]}  ({s3["version"]}, region {s3["region"]}, pid {s3["pid"]}); '
          'access key <user>, secret key its password; signed requests only')
    print(f'  admin (super user): {cred(env["admin"])}')
    print("  users: " + ", ".join(cred(u) for u in env["users"]))
    print(f'  client certificates: {os.path.dirname(env["admin"]["client_cert"])}/<name>.pem, .key')
    if not show:
        print("  passwords: <name>-secret for the built-in users; see `local-env.sh status`")
    print(f'  logs: {env["log_dir"]}')


COMMANDS = {"write": write, "brokers": brokers, "broker-rows": broker_rows, "users": users,
            "summary": summary}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](*sys.argv[2:])
