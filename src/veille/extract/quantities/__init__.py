"""Quantities: numeric facts with bound, unit, counted head and time -> ``doc._.quantities``.

``numbers`` reads digits and number words, ``shape`` the bound and unit, ``counted`` the
head noun phrase, ``filters`` drops what is not a fact (dates, ages, ordinals).
"""

from veille.extract.quantities.stage import extract_quantities, make_quantities

__all__ = ["extract_quantities", "make_quantities"]
