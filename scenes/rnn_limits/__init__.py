"""Chapter 2, rnn-limits: its data and claims (``data``), scene (``scene``) and captions (``strings``)."""
