# Typing stub of the native module (python/native.cpp). Use the `specmesh` package instead.
from typing import TypedDict

_Diagnostic = tuple[str, int, int, str]  # file, line, column, message
_Plan = tuple[str, bool, bool, bool]  # render_json, has_changes, is_blocked, has_failures

class _Desired(TypedDict):
    domain: str
    topics: int
    acls: int
    subjects: int
    schema_failures: list[tuple[str, str, _Diagnostic]]  # subject, path, diagnostic

def load_spec(spec_path: str, schema_path: str, domain_user: str,
              partition_count_factor: float, with_schemas: bool) -> _Desired: ...
def plan_offline(spec_path: str, schema_path: str, domain_user: str,
                 partition_count_factor: float, acl_disabled: bool,
                 sr_disabled: bool) -> _Plan: ...
def provision(spec_path: str, schema_path: str, domain_user: str,
              partition_count_factor: float, bootstrap_servers: str, username: str,
              password: str, properties: dict[str, str], schema_registry_url: str,
              sr_api_key: str, sr_api_secret: str, timeout_seconds: float, dry_run: bool,
              clean: bool, acl_disabled: bool, sr_disabled: bool) -> _Plan: ...
