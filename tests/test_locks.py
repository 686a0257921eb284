"""The Python locks in requirements/ match pyproject.toml, pin every package with hashes, and `make` uses them.

`make lock` writes them with uv; these tests read them without a network, so a range changed in
pyproject.toml without `make lock` (or a lock edited by hand) fails here, not at someone's install.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

LOCKS = ROOT / "requirements"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
GROUPS = PYPROJECT["dependency-groups"]


def pins(lock: Path) -> dict[str, list[tuple[Requirement, list[str]]]]:
    """Package name -> each `name==version ; marker` entry of a lock with its hashes."""
    found: dict[str, list[tuple[Requirement, list[str]]]] = {}
    text = re.sub(r"\s*\\\n\s*", " ", lock.read_text(encoding="utf-8"))  # join continued lines
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        spec, *hashes = re.split(r"\s+--hash=", line.strip())
        requirement = Requirement(spec)
        found.setdefault(canonicalize_name(requirement.name), []).append((requirement, hashes))
    return found


def recipe(target: str) -> str:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)


# Each lock and what it must satisfy: the project's own requirements, an extra, or a group.
LOCKED = [
    ("build.txt", [*PROJECT["dependencies"], *GROUPS["setup"]]),  # building: the package and its build backend
    ("test.txt", [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"], *GROUPS["setup"]]),
    ("lock.txt", GROUPS["lock"]),  # the lock tool itself
    ("pip.txt", GROUPS["pip"]),  # pip, installed first into a new .venv
]


@pytest.mark.parametrize(("name", "wanted"), LOCKED, ids=[name for name, _ in LOCKED])
def test_the_lock_satisfies_pyproject(name: str, wanted: list[str]) -> None:
    locked = pins(LOCKS / name)
    for line in wanted:
        required = Requirement(line)
        entries = locked.get(canonicalize_name(required.name))
        assert entries, f"requirements/{name}: {required.name} is missing: run `make lock`"
        for pin, _ in entries:
            (version,) = [spec.version for spec in pin.specifier]
            assert version in required.specifier, f"requirements/{name}: {pin} is outside {line!r}: run `make lock`"
        assert any(pin.marker is None or pin.marker.evaluate() for pin, _ in entries), f"{line}: none for this Python"


@pytest.mark.parametrize("name", [name for name, _ in LOCKED])
def test_every_locked_package_is_one_version_with_hashes(name: str) -> None:
    lock = LOCKS / name
    assert lock.read_text(encoding="utf-8").splitlines()[1] == "#    make lock"  # the header says how to remake it
    for entries in pins(lock).values():
        for pin, hashes in entries:
            assert [spec.operator for spec in pin.specifier] == ["=="], pin
            assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", value) for value in hashes), pin


def test_building_installs_no_test_tool_and_testing_keeps_the_build_versions() -> None:
    build, test = pins(LOCKS / "build.txt"), pins(LOCKS / "test.txt")
    tools = {canonicalize_name(Requirement(line).name) for line in PROJECT["optional-dependencies"]["test"]}
    assert tools >= {"pytest", "playwright", "zizmor"}
    assert not tools & set(build)
    for package, entries in build.items():
        assert [str(pin) for pin, _ in test[package]] == [str(pin) for pin, _ in entries], package


def test_make_installs_from_the_locks_with_hash_checking() -> None:
    installs = {"$(PIP_STAMP)": "pip.txt", "$(BUILD_STAMP)": "build.txt", "$(STAMP)": "test.txt"}
    installs["$(BIN)/uv"] = "lock.txt"
    assert sorted(installs.values()) == sorted(path.name for path in LOCKS.iterdir())  # no lock goes unused
    assert sorted(installs.values()) == sorted(name for name, _ in LOCKED)  # and each is checked above
    for target, lock in installs.items():
        steps = recipe(target)
        assert f"$(PIP) --require-hashes -r requirements/{lock}\n" in steps, target
        assert not re.search(r"\$\(PIP\)(?! --require-hashes -r)(?! --no-deps --no-build-isolation -e \.)", steps)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^\$\(BUILD_STAMP\): requirements/build\.txt pyproject\.toml", makefile, re.M)
    assert re.search(r"^\$\(STAMP\): requirements/test\.txt requirements/build\.txt pyproject\.toml", makefile, re.M)
    assert re.search(r"^build: .*\$\(BUILD_STAMP\)", makefile, re.M)  # building never installs the test tools
