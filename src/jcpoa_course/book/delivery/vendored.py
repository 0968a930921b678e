"""Which front-end files the book vendors: defined in :mod:`jcpoa_course.views.vendored`, which the
class report shares; re-exported here for ``vendor`` and ``front_end``."""

from __future__ import annotations

from ...views.vendored import VENDOR_DIR, VENDORED_SCRIPTS

__all__ = ["VENDOR_DIR", "VENDORED_SCRIPTS"]
