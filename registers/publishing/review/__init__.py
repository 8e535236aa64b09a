"""Review before publishing: an editor submits a draft, an owner approves it or sends it back.

An edit after submitting does not withdraw the submission: the owner and the editor see it as
changed since submitted, and it can only be sent back or submitted again, never approved, because
approval is bound to the register's and the controller's version numbers at submission.
"""
