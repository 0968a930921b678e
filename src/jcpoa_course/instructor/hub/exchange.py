"""nbgrader's exchange, with submissions closed to other students even if their names leak.

Stock nbgrader leaves each submission folder in ``inbound/`` open to all (0777, files 0444)
and relies on its unguessable name (timestamp plus a random string) inside an unlistable
``inbound`` (0733). ``inbound`` is setgid, so each submission folder belongs to the
instructor's group: :class:`PrivateSubmit` closes it to everyone but its owner and that group
(0770). Nobody else can enter it, so the files inside cannot be read whatever their modes,
and the instructor can still collect and delete them.
"""

from __future__ import annotations

import os
import stat

from nbgrader.exchange.default.submit import ExchangeSubmit

FOLDER_MODE = stat.S_IRWXU | stat.S_IRWXG  # 0770


class PrivateSubmit(ExchangeSubmit):
    """nbgrader's submit, then owner+instructor-only access to the submitted folder."""

    def copy_files(self) -> None:
        super().copy_files()
        os.chmod(os.path.join(self.inbound_path, self.assignment_filename), FOLDER_MODE)
