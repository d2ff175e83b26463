"""Ideas: taking them in, listing them, moving them through Plan-Do-Check-Act."""
