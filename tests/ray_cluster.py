"""A real Ray cluster for the tests, started as README's cluster steps start one."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest


@contextlib.contextmanager
def ray_head(home: Path, token: Path):
    """A real Ray cluster as README's cluster steps start one (`ray start --head`), on loopback: its own port and
    temp folder, token authentication on with ``token`` (Ray's default once a cluster has a token), in its own
    process group, torn down with it; yields its address."""
    ray_cli = Path(sys.executable).with_name("ray")
    temp = Path(tempfile.mkdtemp(prefix="rh", dir="/tmp"))  # Ray's sockets live under it: keep the path short
    with socket.socket() as probe_port:
        probe_port.bind(("127.0.0.1", 0))
        port = probe_port.getsockname()[1]
    env = {**os.environ, "HOME": str(home), "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN_PATH": str(token)}
    cmd = [str(ray_cli), "start", "--head", "--block", "--node-ip-address", "127.0.0.1", "--port", str(port)]
    cmd += ["--num-cpus", "2", "--temp-dir", str(temp), "--include-dashboard", "false", "--disable-usage-stats"]
    head = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        lines = []
        for line in head.stdout:  # `--block` prints its banner, then waits
            lines.append(line.decode(errors="replace"))
            if "Ray runtime started" in lines[-1]:
                break
        else:
            pytest.fail("ray start --head failed:\n" + "".join(lines[-20:]))
        yield f"127.0.0.1:{port}"
    finally:
        os.killpg(head.pid, signal.SIGINT)  # Ray's processes stop within 2 s on it (SIGTERM: not in 30 s)
        try:
            head.wait(timeout=3)
        except subprocess.TimeoutExpired:  # `ray start --block` itself stays, waiting; nothing is left to wait for
            os.killpg(head.pid, signal.SIGKILL)
            head.wait(timeout=30)
        for proc in Path("/proc").glob("[0-9]*/cmdline"):  # any Ray process of this head that left the group
            try:
                if str(temp) in proc.read_bytes().decode(errors="replace"):
                    os.kill(int(proc.parent.name), signal.SIGKILL)
            except (OSError, ValueError):
                pass
        shutil.rmtree(temp, ignore_errors=True)
