"""News copy in, draft records out: paragraphs, quote marks, speakers, people and roles.

Pure functions over text and the store's known names: no network, no Slack.
"""
