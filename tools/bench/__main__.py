"""``python -m tools.bench``."""

import sys

from .cli import main

sys.exit(main())
