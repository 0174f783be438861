"""Starting real server processes on 127.0.0.1 for the tests, and stopping them again."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

LOCALHOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOCALHOST, 0))
        return sock.getsockname()[1]


class ServerProcess:
    """A server started as its own process; its output goes to a log file, never to a pipe that could fill."""

    def __init__(self, args: list[str], base: str, ready_url: str, log: Path, timeout: float = 60):
        self.base = base
        self.log = log
        self._log_file = log.open("wb")
        self.process = subprocess.Popen(args, stdout=self._log_file, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                self._log_file.close()
                raise RuntimeError(f"{args[:4]} exited with {self.process.returncode}: {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(ready_url, timeout=2):
                    break
            except urllib.error.HTTPError:
                break  # it answers, even if not with 200
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"{args[:4]} did not answer at {ready_url}: {log.read_text()[-2000:]}")
                time.sleep(0.2)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._log_file.close()


def rbvgraph_server(tmp: Path, *options: str) -> ServerProcess:
    """``python -m rbvgraph serve`` on a free port, answering at its ``.base`` URL."""
    port = free_port()
    base = f"http://{LOCALHOST}:{port}"
    args = [sys.executable, "-m", "rbvgraph", "serve", "--host", LOCALHOST, "--port", str(port), *options]
    return ServerProcess(args, base, base + "/sparql", tmp / f"rbvgraph-serve-{port}.log")


def oxigraph_server(tmp: Path) -> ServerProcess:
    """``oxigraph serve`` (from the 'oxigraph' package) with a fresh store on a free port."""
    port = free_port()
    base = f"http://{LOCALHOST}:{port}"
    location = tmp / f"oxigraph-{port}"
    location.mkdir()
    binary = Path(sys.executable).with_name("oxigraph")
    args = [str(binary) if binary.exists() else "oxigraph", "serve", "--location", str(location),
            "--bind", f"{LOCALHOST}:{port}"]
    return ServerProcess(args, base, base + "/query?query=ASK%7B%7D", tmp / f"oxigraph-{port}.log")
