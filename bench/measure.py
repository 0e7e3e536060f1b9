#!/usr/bin/env python3
"""measure.py STDIN_FILE CMD...: runs CMD 5 times (stdin from STDIN_FILE, or
nothing when it is "-") and prints the best wall time in seconds and the peak
RSS in MB, and the exit status of the last run."""
import os, resource, subprocess, sys, time

stdin_file, cmd = sys.argv[1], sys.argv[2:]
best, status = None, 0
for _ in range(5):
    with open(stdin_file if stdin_file != "-" else os.devnull, "rb") as f:
        t0 = time.perf_counter()
        status = subprocess.run(cmd, stdin=f, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        dt = time.perf_counter() - t0
    best = dt if best is None or dt < best else best
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{best:.3f} {rss:.0f} {status}")
