"""Chapter 1, intuition: its data and claims (``data``), scene (``scene``) and captions (``strings``)."""
