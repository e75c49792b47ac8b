"""Moved to :mod:`tools.sample_data`. TEMPORARY alias, to delete once tests/test_integrity.py and
tests/test_workers.py import ``from tools import sample_data`` (the domain must not import tools)."""

import sys

from tools import sample_data as _moved

sys.modules[__name__] = _moved
