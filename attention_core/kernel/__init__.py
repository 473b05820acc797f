"""The kernel: scaled dot-product attention and the traces, demonstrations and variants built on it (embeddings,
Q/K/V, the RNN, the ÷√d_k scaling, the library analogy, multi-head)."""
