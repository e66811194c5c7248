#!/usr/bin/env python3
# kling-tui bench: time from starting the program on a 100x30 pty to its
# first drawn frame (either screen's MARK seen on the terminal), then from F2
# to the other screen's frame; then quit. Prints one line per run:
# "FIRST_MS SWITCH_MS FIRST_MARK" (-1: not seen within 5 s).
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
#
# Usage: first-frame.py RUNS MARK1 MARK2 COMMAND...
import fcntl, os, pty, select, struct, sys, termios, time

def read_until(fd, marks, timeout=5.0):
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
            for m in marks:
                if m in buf:
                    return m
    return None

def one(marks, cmd):
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    first = switch = -1.0
    seen = read_until(fd, marks)
    if seen is not None:
        first = (time.monotonic() - t0) * 1000
        t1 = time.monotonic()
        os.write(fd, b"\x1bOQ")         # F2
        if read_until(fd, [m for m in marks if m != seen]) is not None:
            switch = (time.monotonic() - t1) * 1000
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
    return first, switch, (seen or b"-").decode()

def main():
    runs, marks = int(sys.argv[1]), [sys.argv[2].encode(), sys.argv[3].encode()]
    for _ in range(runs):
        first, switch, seen = one(marks, sys.argv[4:])
        print("%.2f %.2f %s" % (first, switch, seen), flush=True)

main()
