"""``jcpoa-course collect``: submissions from an LMS download into nbgrader's ``submitted/`` folder.

- :mod:`.submissions`: the layouts accepted, and what is skipped and why;
- :mod:`.archive`: unpacking a ``.zip`` that may be hostile (zip bombs, links, paths out);
- :mod:`.canvas_names`: Canvas's flat "Download Submissions" file names;
- :mod:`.canvas_roster`: Canvas user ids to the course's student ids.
"""

from .archive import ArchiveLimits
from .submissions import Collection, collect_submissions

__all__ = ["ArchiveLimits", "Collection", "collect_submissions"]
