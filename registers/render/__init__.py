"""Thin writers of the one notice document: each turns a NoticeDocument into one format."""
