"""cyberbrief entry point; the command line is ``cyberbrief.cli`` (``bot.py --help``)."""

import signal
import sys

# Ctrl+C while the libraries are still importing: a quiet exit, not a traceback from deep
# inside importlib. The default handler is back before any command runs.
signal.signal(signal.SIGINT, lambda *_: sys.exit(130))

from cyberbrief.cli import main  # noqa: E402

signal.signal(signal.SIGINT, signal.default_int_handler)

if __name__ == "__main__":
    sys.exit(main())
