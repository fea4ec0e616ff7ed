# Lets `pytest examples/acme.shop/python` run on its own: without --specmesh-spec the example
# provisions its own spec. (A product team would put these options in its pytest.ini:
# addopts = --specmesh-spec api.yaml --specmesh-schema-path schemas.)
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("--specmesh-spec", default=None):
        config.option.specmesh_spec = str(EXAMPLE / "acme.shop-api.yaml")
        config.option.specmesh_schema_path = str(EXAMPLE / "schemas")
