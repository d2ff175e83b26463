"""Recognition people give each other: kudos, leaderboards, the weekly round-up. (The thanks
for an implemented idea belong to the idea's life: bot/ideas/done.py.)"""
