"""What Ray's C++ core writes to stderr while a runtime starts: held, then passed on unless the caller says the
failure itself (joining a cluster: one line, no retry noise)."""

from __future__ import annotations

import os
from contextlib import nullcontext

import pytest

from pipeline.engines import _stderr_kept_unless_failed


@pytest.mark.parametrize(
    ("said_by_caller", "fails", "shown"), [(True, False, True), (True, True, False), (False, True, True)]
)
def test_held_stderr_is_passed_on_unless_the_caller_says_the_failure(capfd, said_by_caller, fails, shown):
    with pytest.raises(RuntimeError) if fails else nullcontext():
        with _stderr_kept_unless_failed(said_by_caller):
            os.write(2, b"raylet: could not start\n")
            if fails:
                raise RuntimeError("failed")
    assert ("raylet: could not start" in capfd.readouterr().err) is shown
