"""Knowledge from outside: links, news feeds, calendars, fetching with its policy, polling,
and the review queue that drafts wait in."""
