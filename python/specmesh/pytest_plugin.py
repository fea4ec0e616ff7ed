"""pytest plugin: test your service against the real local Kafka + schema registry, with the
topics, schemas and ACLs your spec provisions.

Registered through the `pytest11` entry point, so installing `specmesh` is enough.

Options:
  --specmesh-spec PATH         the spec `specmesh_provisioned` provisions once per session
  --specmesh-schema-path DIR   directory its schema $refs are relative to
  --specmesh-domain-user NAME  principal alias for the owner's ACLs

Fixtures:
  specmesh_env            session: the local environment (started if not running, else
                          reused) as a LocalEnv: bootstrap servers, registry URL, users
  specmesh_provisioned    session: provisions --specmesh-spec; the JSON report as a dict
  specmesh_provision      session: a function provision(spec, schema_path=None, **options)
                          -> PlanResult, for further specs (other domains' empty specs ...)
  specmesh_client_config  a function client_config(principal, **overrides) -> dict of
                          librdkafka / confluent-kafka properties for any user of the env

A bad spec fails the session with its `file:line:col: message` lines, not a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

from . import PlanResult, provision, validate
from .errors import ClusterError, SpecError

LOCAL_ENV_VARIABLE = "SPECMESH_LOCAL_ENV"


@dataclass(frozen=True)
class LocalEnv:
    """Connection info of the local environment (`scripts/local-env.sh status --output json`)."""

    bootstrap_servers: str
    schema_registry_url: str
    security_protocol: str
    sasl_mechanism: str
    admin_username: str
    admin_password: str
    passwords: dict[str, str]
    raw: dict[str, Any] = field(repr=False, default_factory=dict)

    @classmethod
    def from_status(cls, status: dict[str, Any]) -> "LocalEnv":
        passwords = {user["username"]: user["password"] for user in status.get("users", [])}
        admin = status.get("admin", {})
        passwords.setdefault(admin.get("username", "admin"), admin.get("password", ""))
        return cls(bootstrap_servers=status["bootstrap_servers"],
                   schema_registry_url=status["schema_registry_url"],
                   security_protocol=status.get("security_protocol", "SASL_PLAINTEXT"),
                   sasl_mechanism=status.get("sasl_mechanism", "PLAIN"),
                   admin_username=admin.get("username", "admin"),
                   admin_password=admin.get("password", ""),
                   passwords=passwords, raw=status)

    def password(self, principal: str) -> str:
        try:
            return self.passwords[principal]
        except KeyError:
            known = ", ".join(sorted(self.passwords))
            raise KeyError(f"the local environment has no user '{principal}' "
                           f"(users: {known}; add one with local-env.sh up --user "
                           f"{principal}:{principal}-secret)") from None

    def client_config(self, principal: str, listener: str = "SASL_PLAINTEXT",
                      **overrides: Any) -> dict[str, Any]:
        """librdkafka / confluent-kafka properties that authenticate as `principal` on one of
        the environment's listeners: SASL_PLAINTEXT (PLAIN), SASL_SSL (SCRAM-SHA-512) or SSL
        (mutual TLS with the user's client certificate).

        Keyword overrides use underscores for dots: group_id="acme.shop.test".
        """
        password = self.password(principal)
        config: dict[str, Any] = {
            "bootstrap.servers": self.bootstrap_servers,
            "security.protocol": self.security_protocol,
            "sasl.mechanisms": self.sasl_mechanism,
        }
        if listener != "SASL_PLAINTEXT" or "listeners" in self.raw:
            config = self._listener_settings(listener)
        if "sasl.mechanisms" in config:
            config.update({"sasl.username": principal, "sasl.password": password})
        elif config["security.protocol"] == "SSL":
            certificate = self._certificate(principal)
            config.update({"ssl.certificate.location": certificate["client_cert"],
                           "ssl.key.location": certificate["client_key"]})
        config.update({key.replace("_", "."): value for key, value in overrides.items()})
        return config

    def _listener_settings(self, name: str) -> dict[str, Any]:
        listeners = self.raw.get("listeners", [])
        for listener in listeners:
            if listener["name"] == name:
                config = {"bootstrap.servers": listener["bootstrap_servers"],
                          "security.protocol": listener["security_protocol"]}
                if listener.get("sasl_mechanism"):
                    config["sasl.mechanisms"] = listener["sasl_mechanism"]
                if listener.get("ca_file"):
                    config["ssl.ca.location"] = listener["ca_file"]
                return config
        known = ", ".join(listener["name"] for listener in listeners) or "none"
        raise KeyError(f"the local environment has no listener '{name}' (listeners: {known})")

    def _certificate(self, principal: str) -> dict[str, Any]:
        users = [self.raw.get("admin", {})] + list(self.raw.get("users", []))
        for user in users:
            if user.get("username") == principal and "client_cert" in user:
                return user
        raise KeyError(f"the local environment has no client certificate of '{principal}'")

    def provision(self, spec: os.PathLike[str] | str, schema_path: Optional[str] = None,
                  **options: Any) -> PlanResult:
        """Provisions a spec into this environment as its admin."""
        return provision(spec, bootstrap_servers=self.bootstrap_servers,
                         username=self.admin_username, password=self.admin_password,
                         schema_registry_url=self.schema_registry_url,
                         schema_path=schema_path, **options)


def find_local_env_script() -> Path:
    """$SPECMESH_LOCAL_ENV, else scripts/local-env.sh of the checkout the package was built
    from, else of the nearest checkout above the working directory, else `local-env.sh` on
    PATH or an installed share/specmesh/scripts/local-env.sh."""
    candidates: list[Path] = []
    if os.environ.get(LOCAL_ENV_VARIABLE):
        return Path(os.environ[LOCAL_ENV_VARIABLE])
    try:
        from . import _build_info
        candidates.append(Path(_build_info.SOURCE_DIR) / "scripts" / "local-env.sh")
    except ImportError:
        pass
    here = Path(__file__).resolve()
    cwd = Path.cwd().resolve()
    for base in [*here.parents, cwd, *cwd.parents]:
        candidates.append(base / "scripts" / "local-env.sh")
    on_path = shutil.which("local-env.sh")
    if on_path:
        candidates.append(Path(on_path))
    for prefix in ("/usr/local", "/usr"):
        candidates.append(Path(prefix) / "share" / "specmesh" / "scripts" / "local-env.sh")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise pytest.UsageError(
        f"specmesh: cannot find scripts/local-env.sh; set {LOCAL_ENV_VARIABLE} to its path")


def _run(script: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(script), *args], capture_output=True, text=True,
                          check=False)


def start_local_env(script: Optional[Path] = None) -> LocalEnv:
    """The running local environment's connection info, starting it first if needed."""
    script = script or find_local_env_script()
    status = _run(script, "status", "--output", "json")
    if status.returncode != 0:
        started = _run(script, "up")
        if started.returncode != 0:
            pytest.fail(f"specmesh: '{script} up' failed:\n{started.stderr.strip()}",
                        pytrace=False)
        status = _run(script, "status", "--output", "json")
        if status.returncode != 0:
            pytest.fail(f"specmesh: '{script} status' failed:\n{status.stderr.strip()}",
                        pytrace=False)
    return LocalEnv.from_status(json.loads(status.stdout))


# ------------------------------------------------------------------------------------------
# Hooks
# ------------------------------------------------------------------------------------------

def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("specmesh", "specmesh: provision a spec into the local environment")
    group.addoption("--specmesh-spec", metavar="PATH", default=None,
                    help="spec that the specmesh_provisioned fixture provisions")
    group.addoption("--specmesh-schema-path", metavar="DIR", default=None,
                    help="directory the spec's schema $refs are relative to")
    group.addoption("--specmesh-domain-user", metavar="NAME", default="",
                    help="principal alias for the domain owner's ACLs")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "specmesh: the test needs the specmesh local environment")
    spec = config.getoption("--specmesh-spec", default=None)
    if spec:
        # Check the spec before anything starts: a bad one ends the session right here with
        # its file:line:col lines (pytest prints a UsageError without a traceback).
        try:
            validate(spec, config.getoption("--specmesh-schema-path"),
                     domain_user=config.getoption("--specmesh-domain-user"))
        except SpecError as error:
            raise pytest.UsageError(_spec_failure(spec, error)) from None


def _spec_failure(spec: Any, error: SpecError) -> str:
    return f"specmesh: spec '{os.fspath(spec)}' is invalid:\n{error}"


def _provision_or_fail(env: LocalEnv, spec: Any, schema_path: Optional[str],
                       **options: Any) -> PlanResult:
    try:
        validate(spec, schema_path, domain_user=options.get("domain_user", ""))
        result = env.provision(spec, schema_path, **options)
    except SpecError as error:
        pytest.fail(_spec_failure(spec, error), pytrace=False)
    except ClusterError as error:
        pytest.fail(f"specmesh: provisioning '{os.fspath(spec)}' failed: {error}",
                    pytrace=False)
    if not result.ok:
        failed = [item for kind in ("topics", "acls", "schemas")
                  for item in result.document.get(kind, [])
                  if item.get("state") in ("FAILED", "BLOCKED")]
        pytest.fail(f"specmesh: provisioning '{os.fspath(spec)}' did not succeed "
                    f"(status {result.status}):\n" + json.dumps(failed, indent=2),
                    pytrace=False)
    return result


# ------------------------------------------------------------------------------------------
# Fixtures
# ------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def specmesh_env() -> LocalEnv:
    """The local Kafka + schema registry: started if it isn't running, reused if it is."""
    return start_local_env()


@pytest.fixture(scope="session")
def specmesh_provision(specmesh_env: LocalEnv) -> Callable[..., PlanResult]:
    """provision(spec, schema_path=None, **options) -> PlanResult, as the env's admin; a bad
    spec or a failed item fails the test with the spec's diagnostics."""
    def provision_spec(spec: Any, schema_path: Optional[str] = None,
                       **options: Any) -> PlanResult:
        return _provision_or_fail(specmesh_env, spec, schema_path, **options)
    return provision_spec


@pytest.fixture(scope="session")
def specmesh_provisioned(request: pytest.FixtureRequest,
                         specmesh_provision: Callable[..., PlanResult]) -> dict[str, Any]:
    """Provisions --specmesh-spec once per session; returns its JSON report as a dict."""
    config = request.config
    spec = config.getoption("--specmesh-spec")
    if not spec:
        pytest.fail("specmesh: the specmesh_provisioned fixture needs --specmesh-spec PATH",
                    pytrace=False)
    return specmesh_provision(spec, config.getoption("--specmesh-schema-path"),
                              domain_user=config.getoption("--specmesh-domain-user")).document


@pytest.fixture(scope="session")
def specmesh_client_config(specmesh_env: LocalEnv) -> Callable[..., dict[str, Any]]:
    """client_config(principal, **overrides) -> librdkafka properties for that user."""
    def client_config(principal: str, **overrides: Any) -> dict[str, Any]:
        try:
            return specmesh_env.client_config(principal, **overrides)
        except KeyError as error:
            pytest.fail(str(error.args[0]), pytrace=False)
    return client_config
