"""The class report: what the class answered, question by question (see :mod:`.store` first)."""
