"""The bindings without a cluster: loading, validating and planning specs; errors."""

from pathlib import Path

import pytest

import specmesh
from conftest import EXAMPLE

SPEC = EXAMPLE / "acme.shop-api.yaml"
SCHEMAS = EXAMPLE / "schemas"


def test_load_spec_counts_what_it_stands_for():
    desired = specmesh.load_spec(SPEC, SCHEMAS)
    assert desired.domain == "acme.shop"
    assert (desired.topics, desired.acls, desired.subjects) == (3, 16, 3)
    assert desired.schema_failures == []


def test_offline_plan_creates_everything():
    result = specmesh.plan(SPEC, SCHEMAS)
    assert result.status == specmesh.EXIT_CHANGES and result.has_changes
    assert result.document["domain"] == "acme.shop"
    assert "acme.shop._public.orders" in result.names("topics")
    assert result.names("schemas") == ["acme.shop.Item", "acme.shop._protected.payments-value",
                                       "acme.shop._public.orders-value"]
    assert result.document["summary"]["CREATE"] == 22


def test_offline_plan_without_acls_and_schemas():
    result = specmesh.plan(SPEC, acl_disabled=True, sr_disabled=True)
    assert result.document["acls"] == [] or all(
        a["state"] != "CREATE" for a in result.document["acls"])
    assert result.document["schemas"] == []


def test_a_bad_spec_raises_spec_error_with_diagnostics(bad_spec: Path):
    with pytest.raises(specmesh.SpecError) as raised:
        specmesh.load_spec(bad_spec)
    error = raised.value
    assert error.code == "invalid_spec"
    assert error.diagnostics == [specmesh.Diagnostic(
        str(bad_spec), 10, 21, "'partitions' must be an integer, found 'lots'")]
    assert str(error) == f"{bad_spec}:10:21: 'partitions' must be an integer, found 'lots'"
    assert error.message == f"spec '{bad_spec}' has 1 problem"


def test_an_unreadable_spec_is_a_spec_error(tmp_path: Path):
    with pytest.raises(specmesh.SpecError) as raised:
        specmesh.plan(tmp_path / "missing.yaml")
    assert raised.value.code == "not_found"
    assert "cannot be read" in str(raised.value)


def test_missing_schema_files_fail_validate_only(tmp_path: Path):
    desired = specmesh.load_spec(SPEC, tmp_path)  # no schemas there
    assert len(desired.schema_failures) == 2  # the two topic schemas; Item is never reached
    with pytest.raises(specmesh.SpecError) as raised:
        specmesh.validate(SPEC, tmp_path)
    assert len(raised.value.diagnostics) == 2
    assert all(str(d).startswith(f"{SPEC}:") for d in raised.value.diagnostics)


def test_an_unreachable_cluster_is_a_one_line_cluster_error():
    with pytest.raises(specmesh.ClusterError) as raised:
        specmesh.provision(SPEC, schema_path=SCHEMAS, bootstrap_servers="127.0.0.1:1",
                           sr_disabled=True, timeout=2)
    assert raised.value.code == "unavailable"
    assert str(raised.value) == "kafka '127.0.0.1:1': cannot connect (Connection refused)"


def test_provision_needs_a_registry_unless_disabled():
    with pytest.raises(specmesh.ClusterError, match="schema_registry_url"):
        specmesh.provision(SPEC, bootstrap_servers="127.0.0.1:1")
