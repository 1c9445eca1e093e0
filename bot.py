"""cyberbrief entry point; the command line is ``cyberbrief.cli`` (``bot.py --help``)."""

import sys

from cyberbrief.cli import main

if __name__ == "__main__":
    sys.exit(main())
