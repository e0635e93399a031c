"""Several Streamlit processes of app.py behind HAProxy, with sticky sessions, on one port.

One Streamlit process runs every reader's script in its own threads and holds every session in its memory, so
past a few busy readers the way to grow is more processes. Streamlit keeps a reader's state in the process that
holds its websocket, so HAProxy pins each browser to one process by a cookie it inserts (deploy/README.md).

    python deploy/cluster.py --apps 2 --port 8501     # or: make cluster APPS=2 PORT=8501

starts the apps on 127.0.0.1 (ports 8601, 8602, ...), waits until each answers its health check, starts
HAProxy on the port, waits until HAProxy's own checks see every app up, and stops all of it on Ctrl-C or
SIGTERM. Standard library only; run it with the app's virtualenv's Python, whose streamlit the apps run.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, TracebackType
from typing import IO, Self

from tools.appserver import app_command, wait_healthy

DEPLOY = Path(__file__).resolve().parent
REPO = DEPLOY.parent
TEMPLATE = DEPLOY / "haproxy.cfg.template"
COOKIE = "STRIKES_APP"
HAPROXY_PLACES = ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy")


def find_haproxy() -> str | None:
    """HAProxy's path: $STRIKES_HAPROXY, then PATH, then /usr/sbin, where Debian puts it off a user's PATH."""
    for candidate in (os.environ.get("STRIKES_HAPROXY"), shutil.which("haproxy"), *HAPROXY_PLACES):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def server_name(index: int) -> str:
    """The name of the index-th app in HAProxy, which is also its sticky cookie's value."""
    return f"app{index + 1}"


def render_config(port: int, app_ports: Sequence[int], stats_socket: Path | str, address: str = "") -> str:
    """The template filled in: HAProxy on address:port (every interface if ""), one server line per app."""
    servers = "\n".join(
        f"    server {server_name(i)} 127.0.0.1:{p} cookie {server_name(i)}" for i, p in enumerate(app_ports)
    )
    # the static files' servers follow the apps' health checks rather than checking again
    asset_servers = "\n".join(
        f"    server {server_name(i)} 127.0.0.1:{p} track streamlit/{server_name(i)}" for i, p in enumerate(app_ports)
    )
    return string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        bind=f"{address}:{port}",
        servers=servers,
        asset_servers=asset_servers,
        stats_socket=stats_socket,
        cookie=COOKIE,
    )


def _output(logs: Path | None, name: str) -> IO[bytes] | None:
    """Where a process writes: a file in logs (kept for reading after a failure), or this terminal."""
    if logs is None:
        return None
    logs.mkdir(parents=True, exist_ok=True)
    return (logs / f"{name}.log").open("ab")  # a restarted app's log follows its previous run's


def _start(command: list[str], logs: Path | None, name: str) -> subprocess.Popen[bytes]:
    """A child in its own process group, so Ctrl-C reaches only this script, which then stops it in order."""
    out = _output(logs, name)
    try:
        return subprocess.Popen(
            command,
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT if out else None,
            process_group=0,
        )
    finally:
        if out is not None:
            out.close()  # the child has its own copy


def haproxy_stats(stats_socket: Path | str) -> dict[str, dict[str, str]]:
    """`show stat` on HAProxy's socket, for the backend's servers: name -> status, scur (open now), stot (all)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(str(stats_socket))
        sock.sendall(b"show stat\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    lines = b"".join(chunks).decode().lstrip("# ").splitlines()
    return {
        row["svname"]: row
        for row in csv.DictReader(lines)
        if row["pxname"] == "streamlit" and row["svname"] not in ("FRONTEND", "BACKEND")
    }


def wait_servers_up(
    stats_socket: Path | str, names: Sequence[str], process: subprocess.Popen[bytes], timeout: float = 30
) -> None:
    """Until HAProxy's own health checks have passed (L7OK) for every app, not just its state at start."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            stats = haproxy_stats(stats_socket)
            if all(
                stats.get(n, {}).get("status") == "UP" and stats[n].get("check_status", "").startswith("L7OK")
                for n in names
            ):
                return
        except OSError:
            stats = {}
        if process.poll() is not None:
            raise RuntimeError(f"haproxy exited with code {process.returncode}")
        if time.monotonic() > deadline:
            states = {n: (s.get("status"), s.get("check_status")) for n, s in stats.items()}
            raise RuntimeError(f"HAProxy does not see every app up after {timeout:.0f} s: {states}")
        time.sleep(0.2)


def stop(process: subprocess.Popen[bytes], timeout: float = 15) -> None:
    """SIGTERM (Streamlit closes its sessions, HAProxy its connections), then SIGKILL if it hangs."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Cluster:
    """The running apps and balancer; a context manager that stops them all on leaving."""

    port: int
    app_ports: list[int]
    workdir: Path
    apps: list[subprocess.Popen[bytes]] = field(default_factory=list)
    balancer: subprocess.Popen[bytes] | None = None
    address: str = "127.0.0.1"
    logs: Path | None = None
    restarts: list[list[float]] = field(default_factory=list)

    @property
    def url(self) -> str:
        """Where readers go: the balancer."""
        host = self.address if self.address not in ("", "0.0.0.0", "*") else "127.0.0.1"
        return f"http://{host}:{self.port}"

    @property
    def app_urls(self) -> dict[str, str]:
        """Each app directly, by its name in HAProxy (for measuring, never for readers)."""
        return {server_name(i): f"http://127.0.0.1:{p}" for i, p in enumerate(self.app_ports)}

    @property
    def stats_socket(self) -> Path:
        """HAProxy's admin socket, private to this cluster's temporary directory."""
        return self.workdir / "haproxy.sock"

    def stats(self) -> dict[str, dict[str, str]]:
        """HAProxy's view of each app: status, scur (connections open now, websockets included), stot."""
        return haproxy_stats(self.stats_socket)

    def stop(self) -> None:
        """The balancer first, so no reader is sent to an app that is going away; then the apps together."""
        if self.balancer is not None:
            stop(self.balancer)
        for app in self.apps:
            if app.poll() is None:
                app.terminate()
        for app in self.apps:
            stop(app)
        shutil.rmtree(self.workdir, ignore_errors=True)

    def restart_dead_apps(self, most: int = 3, within: float = 60) -> list[str]:
        """Start again each app that exited; its readers lose their session, the other apps' readers nothing.

        HAProxy's checks take the app out and put it back, and `option redispatch` sends its readers to the
        others meanwhile. An app that has already been restarted `most` times in `within` seconds is crashing
        on start, not crashing once: it is left down and returned, so the caller can give up.
        """
        failing = []
        now = time.monotonic()
        for i, (name, port) in enumerate(zip(self.app_urls, self.app_ports)):
            if self.apps[i].poll() is None:
                continue
            recent = [t for t in self.restarts[i] if now - t < within]
            if len(recent) >= most:
                failing.append(f"app {name} (code {self.apps[i].returncode}, restarted {len(recent)} times)")
                continue
            print(f"app {name} exited with code {self.apps[i].returncode}; restarting it", file=sys.stderr, flush=True)
            self.apps[i] = _start(app_command(port), self.logs, f"app-{port}")
            self.restarts[i] = [*recent, now]
        return failing

    def dead(self) -> list[str]:
        """The processes that have exited (while the cluster should be up)."""
        named = [(f"app {n}", a) for n, a in zip(self.app_urls, self.apps)] + [("haproxy", self.balancer)]
        return [f"{n} (code {p.returncode})" for n, p in named if p is not None and p.poll() is not None]

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()


def start_cluster(
    apps: int = 2,
    port: int = 8501,
    app_ports: Sequence[int] | None = None,
    address: str = "",
    haproxy: str | None = None,
    logs: Path | None = None,
) -> Cluster:
    """Start the apps, wait for their health, then HAProxy on port, and wait until it sees them all up.

    app_ports defaults to port+100, port+101, ...; logs (a directory) gets one file a process, else they
    write to this terminal. On any failure everything started so far is stopped before the error is raised.
    """
    haproxy = haproxy or find_haproxy()
    if haproxy is None:
        raise RuntimeError("haproxy not found: apt-get install haproxy (Debian puts it in /usr/sbin)")
    ports = list(app_ports) if app_ports is not None else [port + 100 + i for i in range(apps)]
    if len(ports) != apps or apps < 1:
        raise ValueError(f"{apps} apps need as many ports, got {ports}")
    cluster = Cluster(
        port=port,
        app_ports=ports,
        address=address,
        logs=logs,
        restarts=[[] for _ in ports],
        workdir=Path(tempfile.mkdtemp(prefix="strikes-cluster-")),
    )
    try:
        cluster.apps = [_start(app_command(p), logs, f"app-{p}") for p in ports]  # all booting at once
        for url, app in zip(cluster.app_urls.values(), cluster.apps):
            wait_healthy(url, app)
        config = cluster.workdir / "haproxy.cfg"
        config.write_text(render_config(port, ports, cluster.stats_socket, address), encoding="utf-8")
        check = subprocess.run([haproxy, "-c", "-q", "-f", str(config)], check=False, capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"haproxy rejects {config}:\n{check.stdout}{check.stderr}")
        cluster.balancer = _start([haproxy, "-db", "-f", str(config)], logs, "haproxy")
        wait_servers_up(cluster.stats_socket, list(cluster.app_urls), cluster.balancer)
        wait_healthy(cluster.url, cluster.balancer)
    except BaseException:
        cluster.stop()
        raise
    return cluster


class _Stop(Exception):
    """Raised by the SIGTERM handler, so `kill` stops the cluster as Ctrl-C does."""


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def main(argv: Sequence[str] | None = None) -> int:
    """Run the cluster until Ctrl-C or SIGTERM; restart an app that dies; exit 1 if HAProxy dies or an app
    keeps dying."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--apps", type=int, default=2, help="Streamlit processes (default 2)")
    parser.add_argument("--port", type=int, default=8501, help="the balancer's port (default 8501)")
    parser.add_argument(
        "--app-port",
        type=int,
        default=None,
        help="the first app's port on 127.0.0.1, the others follow (default: port + 100)",
    )
    parser.add_argument("--address", default="", help="the balancer's address (default: every interface)")
    parser.add_argument("--haproxy", default=None, help="HAProxy's path (default: PATH, then /usr/sbin)")
    parser.add_argument(
        "--logs",
        type=Path,
        default=REPO / "out" / "cluster",
        help="a directory for each process's log (default out/cluster); '-' for this terminal",
    )
    parser.add_argument("--print-config", action="store_true", help="print the HAProxy config and exit")
    args = parser.parse_args(argv)
    if args.apps < 1:
        parser.error("--apps must be at least 1")
    first = args.app_port if args.app_port is not None else args.port + 100
    ports = [first + i for i in range(args.apps)]
    if args.print_config:
        print(render_config(args.port, ports, "/run/haproxy/strikes.sock", args.address), end="")
        return 0
    logs = None if str(args.logs) == "-" else args.logs
    signal.signal(signal.SIGTERM, _on_sigterm)
    cluster: Cluster | None = None
    try:
        started = time.monotonic()
        print(
            f"starting {args.apps} apps on 127.0.0.1:{', '.join(map(str, ports))} and haproxy on "
            f"{args.address or '*'}:{args.port}" + (f"; logs in {logs}" if logs else ""),
            flush=True,
        )
        cluster = start_cluster(args.apps, args.port, ports, args.address, args.haproxy, logs)
        print(
            f"ready in {time.monotonic() - started:.1f} s: readers go to "
            f"http://{args.address or 'localhost'}:{args.port} (Ctrl-C stops it all)",
            flush=True,
        )
        assert cluster.balancer is not None
        while cluster.balancer.poll() is None:
            if failing := cluster.restart_dead_apps():
                print(f"stopping: {', '.join(failing)}", file=sys.stderr, flush=True)
                return 1
            time.sleep(0.5)
        print(f"stopping: haproxy exited with code {cluster.balancer.returncode}", file=sys.stderr, flush=True)
        return 1
    except (KeyboardInterrupt, _Stop):
        print("stopping", flush=True)
        return 0
    except (RuntimeError, ValueError) as error:
        print(f"cluster: {error}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut the stopping short
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
