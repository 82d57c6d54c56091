#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal, types INPUT then Ctrl-D, and prints what the terminal
showed, then `exit=N` (diagnose's paste prompt test: it prompts only on a terminal).

Usage: pty_run.py INPUTFILE COMMAND [ARGS...]
"""
import os
import pty
import select
import sys
import time

text = open(sys.argv[1], "rb").read()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
shown = b""
def drain(seconds):
    global shown
    end = time.time() + seconds
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        shown += chunk
    return True
drain(0.5)  # the prompt
for line in text.splitlines(keepends=True):
    os.write(fd, line.replace(b"\n", b"\r"))
os.write(fd, b"\x04")
if not text.endswith(b"\n"):
    os.write(fd, b"\x04")
deadline = time.time() + 20
while time.time() < deadline and drain(0.2):
    pass
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(shown)
print("\nexit=%d" % os.waitstatus_to_exitcode(status))
