"""Chapter 7, attention-matrix: its data and claims (``data``), scene (``scene``) and captions (``strings``)."""
