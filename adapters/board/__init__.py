"""The live board: a read-only web page of ideas by stage, charts and recognition."""
