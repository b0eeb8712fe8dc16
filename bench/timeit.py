#!/usr/bin/python3
"""Fallback for GNU time when /usr/bin/time is not installed: run a command, write
'WALL USER SYS MAXRSS_KB' (the format run.sh asks GNU time for) to the file given with -o.
Usage: timeit.py -o FILE CMD [ARGS...]"""
import resource
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 4 or sys.argv[1] != "-o":
        print(__doc__, file=sys.stderr)
        return 2
    out, cmd = sys.argv[2], sys.argv[3:]
    t0 = time.monotonic()
    rc = subprocess.call(cmd)
    wall = time.monotonic() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "w") as f:
        f.write(f"{wall:.2f} {ru.ru_utime:.2f} {ru.ru_stime:.2f} {ru.ru_maxrss}\n")
    return rc


if __name__ == "__main__":
    sys.exit(main())
