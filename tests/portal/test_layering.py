"""Apps are layered; a lower app never imports a higher one, not even inside a function, and
never reaches into another app by name through importlib. Where a lower app must react to a
higher one, the higher app registers a hook (e.g. cases.hooks, directory.calendar's change hook).

The layering (docs/architecture.md), lowest first; apps on one level do not import each other:
"""

import ast
import pathlib

import pytest

LAYERS = [
    {"portal"},
    {"directory"},
    {"notifications", "accounts", "staffauth"},
    {"cases"},
    {"publicity"},
    {"inspections", "cms"},
    {"monitoring"},
    {"reporting"},
    {"api"},
    {"benchmarks"},
]
LEVEL = {app: level for level, apps in enumerate(LAYERS) for app in apps}
ROOT = pathlib.Path(__file__).resolve().parents[2]
# Discovery of every installed app's optional module (like Django's admin.autodiscover), by pattern,
# not by naming a higher app: settings (beat schedules), urls, roles, demo seeding.
DISCOVERY = {"portal/settings.py", "portal/urls.py", "portal/discovery.py", "directory/roles.py", "directory/management/commands/seed_demo.py"}


def imported_apps(path: pathlib.Path):
    """(line, app) for every absolute import of a project app, at any depth, and importlib calls."""
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in
              {"import_module", "find_spec", "__import__"}):
            names = [arg.value for arg in node.args[:1] if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            if not names:
                names = ["<dynamic>"]
        for name in names:
            yield node.lineno, name.split(".")[0]


def modules():
    for app in LEVEL:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def test_every_app_is_placed_in_the_layering():
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert apps <= set(LEVEL), apps - set(LEVEL)


def test_no_app_imports_a_higher_app_or_reaches_in_through_importlib():
    wrong = []
    for app, path in modules():
        relative = str(path.relative_to(ROOT))
        for line, imported in imported_apps(path):
            if imported == "<dynamic>" and relative not in DISCOVERY:
                wrong.append(f"{relative}:{line} imports a module chosen at run time")
            elif imported in LEVEL and imported != app and LEVEL[imported] >= LEVEL[app]:
                wrong.append(f"{relative}:{line} ({app}) imports {imported}")
    assert wrong == []


@pytest.mark.parametrize(("source", "expected"), [
    ("from reporting.figures import Period\n", ["reporting"]),
    ("def f():\n    from publicity.selectors import x\n", ["publicity"]),
    ("import importlib\nimportlib.import_module('cases.services')\n", ["importlib", "cases"]),
])
def test_the_import_finder_sees_imports_inside_functions_and_importlib(tmp_path, source, expected):
    module = tmp_path / "m.py"
    module.write_text(source)
    assert [app for _line, app in imported_apps(module)] == expected


# A fresh interpreter with only the app under test (and what it may use) installed: loading its
# modules must not pull in a higher project app (the former loop went cases.notifications → tasks
# → services → _base → notifications).
ISOLATION_SCRIPT = """
import sys
import django
from django.conf import settings

settings.configure(
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions", *{apps!r}],
    DATABASES={{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}}},
    PROJECT_APPS={apps!r},
    USE_TZ=True,
)
django.setup()
for module in {modules!r}:
    __import__(module)
print(" ".join(sorted({{name.split(".")[0] for name in sys.modules}})))
"""


@pytest.mark.parametrize(("app", "modules", "apps"), [
    ("notifications", ["notifications.models", "notifications.services", "notifications.selectors",
                       "notifications.tasks"], ["notifications"]),
    ("accounts", ["accounts.selectors", "accounts.services", "accounts.verification", "accounts.forms",
                  "accounts.views", "accounts.hooks", "accounts.urls"], ["captcha", "directory", "accounts"]),
])
def test_a_level_two_app_loads_without_any_domain_app(app, modules, apps):
    import subprocess
    import sys

    script = ISOLATION_SCRIPT.format(apps=apps, modules=modules)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}, check=False)
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    assert app in loaded
    higher = {name for name in LEVEL if LEVEL[name] >= LEVEL[app] and name != app}
    assert loaded & higher == set()
    assert "cases" not in loaded
