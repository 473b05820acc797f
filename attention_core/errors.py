"""The project's one error class: the CLI turns it into a one-line message and exit code 2."""

from __future__ import annotations

__all__ = ["ExplainerError"]


class ExplainerError(ValueError):
    """Bad input or an impossible request, described in one line a user can act on."""
