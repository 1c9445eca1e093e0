"""Daily digests: subscriptions and zones, content, the .ics file, delivery, the scheduler."""
