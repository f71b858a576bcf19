"""Checks of the content: every file, each page's safety and schema (loading), and the rules across pages."""
