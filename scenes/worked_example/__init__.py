"""Chapter 6, worked-example: its data and claims (``data``), scene (``scene``) and captions (``strings``)."""
