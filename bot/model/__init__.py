"""The records every feature stands on, their store protocols and the rules that belong to
a record. Imports nothing of a feature."""
