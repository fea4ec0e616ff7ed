"""Exit 0 if HOST:PORT can be bound now, else 1 (local-env.sh checks its ports before `up`).

    python3 port_is_free.py HOST PORT
"""
import socket
import sys

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # like the JVM servers: ignore TIME_WAIT
try:
    s.bind((sys.argv[1], int(sys.argv[2])))
except OSError:
    sys.exit(1)
finally:
    s.close()
