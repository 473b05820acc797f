"""Chapter 3, self-attention-idea: its data and claims (``data``), scene (``scene``) and captions (``strings``)."""
