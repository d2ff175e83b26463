"""Daily stand-ups: the prompt, answers in its thread, one reminder, a summary, blockers."""
