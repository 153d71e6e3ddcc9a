"""Times: time expressions normalised to TIMEX3 values against the publication date ->
``doc._.times``. The grammar is data (``lexicon``), ``normalise`` computes values and
``calendar`` holds the date arithmetic."""

from veille.extract.times.stage import extract_times, make_times

__all__ = ["extract_times", "make_times"]
