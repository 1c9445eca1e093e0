"""``python -m cyberbrief``: the same command line as ``bot.py``."""

import sys

from cyberbrief.cli import main

sys.exit(main())
