"""Trained models: weights read from installed packages, piece tokenizers, the encoder's forward pass, word
attention from piece attention, the views (a head, a mean, rollout) and the rules that pick and group heads."""
