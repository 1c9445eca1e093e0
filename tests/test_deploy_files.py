"""The container and the service, checked as a linter would (CI has no Docker daemon): the
Dockerfile builds from a slim Python, installs the project, runs as a non-root user with the
database on a volume and a HEALTHCHECK on /healthz for `serve`; the systemd unit runs the
installed command as its own user with the documented environment file, whose variables are
exactly the ones cyberbrief reads."""

from __future__ import annotations

import configparser
import json
import re
import shlex
import tomllib
from pathlib import PurePosixPath

from cyberbrief.settings import Settings
from tests.helpers import PROJECT

DOCS = PROJECT / "docs"


def instructions(text: str) -> list[tuple[str, str]]:
    """The Dockerfile's instructions, continuation lines joined and comments dropped."""
    lines: list[tuple[str, str]] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or (line.startswith("#") and not pending):
            continue
        if line.startswith("#"):
            continue
        pending += line.removesuffix("\\").strip() + " "
        if not line.endswith("\\"):
            word, _, rest = pending.strip().partition(" ")
            lines.append((word.upper(), rest.strip()))
            pending = ""
    assert not pending, "a continued line never ends"
    return lines


DOCKERFILE = instructions((PROJECT / "Dockerfile").read_text())


def only(name: str) -> str:
    (value,) = [rest for word, rest in DOCKERFILE if word == name]
    return value


def env_values() -> dict[str, str]:
    values: dict[str, str] = {}
    for word, rest in DOCKERFILE:
        if word == "ENV":
            for pair in shlex.split(rest):
                key, _, value = pair.partition("=")
                values[key] = value
    return values


def test_the_base_is_a_slim_python_the_project_supports() -> None:
    image = only("FROM")
    match = re.fullmatch(r"python:(3\.\d+)-slim(-\w+)?", image)
    assert match, f"a slim Python base, not {image}"
    needs = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]["requires-python"]
    low = needs.removeprefix(">=")
    assert tuple(map(int, match.group(1).split("."))) >= tuple(map(int, low.split(".")))


def test_it_installs_the_project_and_runs_as_a_non_root_user() -> None:
    words = [w for w, _ in DOCKERFILE]
    runs = [rest for word, rest in DOCKERFILE if word == "RUN"]
    assert any(re.search(r"\bpip install \.(\s|$)", r) for r in runs), "installs the project"
    user = only("USER")
    assert user not in ("root", "0") and not user.startswith("0:")
    assert any("useradd" in r and user in r for r in runs), "the user is created"
    assert words.index("USER") > max(i for i, w in enumerate(words) if w == "RUN"), (
        "nothing runs as root after the switch"
    )
    for word, rest in DOCKERFILE:
        if word == "COPY":
            *sources, _ = shlex.split(rest)
            for source in sources:
                assert (PROJECT / source).exists(), f"COPY {source}: no such file"


def test_the_database_is_on_a_volume_the_user_owns() -> None:
    db = PurePosixPath(env_values()["CYBERBRIEF_DB"])
    volumes = json.loads(only("VOLUME"))
    assert str(db.parent) in volumes
    runs = " ".join(rest for word, rest in DOCKERFILE if word == "RUN")
    assert f"mkdir -p {db.parent}" in runs and f"chown {only('USER')}" in runs


def test_it_serves_and_checks_its_health_on_healthz() -> None:
    assert json.loads(only("ENTRYPOINT")) == ["cyberbrief"]
    assert json.loads(only("CMD"))[0] == "serve"
    port = env_values()["PORT"]
    assert only("EXPOSE") == port
    check = only("HEALTHCHECK")
    assert "/healthz" in check and "CMD" in check
    assert re.search(r"--interval=\d+s", check) and re.search(r"--start-period=\d+s", check)


def test_the_build_context_leaves_out_local_state() -> None:
    ignored = (PROJECT / ".dockerignore").read_text().split()
    for entry in (".venv", "*.db", ".git"):
        assert entry in ignored


def test_the_systemd_unit_runs_the_installed_command_as_its_own_user() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string((DOCS / "cyberbrief.service").read_text())
    service = unit["Service"]
    command = shlex.split(service["ExecStart"])
    assert command[0].endswith("/.venv/bin/cyberbrief") and command[1] in ("run", "serve")
    assert service["User"] not in ("root", "0")
    assert service["Restart"] == "on-failure"
    assert service["RestartPreventExitStatus"] == "2", "a bad setting is not retried forever"
    assert service["EnvironmentFile"].endswith("/cyberbrief.env")
    state = service["StateDirectory"]
    assert service["Environment"] == f"CYBERBRIEF_DB=/var/lib/{state}/cyberbrief.db"
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_environment_file_names_every_variable_and_only_those() -> None:
    text = (DOCS / "cyberbrief.env").read_text()
    named = set(re.findall(r"^#?\s?([A-Z][A-Z_]+)=", text, re.MULTILINE))
    known = set(Settings.variables())
    assert named <= known, f"unknown variables: {named - known}"
    assert known - named == {"USER"}, "every setting a service needs is in the file"
