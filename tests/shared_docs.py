"""Where the tests find the shared documents: ``../shared`` beside the repository's root.

The real documents (``../shared/realdocs``) are public reports kept outside the repository
(never copied in). A test that reads them skips, saying why, when that folder is absent
(a clone without its sibling ``shared`` folder).
"""

from __future__ import annotations

from pathlib import Path

import pytest

#: ``../shared`` from the repository root (tests/ is one level down).
SHARED = (Path(__file__).resolve().parents[1] / ".." / "shared").resolve()
REALDOCS = SHARED / "realdocs"
SKIP_REASON = (f"needs the shared real documents in {REALDOCS} (the folder ../shared/realdocs beside the "
               "repository root); it is absent here")
needs_realdocs = pytest.mark.skipif(not REALDOCS.is_dir(), reason=SKIP_REASON)
