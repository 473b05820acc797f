"""Chapter 9, real-model: its data and claims (``data``), scene (``scene``) and captions (``strings``)."""
