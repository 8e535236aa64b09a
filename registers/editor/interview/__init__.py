"""The guided interview of a new register: one plain question per page, then check your answers.

Each question is a small section page on the register's own fields and rows, saved at once with
the editor's version guard and history; a skipped question leaves its answers unanswered.
"""
