"""One line saying where and on what benchmark figures were taken (date, Python, cores, load
average, the ``kg`` commit and whether the working tree had uncommitted changes).

>>> "cores" in describe()
True
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import resource
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def git_revision() -> str:
    """``git describe --always --dirty`` of the checkout, or ``"unknown"``."""
    try:
        done = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT,
                              capture_output=True, text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return done.stdout.strip() or "unknown"


def describe() -> str:
    """Date · Python · cores · load average now · kg revision."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{dt.date.today().isoformat()} · Python {platform.python_version()} · "
            f"{os.cpu_count()} cores · load average {load:.1f} at start · "
            f"kg {git_revision()}")


def peak_rss() -> int:
    """Peak resident set size of this process, in bytes.

    ``VmHWM`` from ``/proc/self/status`` where there is one: unlike ``ru_maxrss``, it starts
    afresh at ``exec``, so a benchmark child does not inherit its parent's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
