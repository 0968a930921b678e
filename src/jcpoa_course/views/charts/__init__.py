"""Altair charts drawn from the course data. Each module builds one chart declaratively."""

from .timeline import timeline_chart
from .tracks import tracks_chart

__all__ = ["timeline_chart", "tracks_chart"]
