"""The platform-neutral conversation engine: events in, actions out."""
