"""A TCP relay that writes what it receives in pieces of at most PIECE bytes, with TCP_NODELAY and a short
pause between pieces, so each piece leaves as its own segment. On loopback a capture sees packets before
segmentation offload cuts them (GSO), so a small MSS alone does not show up; separate writes do.

Usage: split-proxy.py LISTEN_PORT HOST TARGET_PORT PIECE. Prints "ready" once listening; runs until killed."""
import socket
import sys
import threading
import time

listen_port, host, target_port, piece = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
family = socket.AF_INET6 if ":" in host else socket.AF_INET


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            for i in range(0, len(data), piece):
                dst.sendall(data[i : i + piece])
                time.sleep(0.002)
    except OSError:
        pass
    finally:
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass


srv = socket.socket(family, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind((host, listen_port))
srv.listen(8)
print("ready", flush=True)
while True:
    client, _ = srv.accept()
    client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    upstream = socket.create_connection((host, target_port))
    upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
    threading.Thread(target=pump, args=(upstream, client), daemon=True).start()
