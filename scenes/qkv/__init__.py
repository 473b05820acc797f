"""Chapter 4, qkv: its data and claims (``data``), scene (``scene``) and captions (``strings``)."""
