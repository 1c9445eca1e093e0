"""The real ``bot.py`` in Socket Mode against the loopback Socket Mode server and Web API."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[2]


class BotProcess:
    """``python bot.py`` (Socket Mode: both tokens set), its stderr collected line by line."""

    def __init__(self, db: Path, api_url: str, **extra_env: str) -> None:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CYBERBRIEF_"))},
            "CYBERBRIEF_DB": str(db),
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_APP_TOKEN": "xapp-test",
            "SLACK_API_URL": api_url,
            **extra_env,
        }
        self.process = subprocess.Popen(
            [sys.executable, "bot.py"],
            cwd=PROJECT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.out: list[str] = []
        self._readers = [
            threading.Thread(target=self._collect, args=(self.process.stderr, self.lines)),
            threading.Thread(target=self._collect, args=(self.process.stdout, self.out)),
        ]
        for reader in self._readers:
            reader.daemon = True
            reader.start()

    @staticmethod
    def _collect(stream: Any, into: list[str]) -> None:
        for line in stream:
            # The first start's note about the new store (tests/test_startup_checks.py) is
            # not what these tests watch: they count the bot's own lines.
            if not line.startswith("cyberbrief: created a new store at "):
                into.append(line)

    def wait_line(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if text in line:
                    return line
            if self.process.poll() is not None:
                break
            time.sleep(0.02)
        raise AssertionError(f"no {text!r} in the bot's stderr:\n{self.stderr}")

    def stop(self, signum: int = signal.SIGINT, timeout: float = 20) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        return self.finish(timeout)

    def finish(self, timeout: float = 30) -> int:
        code = self.process.wait(timeout)
        for reader in self._readers:
            reader.join(timeout=5)
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    @property
    def stderr(self) -> str:
        return "".join(self.lines)
