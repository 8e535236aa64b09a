"""The portfolio: every organisation a signed-in user belongs to, and copying between them.

It reads and writes other organisations' schemas on the user's behalf, so every entry checks the
user's membership of each organisation it touches before switching to its schema.
"""
