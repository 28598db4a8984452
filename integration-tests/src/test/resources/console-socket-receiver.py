# Test helper: plays the engine side of --console-socket. Listens on argv[1], takes the pty master
# sent with SCM_RIGHTS, prints the payload and then everything the container writes until DONE.
import socket, os, sys, time, select
path = sys.argv[1]
if os.path.exists(path): os.unlink(path)
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.bind(path); s.listen(1)
c, _ = s.accept()
msg, fds, flags, addr = socket.recv_fds(c, 1024, 1)
print("payload", msg, "fds", len(fds), flush=True)
m = fds[0]
out = b""
end = time.time() + 8
while time.time() < end:
    r, _, _ = select.select([m], [], [], 0.5)
    if r:
        try:
            d = os.read(m, 4096)
        except OSError:
            break
        if not d: break
        out += d
        if b"DONE" in out: break
print(out.decode(errors="replace"), flush=True)
