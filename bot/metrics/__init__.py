"""Lean measures of the flow of ideas: lead time, cycle time, share implemented, participation."""
