"""Chapter 8, multi-head: its data and claims (``data``), scene (``scene``) and captions (``strings``)."""
