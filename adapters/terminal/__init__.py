"""The terminal surface: `kaizen chat`, for trying the bot and for scripted conversations."""
