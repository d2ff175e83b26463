"""Storage: SQLModel tables and the engine's stores on SQLite (default) or PostgreSQL."""
