"""Reading and phrasing people's words: the coach's readers, question phrasing, word lists
and overlap. Used by several features; imports none."""
