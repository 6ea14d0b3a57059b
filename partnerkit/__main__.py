"""``python -m partnerkit``."""

from __future__ import annotations

import sys

from partnerkit.cli import main

sys.exit(main())
