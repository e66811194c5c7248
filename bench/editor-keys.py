#!/usr/bin/env python3
# kling-tui: the editor's cost per keystroke in a prompt, measured on a pty:
# the time from writing a key to the terminal receiving its echo, and the
# bytes the program writes per key. Also the process's max RSS when asked.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
#
# Usage: bench/editor-keys.py [--rss] KLING_TUI [FILE | --max] [STATE=URL...]
# Each STATE=URL is a session with that state dir (its task store) and that
# base URL (empty: none); they are typed into in turns, and each gets its
# lines. Without one: a single session, with KT_BENCH_STATE_HOME (else an
# empty state dir) and the environment's CRUN_BASE_URL.
# --max: a maximal storyboard (6 shots of 512 characters, 3 elements with 4
# long image URLs each, long description and URLs), written to a temp dir.
import fcntl, json, os, pty, select, statistics, struct, sys, tempfile, termios, time

def read_until(fd, pred, timeout=5.0):
    buf = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.02)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
            if pred(buf):
                return buf
    return buf

def settle(fd, quiet=0.15):
    buf = b""
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return buf
        try:
            buf += os.read(fd, 65536)
        except OSError:
            return buf

def write_max(path):
    text = "広い寺院の中を探検家が歩き、@hero が光る遺物を持ち上げる。 "
    shot = (text * 20)[:512]
    el = lambda i: {
        "name": "hero" if i == 0 else "hero%d" % i,
        "description": ("A young explorer wearing a yellow raincoat. " * 20)[:800],
        "element_image_urls": ["https://example.com/el%d-%d-%s.jpg" % (i, j, "y" * 200)
                               for j in range(4)]}
    sb = {"model": "kling/v3", "callback_url": "https://example.com/" + "c" * 200,
          "input": {"mode": "pro", "multi_shots": True, "shot_type": "customize",
                    "img_urls": ["https://example.com/start-" + "x" * 200 + ".jpg"],
                    "multi_prompt": [{"prompt": shot, "duration": 2} for i in range(5)] +
                                    [{"prompt": shot, "duration": 5}],
                    "element_list": [el(i) for i in range(3)],
                    "duration": 15, "audio": True, "input_compliance": "enabled",
                    "output_compliance": "enabled"}}
    with open(path, "w") as f:
        json.dump(sb, f, ensure_ascii=False, indent=2)

def start(cmd, env, has_file):
    """A session on a 100x30 pty, in the storyboard's first prompt field,
    editing at its end."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    read_until(fd, lambda b: b"Diagnostics" in b)
    settle(fd)
    # To the first prompt: single-shot's prompt row, or shot 1's prompt.
    keys = b"gjjjjjjl" if has_file else b"jjjjj"
    os.write(fd, keys)
    settle(fd)
    os.write(fd, b"\r\x05")          # Enter, C-e: edit at the end
    settle(fd)
    return pid, fd

def stop(pid, fd):
    os.write(fd, b"\x07")             # C-g: cancel the field
    settle(fd)
    os.write(fd, b"q")
    settle(fd)
    os.write(fd, b"n")
    settle(fd, 0.3)
    os.waitpid(pid, 0)

def main():
    args = sys.argv[1:]
    rss = args and args[0] == "--rss"
    if rss:
        args = args[1:]
    tmp = tempfile.mkdtemp(prefix="kt-bench-")
    if len(args) > 1 and args[1] == "--max":
        args[1] = tmp + "/max.json"
        write_max(args[1])
    # STATE=URL operands after the file: one session each, run side by side
    # (default: one session, KT_BENCH_STATE_HOME and the environment's URL).
    sessions = [a.split("=", 1) for a in args[2:]] or [
        [os.environ.get("KT_BENCH_STATE_HOME", tmp + "/state"), os.environ.get("CRUN_BASE_URL")]]
    args = args[:2]
    base = dict(os.environ, TERM="xterm-256color", HOME=tmp, XDG_CONFIG_HOME=tmp + "/config",
                LC_ALL="C.UTF-8")
    cmd = args
    if rss:
        cmd = ["/usr/bin/time", "-v", "-o", tmp + "/time.txt"] + args
    running = []
    for state, url in sessions:
        env = dict(base, XDG_STATE_HOME=state)
        if url:
            env["CRUN_BASE_URL"] = url
        else:
            env.pop("CRUN_BASE_URL", None)
        running.append(start(cmd, env, len(args) > 1))
    # The sessions take turns, key by key, each round starting one further
    # along: a slow moment of the machine falls on all of them alike.
    lat = [[] for _ in running]
    sizes = [[] for _ in running]
    for i, ch in enumerate(b"abcdefghijklmnopqrstuvwxyz" * 4):
        for k in range(len(running)):
            n = (i + k) % len(running)
            fd = running[n][1]
            t0 = time.monotonic()
            os.write(fd, bytes([ch]))
            first = read_until(fd, lambda b: bytes([ch]) in b, 2.0)
            lat[n].append((time.monotonic() - t0) * 1000)
            rest = settle(fd, 0.05)
            sizes[n].append(len(first) + len(rest))
    for pid, fd in running:
        stop(pid, fd)
    for n in range(len(running)):
        print("keys: %d" % len(lat[n]))
        print("keystroke-to-echo ms: median %.3f, p95 %.3f, max %.3f" % (
            statistics.median(lat[n]), sorted(lat[n])[int(len(lat[n]) * 0.95) - 1], max(lat[n])))
        print("bytes written per keystroke: median %d, min %d, max %d" % (
            statistics.median(sizes[n]), min(sizes[n]), max(sizes[n])))
    if rss:
        for line in open(tmp + "/time.txt"):
            if "Maximum resident" in line:
                print(line.strip())

main()
