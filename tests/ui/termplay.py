#!/usr/bin/python3
# kling-tui: play a terminal on a pty that answers the picture queries the
# way a given terminal would (sixel: DA1 with 4; kitty: OK to the graphics
# query; iterm: XTVERSION iTerm2; none: nothing, like a terminal that knows
# none of them), focus the storyboard's image rows, and report what the
# program wrote: "RESULT 0|1 name" lines for tests/ui/protocols.sh, and
# the bytes it wrote (escaped) in OUT.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
#
# Usage: termplay.py sixel|kitty|iterm|none OUT COMMAND...
import fcntl, os, pty, re, select, signal, struct, sys, termios, time

answer, outfile, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
ROWS, COLS = 35, 130
Q_KITTY = b"\x1b_Gi=31,"
Q_XTVERSION = b"\x1b[>q"
Q_DA1 = b"\x1b[c"
SIXEL = re.compile(rb"\x1bP[0-9;]*q")
KITTY = re.compile(rb"\x1b_Ga=T")
ITERM = re.compile(rb"\x1b\]1337;File=inline=1")
BLOCKS = re.compile(b"|".join(c.encode() for c in "▀▄█▌▐▖▗▘▝▚▞▙▛▜▟"))
HELP = b"kling-tui keys"

pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = os.environ.get("TERMPLAY_TERM", "xterm-256color")
    os.environ["LANG"] = "C.UTF-8"
    os.environ.pop("TMUX", None)
    if os.environ.get("TERMPLAY_TMUX"):     # as if in tmux's pane %7
        os.environ["TMUX"] = os.environ["TERMPLAY_TMUX"]
        os.environ["TMUX_PANE"] = "%7"
    os.environ.pop("TERM_PROGRAM", None)
    os.execvp(cmd[0], cmd)
# 10x20 px cells, as the kernel tells (sixel needs the cell's size).
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, COLS * 10, ROWS * 20))
os.kill(pid, signal.SIGWINCH)

out = bytearray()
scanned = 0
answered = []


def results(st, name):
    print("RESULT %d %s" % (0 if st else 1, name), flush=True)


def pump(seconds, until=None):
    """Read what the program writes for up to seconds, answering queries;
    stop early when until(out) is true."""
    global scanned
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if until is not None and until(bytes(out)):
            return True
        r, _, _ = select.select([fd], [], [], 0.05)
        if not r:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        out.extend(data)
        # Answer each query once, in the order asked, as a terminal does.
        while True:
            found = [(out.find(q, scanned), q) for q in (Q_KITTY, Q_XTVERSION, Q_DA1)]
            found = [(i, q) for i, q in found if i >= 0]
            if not found:
                break
            i, q = min(found)
            scanned = i + len(q)
            reply = b""
            if q == Q_KITTY and answer == "kitty":
                reply = b"\x1b_Gi=31;OK\x1b\\"
            elif q == Q_XTVERSION and answer == "iterm":
                reply = b"\x1bP>|iTerm2 3.5.0\x1b\\"
            elif q == Q_DA1 and answer != "none":
                reply = b"\x1b[?62;4;22c" if answer == "sixel" else b"\x1b[?62;22c"
            answered.append(reply)
            if reply:
                os.write(fd, reply)
        scanned = max(scanned, len(out) - 16)
    return until is not None and until(bytes(out))


def keys(s):
    os.write(fd, s)
    pump(0.3)


ok = pump(10, lambda o: "200×200 px".encode() in o)
results(ok, "%s: the editor opens and reads the end frame" % answer)
start = len(out)
keys(b"\t")
keys(b"\r")
asked = pump(3, lambda o: Q_DA1 in o[start:])
results(asked, "%s: focusing an image row asks the terminal (kitty query, then DA1)" % answer)
results(out.find(Q_KITTY, start) < out.find(Q_DA1, start), "%s: DA1 asked last, as the sentinel" % answer)
first = bytes(out[:start])
results(Q_DA1 not in first and Q_KITTY not in first,
        "%s: nothing asked before a picture is wanted" % answer)

want = {"sixel": SIXEL, "kitty": KITTY, "iterm": ITERM}.get(answer)
facts = "200×200 px, JPEG".encode()
if want is not None:
    ok = pump(10, lambda o: want.search(o, start) is not None)
    results(ok, "%s: the picture is written with the protocol" % answer)
    for other in (SIXEL, KITTY, ITERM):
        if other is not want:
            results(other.search(bytes(out), start) is None,
                    "%s: and with no other protocol (%s)" % (answer, other.pattern[:12]))
    # Keys that redraw the screen but change nothing of the picture.
    keys(b"\x1b[24~")
    keys(b"\x1b[24~")
    pump(1)
    n = len(want.findall(bytes(out), start))
    results(n == 1, "%s: written once while nothing changes (%d)" % (answer, n))
    mark = len(out)
    keys(b"k")
    ok = pump(10, lambda o: want.search(o, mark) is not None)
    results(ok, "%s: the focus on another image row writes that one" % answer)
    if answer == "kitty":
        results(b"\x1b_Ga=d" in out[mark:], "kitty: the last picture deleted first")
        # Another screen over it: kitty's images are above the text.
        mark = len(out)
        keys(b"?")
        ok = pump(5, lambda o: HELP in o[mark:] and b"\x1b_Ga=d" in o[mark:])
        results(ok, "kitty: the help over it deletes the picture")
        results(KITTY.search(bytes(out), mark) is None, "kitty: and draws none over the help")
        keys(b"q")
        HELP = b"\x00never"
else:
    ok = pump(10, lambda o: facts in o[start:] and BLOCKS.search(o, start) is not None)
    results(ok, "none: no answer, block art in curses cells")
    bad = [p.pattern[:12] for p in (SIXEL, KITTY, ITERM) if p.search(bytes(out), start)]
    results(not bad, "none: and no protocol bytes (%s)" % bad)
results(HELP not in out[start:], "%s: the answers were not taken for keys ('?' is help)" % answer)
echoed = [r for r in answered if r and r[3:9] in out[start:]]
results(not echoed, "%s: nor typed into the field (%s)" % (answer, echoed))

with open(outfile, "wb") as f:
    f.write(bytes(out))
try:
    os.kill(pid, signal.SIGTERM)
    for _ in range(40):
        if os.waitpid(pid, os.WNOHANG)[0] != 0:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
except OSError:
    pass
