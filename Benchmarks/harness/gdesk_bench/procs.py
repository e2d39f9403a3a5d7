"""The processes a benchmark runs: the simulated exchange, nginx in front of it, gdesk in a pseudo-terminal."""
import fcntl
import json
import os
import pty
import queue
import signal
import socket
import struct
import subprocess
import termios
import threading
import time

import pyte


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Exchange:
    """`gdesk-bench serve`: the simulated exchange, driven by commands on its standard input."""

    def __init__(self, bench_bin, directory, targets, latency):
        self.directory = directory
        self.proc = subprocess.Popen(
            [bench_bin, "serve", "--dir", directory, "--targets", str(targets), "--latency", str(latency)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        line = self.proc.stdout.readline().split()
        if len(line) != 2 or line[0] != "port":
            raise RuntimeError(f"gdesk-bench serve did not start: {line}")
        self.port = int(line[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self.keys = {"gdesk": [], "curl": []}
        with open(os.path.join(directory, "keys.tsv")) as f:
            for row in f:
                kind, index, key, secret = row.rstrip("\n").split("\t")
                self.keys[kind].append((key, secret))

    def command(self, text):
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def orders(self):
        self.command("orders")

    def reset(self):
        self.command("reset")

    def stats(self):
        return json.loads(self.command("stats"))

    def close(self):
        try:
            self.command("quit")
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


class Nginx:
    """nginx terminating TLS (a test CA made here) with HTTP/2, proxying to the simulated exchange with keep-alive."""

    def __init__(self, directory, upstream_port, max_streams=None):
        self.directory = directory
        self.max_streams = max_streams
        os.makedirs(os.path.join(directory, "tmp"), exist_ok=True)
        self.port = free_port()
        self.status_port = free_port()
        self.ca_file = os.path.join(directory, "ca.pem")
        self._certificates()
        conf = os.path.join(directory, "nginx.conf")
        user = "user root;\n" if os.geteuid() == 0 else ""
        d = directory
        with open(conf, "w") as f:
            f.write(f"""{user}worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {d}/tmp/body;
    proxy_temp_path {d}/tmp/proxy;
    fastcgi_temp_path {d}/tmp/fastcgi;
    uwsgi_temp_path {d}/tmp/uwsgi;
    scgi_temp_path {d}/tmp/scgi;
    upstream exchange {{
        server 127.0.0.1:{upstream_port};
        keepalive 256;
    }}
    server {{
        listen 127.0.0.1:{self.port} ssl http2;
        ssl_certificate {d}/server.pem;
        ssl_certificate_key {d}/server.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        keepalive_timeout 300s;
        {f"http2_max_concurrent_streams {max_streams};" if max_streams else ""}
        location / {{
            proxy_pass http://exchange;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }}
    }}
    server {{
        listen 127.0.0.1:{self.status_port};
        location / {{ stub_status; }}
    }}
}}
""")
        self.proc = subprocess.Popen(["nginx", "-p", d, "-c", conf, "-e", f"{d}/error.log", "-g", "daemon off;"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(100):
            try:
                self.accepts()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("nginx did not start: " + open(f"{d}/error.log").read())
        self.url = f"https://127.0.0.1:{self.port}"
        self.version = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()

    def _certificates(self):
        d = self.directory
        run = lambda *a: subprocess.run(list(a), check=True, capture_output=True)
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", f"{d}/ca.key", "-out", f"{d}/ca.pem", "-days", "2", "-subj", "/CN=gdesk bench test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        run("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", f"{d}/server.key", "-out", f"{d}/server.csr", "-subj", "/CN=127.0.0.1")
        with open(f"{d}/server.ext", "w") as f:
            f.write("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
                    "subjectAltName=IP:127.0.0.1,DNS:localhost\n")
        run("openssl", "x509", "-req", "-in", f"{d}/server.csr", "-CA", f"{d}/ca.pem", "-CAkey", f"{d}/ca.key",
            "-CAcreateserial", "-out", f"{d}/server.pem", "-days", "2", "-extfile", f"{d}/server.ext")

    def accepts(self):
        """Connections nginx has accepted so far, its status request included."""
        with socket.create_connection(("127.0.0.1", self.status_port), timeout=2) as s:
            s.sendall(b"GET / HTTP/1.0\r\nHost: x\r\n\r\n")
            data = b""
            while chunk := s.recv(4096):
                data += chunk
        # "server accepts handled requests\n N N N"
        numbers = data.split(b"server accepts handled requests")[1].split()
        return int(numbers[0])

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Reader(threading.Thread):
    """Reads the terminal's output as it comes and stamps each chunk with its arrival time."""

    def __init__(self, fd):
        super().__init__(daemon=True)
        self.fd = fd
        self.chunks = queue.Queue()

    def run(self):
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                data = b""
            stamp = time.monotonic()
            self.chunks.put((stamp, data))
            if not data:
                return


class Timeout(Exception):
    pass


class PtyApp:
    """A program in a pseudo-terminal of a fixed size, its screen kept by a terminal emulator (pyte)."""

    def __init__(self, argv, env, cols=120, rows=40):
        self.cols, self.rows = cols, rows
        self.started = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.reader = Reader(fd)
        self.reader.start()
        self.closed = False
        self.bytes = 0
        self.rusage = None
        self.status = None

    # Screen

    def line(self, y):
        return self.screen.display[y if y >= 0 else self.rows + y]

    def text(self):
        return "\n".join(self.screen.display)

    def _take(self, timeout, feed=True):
        try:
            stamp, data = self.reader.chunks.get(timeout=max(0.0, timeout))
        except queue.Empty:
            return None
        if not data:
            self.closed = True
            return None
        self.bytes += len(data)
        if feed:
            self.stream.feed(data)
        return stamp, data

    def wait_for(self, predicate, timeout=10.0, what="condition", hint=None):
        """Arrival time of the output that made `predicate(self)` true.

        With `hint` (bytes), output is only parsed by the emulator once a chunk holding `hint` arrives (or output
        pauses): parsing every frame as it comes would take CPU from the program being timed on a small machine.
        """
        if predicate(self):
            return time.monotonic()
        deadline = time.monotonic() + timeout
        pending = []
        while True:
            got = self._take(min(0.1, deadline - time.monotonic()) if hint else deadline - time.monotonic(),
                             feed=hint is None)
            if got is None:
                for _, data in pending:
                    self.stream.feed(data)
                if pending and predicate(self):
                    return pending[-1][0]
                pending = []
                if self.closed:
                    raise Timeout(f"terminal closed waiting for {what}\n{self.text()}")
                if time.monotonic() < deadline and hint:
                    continue
                raise Timeout(f"timed out waiting for {what}\n{self.text()}")
            if hint is None:
                if predicate(self):
                    return got[0]
                continue
            pending.append(got)
            if hint in got[1]:
                for stamp, data in pending:
                    self.stream.feed(data)
                    if predicate(self):
                        return stamp
                pending = []

    def collect(self, quiet=0.3, limit=5.0, feed=True):
        """Every chunk until `quiet` seconds pass without output: [(arrival, bytes)]. With `feed` false the screen is
        left behind: feed the chunks yourself."""
        chunks = []
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            got = self._take(min(quiet, deadline - time.monotonic()), feed=feed)
            if got is None:
                break
            chunks.append(got)
        return chunks

    def drain(self, quiet=0.2):
        return sum(len(d) for _, d in self.collect(quiet=quiet))

    def send(self, data):
        """Writes keys; returns the moment they were written."""
        stamp = time.monotonic()
        os.write(self.fd, data)
        return stamp

    # Process

    def proc_status(self, field):
        with open(f"/proc/{self.pid}/status") as f:
            for row in f:
                if row.startswith(field + ":"):
                    return int(row.split()[1])
        return None

    def threads(self):
        """{thread id: (CPU nanoseconds so far (schedstat), context switches)} of the live threads."""
        out = {}
        for task in os.listdir(f"/proc/{self.pid}/task"):
            try:
                with open(f"/proc/{self.pid}/task/{task}/schedstat") as f:
                    cpu = int(f.read().split()[0])
                switches = 0
                with open(f"/proc/{self.pid}/task/{task}/status") as f:
                    for row in f:
                        if row.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                            switches += int(row.split()[1])
                out[task] = (cpu, switches)
            except (FileNotFoundError, ProcessLookupError):
                pass
        return out

    def cpu_ticks(self):
        """utime + stime of the whole process (exited threads included), in clock ticks."""
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])

    def finish(self, keys=b"q", timeout=5.0):
        """Quits with `keys`; returns the exit status; `rusage` holds the peak RSS (ru_maxrss, KiB)."""
        if keys:
            try:
                self.send(keys)
            except OSError:
                pass
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status, rusage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                self.status, self.rusage = status, rusage
                break
            self.collect(quiet=0.05, limit=0.1)
        else:
            os.kill(self.pid, signal.SIGTERM)
            _, self.status, self.rusage = os.wait4(self.pid, 0)
        try:
            os.close(self.fd)
        except OSError:
            pass
        return self.status


def run_rusage(argv, env, timeout=60):
    """Runs a command to its end with fork/exec and wait4: (seconds, status, stdout, stderr, peak RSS KiB)."""
    import tempfile
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            try:
                devnull = os.open(os.devnull, os.O_RDONLY)
                os.dup2(devnull, 0)
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        killer = threading.Timer(timeout, lambda: os.kill(pid, signal.SIGKILL))
        killer.start()
        _, status, rusage = os.wait4(pid, 0)
        killer.cancel()
        elapsed = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return elapsed, os.waitstatus_to_exitcode(status), out.read().decode(), err.read().decode(), rusage.ru_maxrss
