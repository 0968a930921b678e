"""The class report's charts: Altair specs built from the figures, never from the students.

Every chart counts answers or places questions; no student is named or can be told apart (the
totals are a histogram). Each has a ``description`` (its accessible name), a tooltip on every
mark and colours whose meaning a legend names, like the book's charts.
"""

from __future__ import annotations

import altair as alt

from ...views.charts.palette import left_title
from .item_analysis import CheckFigures, ClassFigures, QuestionFigures, WrittenFigures

RIGHT, WRONG, ERROR = "#1B7A50", "#C0392B", "#8E5B00"
FLAGGED, CLEAR = "#C0392B", "#0072B2"
MAX_ANSWERS = 8  # the most frequent answers drawn; the rest are summed as "other answers"
WIDTH = 560


def share_correct_chart(figures: ClassFigures, titles: dict[str, str], flagged: set[str]) -> alt.Chart:
    """One bar per question, the hardest at the top: the share of the class that got it right."""
    rows = [{"question": titles.get(q.cell, q.cell), "share": q.share_correct, "correct": q.correct,
             "students": q.students, "mean": f"{q.mean_points:.2f} of {q.points:g}",
             "flag": "flagged" if q.cell in flagged else "not flagged"} for q in figures.questions]
    order = [row["question"] for row in sorted(rows, key=lambda row: row["share"])]
    return alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        x=alt.X("share:Q", title="Share of the class right", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        y=alt.Y("question:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        color=alt.Color("flag:N", title="Question", scale=alt.Scale(domain=["flagged", "not flagged"],
                                                                    range=[FLAGGED, CLEAR])),
        tooltip=[alt.Tooltip("question:N", title="Question"), alt.Tooltip("share:Q", title="Right", format=".0%"),
                 alt.Tooltip("correct:Q", title="Students right"), alt.Tooltip("students:Q", title="Students"),
                 alt.Tooltip("mean:N", title="Mean points")],
    ).properties(width=WIDTH, height=_height(len(rows)), title=left_title("Share of the class right, per question"),
                 description=f"Bar chart: the share of the class that got each of {len(rows)} questions right, "
                             "hardest first; flagged questions in red.")


def discrimination_chart(figures: ClassFigures, titles: dict[str, str]) -> alt.LayerChart:
    """Each question's discrimination, with the zero line below which a question is flagged."""
    rows = [{"question": titles.get(q.cell, q.cell), "discrimination": q.discrimination,
             "sign": "negative" if q.discrimination < 0 else "positive"}
            for q in figures.questions if q.discrimination is not None]
    order = [row["question"] for row in sorted(rows, key=lambda row: row["discrimination"])]
    dots = alt.Chart(alt.Data(values=rows)).mark_point(filled=True, size=90).encode(
        x=alt.X("discrimination:Q", title="Discrimination (correlation with the rest of the test)",
                scale=alt.Scale(domain=[-1, 1])),
        y=alt.Y("question:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        color=alt.Color("sign:N", title="Discrimination", scale=alt.Scale(domain=["negative", "positive"],
                                                                          range=[FLAGGED, CLEAR])),
        tooltip=[alt.Tooltip("question:N", title="Question"),
                 alt.Tooltip("discrimination:Q", title="Discrimination", format="+.2f")],
    )
    zero = alt.Chart(alt.Data(values=[{"x": 0}])).mark_rule(color="#6B6B6B", aria=False).encode(x="x:Q")
    return alt.layer(zero, dots).properties(
        width=WIDTH, height=_height(len(rows)),
        title=left_title("How well each question tells stronger from weaker students"),
        description=f"Dot chart: the point-biserial discrimination of {len(rows)} questions, from -1 to 1; "
                    "a dot left of the zero line means weaker students did better on that question.")


def answers_chart(question: QuestionFigures, check: CheckFigures, title: str) -> alt.Chart:
    """What the class answered to one check: each answer's count, right in green, wrong in red."""
    if check.kind == "function":
        return _inputs_chart(check, title)
    shown, rest = check.answers[:MAX_ANSWERS], check.answers[MAX_ANSWERS:]
    rows = [{"answer": a.answer, "count": a.count, "share": a.share, "verdict": "right" if a.right else "wrong"}
            for a in shown]
    if rest:
        rows.append({"answer": f"{len(rest)} other answers", "count": sum(a.count for a in rest),
                     "share": sum(a.share for a in rest), "verdict": "wrong" if not any(a.right for a in rest)
                     else "right"})
    return alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        x=alt.X("count:Q", title="Students", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("answer:N", sort=None, title=None, axis=alt.Axis(labelLimit=300)),
        color=alt.Color("verdict:N", title="Answer", scale=alt.Scale(domain=["right", "wrong"], range=[RIGHT, WRONG])),
        tooltip=[alt.Tooltip("answer:N", title="Answer"), alt.Tooltip("count:Q", title="Students"),
                 alt.Tooltip("share:Q", title="Share of the class", format=".0%"),
                 alt.Tooltip("verdict:N", title="Judged")],
    ).properties(width=WIDTH, height=_height(len(rows)), title=left_title(f"{title}: answers to {check.subject}"),
                 description=f"Bar chart: how many of {question.students} students gave each answer to "
                             f"{check.subject}; right answers in green, wrong in red.")


def _inputs_chart(check: CheckFigures, title: str) -> alt.Chart:
    rows = [{"input": failure.input, "outcome": outcome, "count": count}
            for failure in check.failed_inputs[:MAX_ANSWERS]
            for outcome, count in (("wrong result", failure.wrong), ("raised an error", failure.errors))]
    return alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        x=alt.X("sum(count):Q", title="Students whose function failed on it", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("input:N", sort=None, title="Hidden input", axis=alt.Axis(labelLimit=300)),
        color=alt.Color("outcome:N", title="Outcome", scale=alt.Scale(domain=["wrong result", "raised an error"],
                                                                      range=[WRONG, ERROR])),
        tooltip=[alt.Tooltip("input:N", title="Hidden input"), alt.Tooltip("outcome:N", title="Outcome"),
                 alt.Tooltip("count:Q", title="Students")],
    ).properties(width=WIDTH, height=_height(len(check.failed_inputs[:MAX_ANSWERS])),
                 title=left_title(f"{title}: hidden inputs {check.subject} failed on"),
                 description=f"Stacked bar chart: for each hidden input of {check.subject}, how many students' "
                             "functions gave a wrong result (red) or raised an error (brown).")


def totals_chart(figures: ClassFigures) -> alt.Chart:
    """The distribution of totals: a histogram, so no student can be picked out."""
    rows = [{"total": total} for total in figures.totals]
    return alt.Chart(alt.Data(values=rows)).mark_bar(color=CLEAR).encode(
        x=alt.X("total:Q", bin=alt.Bin(step=1, extent=[0, max(1.0, figures.max_total + 1)]),
                title=f"Total points (of {figures.max_total:g})"),
        y=alt.Y("count():Q", title="Students"),
        tooltip=[alt.Tooltip("total:Q", bin=alt.Bin(step=1, extent=[0, max(1.0, figures.max_total + 1)]),
                             title="Total"), alt.Tooltip("count():Q", title="Students")],
    ).properties(width=WIDTH, height=180, title=left_title("Distribution of totals"),
                 description=f"Histogram of the {figures.students} students' totals, out of {figures.max_total:g} "
                             "points, in one-point bins.")


def written_chart(written: WrittenFigures, title: str) -> alt.Chart:
    """The scores given so far to one written answer."""
    rows = [{"score": score} for score in written.scores]
    return alt.Chart(alt.Data(values=rows)).mark_bar(color=CLEAR).encode(
        x=alt.X("score:Q", bin=alt.Bin(step=1, extent=[0, written.points + 1]),
                title=f"Points (of {written.points:g})"),
        y=alt.Y("count():Q", title="Students"),
        tooltip=[alt.Tooltip("score:Q", bin=alt.Bin(step=1, extent=[0, written.points + 1]), title="Points"),
                 alt.Tooltip("count():Q", title="Students")],
    ).properties(width=WIDTH, height=160, title=left_title(f"{title}: scores given by hand"),
                 description=f"Histogram of the {len(written.scores)} scores given so far to {title}, "
                             f"out of {written.points:g} points; {written.pending} wait for grading.")


def _height(rows: int) -> int:
    """A bar chart's height: one row of text per bar."""
    return max(44, 22 * rows)
