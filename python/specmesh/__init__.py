"""specmesh: spec-driven Kafka provisioning, from Python.

Thin bindings to the C++ core (`specmesh._native`) with a Pythonic surface: functions take
paths and keyword options and return plain dicts and dataclasses; failures raise
`SpecError` (with `.diagnostics`) or `ClusterError`. The pytest plugin is
`specmesh.pytest_plugin` (registered automatically).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Union

from . import _native
from .errors import ClusterError, Diagnostic, SpecError, SpecmeshError

__all__ = [
    "ClusterError",
    "DesiredState",
    "Diagnostic",
    "PlanResult",
    "SpecError",
    "SpecmeshError",
    "SchemaFailure",
    "load_spec",
    "validate",
    "plan",
    "provision",
    "EXIT_OK",
    "EXIT_ERROR",
    "EXIT_CHANGES",
    "EXIT_BLOCKED",
]

__version__ = "0.1.0"

PathLike = Union[str, "os.PathLike[str]"]

#: The CLI's exit codes (Part A.3), as PlanResult.status.
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_CHANGES = 2
EXIT_BLOCKED = 3


@dataclass(frozen=True)
class SchemaFailure:
    """A schema file that could not be read; it does not stop the other resources."""

    subject: str
    path: str
    diagnostic: Diagnostic


@dataclass(frozen=True)
class DesiredState:
    """What a spec stands for, counted."""

    domain: str
    topics: int
    acls: int
    subjects: int
    schema_failures: list[SchemaFailure] = field(default_factory=list)


@dataclass(frozen=True)
class PlanResult:
    """A plan or provisioning run: the JSON report (as a dict) and the CLI's exit status."""

    document: dict[str, Any]
    status: int
    has_changes: bool
    is_blocked: bool
    has_failures: bool

    @property
    def ok(self) -> bool:
        return self.status in (EXIT_OK, EXIT_CHANGES)

    def names(self, kind: str) -> list[str]:
        """Names of the `topics`, `acls` or `schemas` items of the report."""
        return [item.get("name", item.get("subject", "")) for item in self.document.get(kind, [])]


def _schema_path(spec: PathLike, schema_path: Optional[PathLike]) -> str:
    # Like the CLI's --schema-path: without it, schema $refs are paths as written.
    del spec
    return "" if schema_path is None else os.fspath(schema_path)


def _plan_result(native: tuple[str, bool, bool, bool], dry_run: bool) -> PlanResult:
    text, has_changes, is_blocked, has_failures = native
    if has_failures:
        status = EXIT_ERROR
    elif is_blocked:
        status = EXIT_BLOCKED
    elif dry_run and has_changes:
        status = EXIT_CHANGES
    else:
        status = EXIT_OK
    return PlanResult(json.loads(text), status, has_changes, is_blocked, has_failures)


def load_spec(spec: PathLike, schema_path: Optional[PathLike] = None, *,
              domain_user: str = "", partition_count_factor: float = 1.0,
              with_schemas: bool = True) -> DesiredState:
    """Reads a spec (and its schema files) and counts what it stands for.

    Raises SpecError for an invalid or unreadable spec; schema-file problems are listed in
    `schema_failures` (use `validate` to make them errors too).
    """
    raw = _native.load_spec(os.fspath(spec), _schema_path(spec, schema_path), domain_user,
                            partition_count_factor, with_schemas)
    failures = [SchemaFailure(subject, path, Diagnostic(*diagnostic))
                for subject, path, diagnostic in raw["schema_failures"]]
    return DesiredState(raw["domain"], raw["topics"], raw["acls"], raw["subjects"], failures)


def validate(spec: PathLike, schema_path: Optional[PathLike] = None, *,
             domain_user: str = "", with_schemas: bool = True) -> DesiredState:
    """Like `specmesh validate`: raises SpecError for any problem, schema files included."""
    desired = load_spec(spec, schema_path, domain_user=domain_user, with_schemas=with_schemas)
    if desired.schema_failures:
        count = len(desired.schema_failures)
        raise SpecError(
            f"spec '{os.fspath(spec)}' has {count} schema problem{'' if count == 1 else 's'}",
            "invalid_spec", [f.diagnostic for f in desired.schema_failures])
    return desired


def plan(spec: PathLike, schema_path: Optional[PathLike] = None, *, domain_user: str = "",
         partition_count_factor: float = 1.0, acl_disabled: bool = False,
         sr_disabled: bool = False) -> PlanResult:
    """The offline plan: everything the spec stands for, as if the cluster were empty."""
    return _plan_result(
        _native.plan_offline(os.fspath(spec), _schema_path(spec, schema_path), domain_user,
                             partition_count_factor, acl_disabled, sr_disabled),
        dry_run=True)


def provision(spec: PathLike, *, bootstrap_servers: str, username: str = "",
              password: str = "", schema_registry_url: str = "",
              schema_path: Optional[PathLike] = None, domain_user: str = "",
              dry_run: bool = False, clean: bool = False, acl_disabled: bool = False,
              sr_disabled: bool = False, properties: Optional[Mapping[str, str]] = None,
              sr_api_key: str = "", sr_api_secret: str = "",
              partition_count_factor: float = 1.0, timeout: float = 30.0) -> PlanResult:
    """Provisions the spec (or with dry_run, checks the plan), like `specmesh provision`.

    Raises SpecError for a bad spec and ClusterError when connecting or reading fails; item
    failures are in the report (`status == EXIT_ERROR`).
    """
    if not sr_disabled and not schema_registry_url:
        raise ClusterError("set schema_registry_url, or pass sr_disabled=True", "invalid_input")
    return _plan_result(
        _native.provision(os.fspath(spec), _schema_path(spec, schema_path), domain_user,
                          partition_count_factor, bootstrap_servers, username, password,
                          dict(properties or {}), schema_registry_url, sr_api_key,
                          sr_api_secret, timeout, dry_run, clean, acl_disabled, sr_disabled),
        dry_run=dry_run)
