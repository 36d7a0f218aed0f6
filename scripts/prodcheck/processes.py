"""Airflow's components as child processes, each in its own process group with its output in a log file.

Every process started here is stopped by `Supervisor.stop_all()` (SIGTERM to its group, then SIGKILL), which the
check calls in a `finally`, so nothing is left running after a failure.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path


class CheckFailed(Exception):
    """The production check failed: the message says which step and why."""


@dataclass
class Component:
    name: str
    argv: list[str]
    log_path: Path
    proc: subprocess.Popen[bytes] | None = None
    stopped: bool = False  # stopped or killed on purpose: its exit is not a failure

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def tail(self, lines: int = 25) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return "(no output)"
        return "\n".join(text.splitlines()[-lines:])


@dataclass
class Supervisor:
    env: dict[str, str]
    log_dir: Path
    components: list[Component] = field(default_factory=list)

    def start(self, name: str, argv: list[str]) -> Component:
        """Start `argv` in a new session (its own process group), stdout and stderr to `<log_dir>/<name>.log`."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        comp = Component(name, argv, self.log_dir / f"{name}.log")
        with open(comp.log_path, "ab") as out:
            comp.proc = subprocess.Popen(argv, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        self.components.append(comp)
        return comp

    def get(self, name: str) -> Component:
        return next(c for c in reversed(self.components) if c.name == name)

    def check_alive(self) -> None:
        """Fail when a component that should be running has exited (its last lines say why)."""
        for comp in self.components:
            if comp.proc is not None and comp.proc.poll() is not None and not comp.stopped:
                raise CheckFailed(f"{comp.name} exited with status {comp.proc.returncode}; "
                                  f"last lines of {comp.log_path}:\n{comp.tail()}")

    def kill(self, comp: Component) -> None:
        """SIGKILL the component's whole process group: the machine it ran on is gone, children included."""
        comp.stopped = True
        if comp.proc is not None:
            _signal_group(comp.proc.pid, signal.SIGKILL)
            comp.proc.wait()

    def stop_all(self, grace: float = 20.0) -> None:
        """SIGTERM every group still running, wait up to `grace` seconds, then SIGKILL what is left."""
        running = [c for c in self.components if c.proc is not None]
        for comp in running:
            comp.stopped = True
            _signal_group(comp.proc.pid, signal.SIGTERM)  # type: ignore[union-attr]
        deadline = time.monotonic() + grace
        for comp in running:
            try:
                comp.proc.wait(timeout=max(0.1, deadline - time.monotonic()))  # type: ignore[union-attr]
            except subprocess.TimeoutExpired:
                pass
        for comp in running:
            _signal_group(comp.proc.pid, signal.SIGKILL)  # type: ignore[union-attr]
            try:
                comp.proc.wait(timeout=5)  # type: ignore[union-attr]
            except subprocess.TimeoutExpired:
                pass


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    """Signal a process group; a group that is already gone is fine (its leader's pid is the group id)."""
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def run(argv: list[str], env: dict[str, str], log_path: Path, timeout: float = 600) -> None:
    """Run a one-off command (`airflow db migrate`), output appended to `log_path`; fail with its tail."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as out:
        try:
            rc = subprocess.run(argv, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                timeout=timeout, start_new_session=True).returncode
        except subprocess.TimeoutExpired as e:
            raise CheckFailed(f"{' '.join(argv[:3])} did not finish in {timeout:.0f} s") from e
    if rc != 0:
        tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-25:])
        raise CheckFailed(f"{' '.join(argv[:3])} failed with status {rc}; last lines of {log_path}:\n{tail}")
