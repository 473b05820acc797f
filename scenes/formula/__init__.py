"""Chapter 5, formula: its data and claims (``data``), scene (``scene``) and captions (``strings``)."""
