"""Developer sessions: tests, lint, typecheck, bench, and the README operations table."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.reuse_existing_virtualenvs = True


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite (what .ci/run and the README run)."""
    session.install("-e", ".[test]")
    session.run("pytest", "-q", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff over the package, tests, benchmarks and tools."""
    session.install("ruff")
    session.run("ruff", "check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the package."""
    session.install("-e", ".[test]", "mypy")
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
    session.run("python", "-m", "activenet_async._table", "--write", "README.md")
