"""Quantity-first figures: every number of the text is found once, then either named as a
non-figure (a date, a code, an ordinal ...) or attributed to the noun phrase it is said of.

scan.py       number forms + the unit lexicon -> :class:`Quantity` spans
attribute.py  the clause around a quantity -> a :class:`Reading` (metric, subject, basis, change)
rows.py       readings -> figure candidates for the quantities no figure rule read, and the
              repair of rows whose metric is no metric (a bare change verb, a fragment)
"""

from .attribute import Reading, read_quantity
from .scan import Quantity, scan_quantities

__all__ = ["Quantity", "Reading", "read_quantity", "scan_quantities"]
