"""reportparse: figures, dates, departments, officials and cited documents from
Chinese government reports, as tidy tables.

Public API::

    import reportparse
    result = reportparse.extract(["corpora/"])      # one DataFrame per table
    result.figures.head()
    rules = reportparse.load_rules(["my-rules/"])   # shipped rules + yours
    doc = reportparse.parse_document(path, rules, reportparse.Settings())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Extraction", "Settings", "extract", "load_rules", "parse_document", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from .api import Extraction, extract
    from .pipeline import parse_document
    from .rulebook import load_rules
    from .settings import Settings

_LAZY = {
    "extract": "api",
    "Extraction": "api",
    "parse_document": "pipeline",
    "load_rules": "rulebook",
    "Settings": "settings",
}


def __getattr__(name: str) -> Any:
    """Import the public names lazily, so ``reportparse --help`` starts fast."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'reportparse' has no attribute {name!r}")
