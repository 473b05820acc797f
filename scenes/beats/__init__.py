"""Beats two or more chapters play: scale and softmax in place, projections X·W, spelled-out steps."""
