"""Test set-up shared by every test.

pytest-qt has no setting for the platform: without a display Qt aborts,
so tests always run offscreen.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
