"""Composition root: configuration, wiring and the `kaizen` command line."""
