"""What the book extension writes into the pages: page citations, source links, self-checks, and the
pages generated from the course data (glossary, references, report concordance, quiz-bank coverage)."""
