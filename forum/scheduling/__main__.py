"""Run the scheduler command line: python -m forum.scheduling."""

import sys

from .cli import main

sys.exit(main())
