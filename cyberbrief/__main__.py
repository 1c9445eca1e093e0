"""``python -m cyberbrief`` and the ``cyberbrief`` console script (``[project.scripts]``): the
same command line as ``bot.py``."""

import signal
import sys

# As in bot.py: Ctrl+C while importing exits quietly.
signal.signal(signal.SIGINT, lambda *_: sys.exit(130))

from cyberbrief.cli import main  # noqa: E402

signal.signal(signal.SIGINT, signal.default_int_handler)


def run() -> None:
    """The console script's entry point: exit with the command's code."""
    sys.exit(main())


if __name__ == "__main__":
    run()
