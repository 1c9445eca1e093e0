"""Block Kit through slack_sdk's models: answer card, digest message, Home tab, admin modals."""
