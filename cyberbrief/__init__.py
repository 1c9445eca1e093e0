"""cyberbrief: a Slack app that briefs teams on international cybersecurity policy.

Packages, from the top: ``slack`` (listeners and Block Kit) -> ``answers`` and ``digests`` ->
``knowledge`` (record kinds, loading, drafting) -> ``store`` (SQLite).
"""
