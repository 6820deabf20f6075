"""
Interpreting: the scarce interpreters (*Sprachmittler*) booked for the consultations that
need them (:func:`assign_interpreters`), and the bookings of many days counted
(:func:`count_bookings`).
"""

from jobcenter_core.interpreting.assignment import assign_interpreters
from jobcenter_core.interpreting.counts import BookingCounts, count_bookings

__all__ = ["BookingCounts", "assign_interpreters", "count_bookings"]
