import os
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "acme.shop"

# pytester points HOME at a temporary directory; the local environment's state and cache
# stay where they are.
_HOME = Path.home()
_LOCAL_ENV = {
    "SPECMESH_LOCAL_HOME": os.environ.get("SPECMESH_LOCAL_HOME", str(_HOME / ".specmesh" / "local")),
    "SPECMESH_CACHE": os.environ.get("SPECMESH_CACHE", str(_HOME / ".cache" / "specmesh")),
}


@pytest.fixture(autouse=True)
def _keep_the_local_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in _LOCAL_ENV.items():
        monkeypatch.setenv(name, value)

BAD_SPEC = """\
asyncapi: 2.6.0
id: 'urn:acme.bad'
info:
  title: bad
  version: 1.0.0
channels:
  _public.things:
    bindings:
      kafka:
        partitions: lots
    publish:
      operationId: onThing
"""


@pytest.fixture
def bad_spec(tmp_path: Path) -> Path:
    path = tmp_path / "bad-api.yaml"
    path.write_text(BAD_SPEC)
    return path
