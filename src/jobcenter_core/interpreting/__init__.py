"""
Interpreting: the scarce interpreters (*Sprachmittler*) booked for the consultations that
need them (:func:`assign_interpreters`).
"""

from jobcenter_core.interpreting.assignment import assign_interpreters

__all__ = ["assign_interpreters"]
