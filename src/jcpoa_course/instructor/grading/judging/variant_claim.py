"""Which variant a submission was worked on, as its notebook shows it, and which it is graded on.

The setup cell of a varied assignment displays the variant it was run with (a display output of
:data:`~jcpoa_course.variants.CLAIM_MIME`). :class:`ReadVariantClaim`, a sanitising step before
nbgrader clears the outputs, keeps the last such claim in the notebook's metadata. The claim
decides nothing: the grader draws the student's variant from the id nbgrader grades under
(:func:`.keys.graded_variant`); a claim that differs only becomes a line of the grader's notes,
and every graded notebook says at its top which variant was graded.
"""

from __future__ import annotations

import json

from nbconvert.preprocessors import Preprocessor
from nbformat.notebooknode import NotebookNode
from nbformat.v4 import new_markdown_cell
from traitlets import Bool

from ....variants import CLAIM_MIME, Variant
from ..grader_notes import add_note

CLAIM_KEY = "jcpoa_variant_claim"
GRADED_TAG = "jcpoa-graded-variant"


def _plain(text: object) -> str:
    """A claimed name as short plain text (it is the student's to write: no Markdown survives)."""
    return "".join(ch for ch in str(text) if ch.isalnum() or ch in "-_.@")[:40] or "?"


class ReadVariantClaim(Preprocessor):
    """Sanitising step, before ``ClearOutput``: keep the variant the notebook last showed."""

    enabled = Bool(True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        nb.metadata.pop(CLAIM_KEY, None)
        try:
            claims = [output["data"][CLAIM_MIME] for cell in nb.cells if cell.cell_type == "code"
                      for output in cell.get("outputs", []) if CLAIM_MIME in output.get("data", {})]
            claims = [json.loads(json.dumps(claim)) for claim in claims if isinstance(claim, dict)]
        except (AttributeError, TypeError, ValueError):  # outputs of a shape no notebook has: no claim read
            claims = []
        if claims:
            nb.metadata[CLAIM_KEY] = {name: _plain(claims[-1].get(name, "")) for name in ("student", "code")}
        return nb, resources


def name_graded_variant(nb: NotebookNode, variant: Variant) -> None:
    """Say at the top which variant was graded, and note a claim of another one."""
    nb.cells = [cell for cell in nb.cells if GRADED_TAG not in cell.get("metadata", {}).get("tags", [])]
    text = (f"**Graded variant.** This notebook was graded on the variant of **{_plain(variant.student)}** "
            f"(variant `{variant.code}`): the questions and keys drawn for that student id.")
    nb.cells.insert(0, new_markdown_cell(text, metadata={"tags": [GRADED_TAG]}))
    claim = nb.metadata.get(CLAIM_KEY)
    if claim and (claim.get("student") != _plain(variant.student) or claim.get("code") != variant.code):
        add_note(nb, f"the notebook was last run on the variant of '{claim.get('student')}' (variant "
                     f"{claim.get('code')}), not the student's own ({variant.code}): graded on the student's own")
