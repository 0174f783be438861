"""Starting real server processes on 127.0.0.1 for the tests, and stopping them again."""

from __future__ import annotations

import secrets
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


VIRTUOSO_USER = "rbvgraph-push"  # the non-anonymous user the Virtuoso fixture creates


def virtuoso_server(tmp: Path, password: str) -> ServerProcess:
    """Debian's ``virtuoso-t`` (package virtuoso-opensource, from .ci/setup) with a fresh database in ``tmp``, its SQL
    and HTTP ports on 127.0.0.1 only, and one user ``VIRTUOSO_USER`` with ``password`` who may write graphs: through
    the Graph Store endpoint with HTTP Digest (``/sparql-graph-crud-auth``) and SPARQL Update (``/sparql-auth``).
    The anonymous ``/sparql`` endpoint reads.
    """
    sql_port, http_port = free_port(), free_port()
    folder = tmp / f"virtuoso-{http_port}"
    (folder / "www").mkdir(parents=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(f"""[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = {LOCALHOST}:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {folder}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
MaxQueryMem = 2G
[HTTPServer]
ServerPort = {LOCALHOST}:{http_port}
ServerRoot = {folder}/www
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
""", encoding="utf-8")
    base = f"http://{LOCALHOST}:{http_port}"
    server = ServerProcess(["virtuoso-t", "+foreground", "+configfile", str(ini)], base,
                           base + "/sparql?query=ASK%7B%7D", folder / "virtuoso-t.out", timeout=120)
    # Graph-level rights (bit 1 read, bit 2 write) besides the SPARQL_UPDATE role: Virtuoso 7.2.8 and later need
    # both, 7.2.5 the role only (community.openlinksw.com/t/4147); a fresh random dba password, as no test needs it.
    sql = folder / "setup.sql"
    sql.write_text(f"""DB.DBA.USER_CREATE('{VIRTUOSO_USER}', '{password}');
GRANT SPARQL_UPDATE TO "{VIRTUOSO_USER}";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET('{VIRTUOSO_USER}', 3);
DB.DBA.USER_CHANGE_PASSWORD('dba', 'dba', '{secrets.token_hex(16)}');
""", encoding="utf-8")
    done = subprocess.run(["isql-vt", f"{LOCALHOST}:{sql_port}", "dba", "dba", str(sql)], capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)
    if done.returncode != 0 or "Error" in done.stdout + done.stderr:
        server.stop()
        raise RuntimeError(f"isql-vt could not create the user: {done.stdout[-2000:]} {done.stderr[-2000:]}")
    return server
