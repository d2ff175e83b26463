"""An idea's whole life: taking it in, its 5-Whys dialogue in the card's thread, moving it
through Plan-Do-Check-Act, owners and paths, and the public thanks when it is done."""
