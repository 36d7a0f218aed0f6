"""The project's own packages are what gets imported (`validators`, `extractors` and `sql` are PyPI names too),
and domain code imports no Airflow."""
import ast
import importlib
from pathlib import Path

import pytest

import mugalim

ROOT = Path(mugalim.__file__).resolve().parent.parent
DOMAIN = ["mugalim", "extractors", "validators"]


@pytest.mark.parametrize("name", DOMAIN)
def test_package_is_the_repositorys_own(name):
    module = importlib.import_module(name)
    assert Path(module.__file__).resolve().is_relative_to(ROOT / name)


def test_sql_is_the_repositorys_folder():
    assert mugalim.SQL_DIR == ROOT / "sql" and (mugalim.SQL_DIR / "migrations" / "env.py").exists()


@pytest.mark.parametrize("name", DOMAIN)
def test_domain_code_imports_no_airflow(name):
    offenders = []
    for path in (ROOT / name).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] == "airflow"]
    assert offenders == []
