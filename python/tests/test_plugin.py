"""The pytest plugin, run in sub-sessions (pytester): options, fixtures, failures."""

import json
from pathlib import Path

import pytest

from conftest import EXAMPLE
from specmesh.pytest_plugin import LocalEnv


def test_the_plugin_is_registered(pytester: pytest.Pytester):
    result = pytester.runpytest_subprocess("--help")
    result.stdout.fnmatch_lines(["*--specmesh-spec=PATH*", "*--specmesh-schema-path=DIR*"])
    result = pytester.runpytest_subprocess("--fixtures")
    result.stdout.fnmatch_lines(["*specmesh_env*", "*specmesh_provisioned*",
                                 "*specmesh_client_config*"])


def test_a_bad_spec_fails_the_session_with_its_diagnostics(pytester: pytest.Pytester,
                                                          bad_spec: Path):
    pytester.makepyfile("def test_uses_it(specmesh_provisioned):\n    pass\n")
    result = pytester.runpytest_subprocess(f"--specmesh-spec={bad_spec}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([
        f"ERROR: specmesh: spec '{bad_spec}' is invalid:",
        f"{bad_spec}:10:21: 'partitions' must be an integer, found 'lots'",
    ])
    output = result.stdout.str() + result.stderr.str()
    assert "Traceback" not in output and "_native" not in output


def test_a_bad_spec_given_to_the_provision_fixture_fails_cleanly(pytester: pytest.Pytester,
                                                                bad_spec: Path):
    # No cluster is needed to find that out: the spec is checked before connecting.
    pytester.makeconftest(
        "import pytest\n"
        "from specmesh.pytest_plugin import LocalEnv\n"
        "@pytest.fixture(scope='session')\n"
        "def specmesh_env():\n"
        "    return LocalEnv('127.0.0.1:1', 'http://127.0.0.1:1', 'SASL_PLAINTEXT', 'PLAIN',\n"
        "                    'admin', 'admin-secret', {})\n")
    pytester.makepyfile(
        f"def test_provisions(specmesh_provision):\n"
        f"    specmesh_provision({str(bad_spec)!r})\n")
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        f"*specmesh: spec '{bad_spec}' is invalid:*",
        f"*{bad_spec}:10:21: 'partitions' must be an integer, found 'lots'*",
    ])
    assert "Traceback" not in result.stdout.str()
    assert "_native" not in result.stdout.str()


def sample_env() -> LocalEnv:
    """The environment that env-status.json describes (a recorded `status --output json`)."""
    return LocalEnv.from_status(json.loads((Path(__file__).parent / "env-status.json").read_text()))


def test_client_configs_authenticate_any_user_of_the_env():
    env = sample_env()
    assert env.client_config("acme.finance", group_id="acme.finance.x") == {
        "bootstrap.servers": "127.0.0.1:19092",
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanisms": "PLAIN",
        "sasl.username": "acme.finance",
        "sasl.password": "acme.finance-secret",
        "group.id": "acme.finance.x",
    }
    assert env.client_config("admin")["sasl.password"] == "admin-secret"
    with pytest.raises(KeyError, match="no user 'nobody'"):
        env.client_config("nobody")


def test_client_configs_per_listener_use_scram_or_the_users_certificate():
    env = sample_env()
    assert env.client_config("acme.shop", listener="SASL_SSL") == {
        "bootstrap.servers": "127.0.0.1:19095",
        "security.protocol": "SASL_SSL",
        "sasl.mechanisms": "SCRAM-SHA-512",
        "ssl.ca.location": "/pki/ca.pem",
        "sasl.username": "acme.shop",
        "sasl.password": "acme.shop-secret",
    }
    assert env.client_config("acme.finance", listener="SSL", group_id="acme.finance.x") == {
        "bootstrap.servers": "127.0.0.1:19096",
        "security.protocol": "SSL",
        "ssl.ca.location": "/pki/ca.pem",
        "ssl.certificate.location": "/pki/users/acme.finance.pem",
        "ssl.key.location": "/pki/users/acme.finance.key",
        "group.id": "acme.finance.x",
    }
    with pytest.raises(KeyError, match="no listener 'KERBEROS'"):
        env.client_config("acme.shop", listener="KERBEROS")


def test_the_env_fixture_reuses_the_running_environment(pytester: pytest.Pytester):
    pytester.makepyfile(
        "def test_env(specmesh_env, specmesh_client_config):\n"
        "    assert specmesh_env.bootstrap_servers\n"
        "    assert specmesh_env.schema_registry_url.startswith('http')\n"
        "    assert specmesh_client_config('acme.shop')['sasl.password'] == 'acme.shop-secret'\n")
    pytester.runpytest_subprocess().assert_outcomes(passed=1)


def test_the_provisioned_fixture_returns_the_report(pytester: pytest.Pytester):
    pytester.makepyfile(
        "def test_report(specmesh_provisioned):\n"
        "    assert specmesh_provisioned['domain'] == 'acme.shop'\n"
        "    assert specmesh_provisioned['summary']['FAILED'] == 0\n")
    result = pytester.runpytest_subprocess(
        f"--specmesh-spec={EXAMPLE / 'acme.shop-api.yaml'}",
        f"--specmesh-schema-path={EXAMPLE / 'schemas'}")
    result.assert_outcomes(passed=1)
