"""Seeds drawn from who is asked: a keyed hash of (assignment, question, student).

A student's variant must be the same every time it is computed (in their kernel, in the
grader, in the instructor's listing) and must not be computable by someone who lacks the
course's key. HMAC-SHA256 gives both: the key is the course's own (:data:`COURSE_KEY_FILE` in
the course root, copied into each release), or :data:`PRACTICE_KEY` for self-learners, which
anyone may compute.
"""

from __future__ import annotations

import hashlib
import hmac
import random

PRACTICE_KEY = b"jcpoa-course practice variants"
PRACTICE_STUDENT = "practice"
COURSE_KEY_FILE = "variants.key"  # in the course root, next to nbgrader_config.py
RELEASE_FILE = ".jcpoa-variants.json"  # in each released assignment folder


def question_random(key: bytes, assignment: str, question: str, student: str) -> random.Random:
    """A generator seeded from the keyed hash; each question of each student has its own."""
    message = "\x1f".join((assignment, question, student)).encode()
    return random.Random(hmac.new(key, message, hashlib.sha256).digest())


def roster_token(key: bytes, student: str) -> str:
    """What a release stores for each student on the roster: a keyed hash, not the id itself."""
    return hmac.new(key, b"roster\x1f" + student.encode(), hashlib.sha256).hexdigest()[:24]
