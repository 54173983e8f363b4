"""Developer sessions: tests (every supported Python), the lowest and newest dependency versions,
lint, typecheck, bench, and the README operations table."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "typecheck", "tests", "lowest"]
nox.options.reuse_existing_virtualenvs = True

# The Python versions in pyproject.toml's classifiers; each must pass the suite.
PYTHONS = ["3.11", "3.12", "3.13"]
PYTEST = ("pytest", "-q", "-p", "no:cacheprovider")


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The whole test suite on each supported Python (newest dependency versions)."""
    session.install("-e", ".[test]")
    session.run(*PYTEST, *session.posargs)


@nox.session(python=PYTHONS[-1])
def newest(session: nox.Session) -> None:
    """The suite on the newest versions the ranges allow (what .ci/run and the README run),
    upgraded even in a reused virtualenv."""
    session.install("--upgrade", "--upgrade-strategy", "eager", "-e", ".[test]")
    session.run(*PYTEST, *session.posargs)


@nox.session(python=PYTHONS[0])
def lowest(session: nox.Session) -> None:
    """The suite on the lowest versions the ranges allow (as .ci/lowest runs it): every
    dependency pyproject.toml names at its lower bound, on the lowest supported Python."""
    session.install("uv")
    session.run("uv", "pip", "install", "--resolution", "lowest-direct", "-e", ".[test]",
                env={"VIRTUAL_ENV": str(session.virtualenv.location)})
    session.run(*PYTEST, *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff over the package, tests, benchmarks and tools."""
    session.install("ruff")
    session.run("ruff", "check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the package."""
    session.install("-e", ".[test]")
    session.run("mypy", "--strict", "activenet_async")


@nox.session
def bench(session: nox.Session) -> None:
    """The benchmark suite (not part of the tests); prints a table."""
    session.install("-e", ".[test]", "httpx", "pydantic", "psutil", "py-spy")
    session.run("python", "-m", "benchmarks", *session.posargs)


@nox.session
def docs_table(session: nox.Session) -> None:
    """Regenerate the README operations table from the operation table in the code."""
    session.install("-e", ".")
    session.run("python", "-m", "activenet_async._operations.readme", "--write", "README.md")
