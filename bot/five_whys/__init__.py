"""The 5-Whys dialogue: coaching an idea's author to its root cause in the idea's thread."""
