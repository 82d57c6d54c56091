#!/usr/bin/env python3
"""A loopback TCP server that accepts connections and never answers (preflight interrupt test).

Usage: silent_server.py PORTFILE   -- writes the port it listens on to PORTFILE, runs until killed.
"""
import socket
import sys
import os

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(64)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(srv.getsockname()[1]))

os.rename(sys.argv[1] + ".tmp", sys.argv[1])
held = []
while True:
    conn, _ = srv.accept()
    held.append(conn)  # kept open, never read from or written to
