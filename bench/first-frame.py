#!/usr/bin/env python3
# kling-tui bench: time from starting the program on a 100x30 pty to its
# first drawn frame (MARK seen on the terminal), then, after F2, to the
# dashboard's frame (DASH_MARK); then quit. Prints one line per run:
# "FIRST_MS DASH_MS".
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
#
# Usage: first-frame.py RUNS MARK DASH_MARK COMMAND...
import fcntl, os, pty, select, struct, sys, termios, time

def read_until(fd, mark, timeout=20.0):
    buf = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.01)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return None
            if not chunk:
                return None
            buf += chunk
            if mark in buf:
                return buf
    return None

def one(mark, dash_mark, cmd):
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    first = dash = -1.0
    if read_until(fd, mark) is not None:
        first = (time.monotonic() - t0) * 1000
        t1 = time.monotonic()
        os.write(fd, b"\x1bOQ")         # F2
        if read_until(fd, dash_mark) is not None:
            dash = (time.monotonic() - t1) * 1000
    os.write(fd, b"q")
    time.sleep(0.2)
    os.write(fd, b"y")
    end = time.monotonic() + 5
    while time.monotonic() < end:
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            break
        try:
            os.read(fd, 65536)
        except OSError:
            pass
        time.sleep(0.02)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)
    return first, dash

def main():
    runs, mark, dash_mark = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3].encode()
    for _ in range(runs):
        first, dash = one(mark, dash_mark, sys.argv[4:])
        print("%.2f %.2f" % (first, dash), flush=True)

main()
