"""Chat surfaces: each translates its platform's payloads to events and actions to its API."""
