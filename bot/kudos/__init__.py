"""Recognition: kudos people give, kudos for implemented ideas, leaderboards, the round-up."""
