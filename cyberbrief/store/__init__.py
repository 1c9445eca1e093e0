"""SQLite only: connections, migrations, the change journal and undo."""
