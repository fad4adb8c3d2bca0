"""A real JupyterHub on 127.0.0.1 and students who use it over HTTP, as a browser would.

Used by ``tests/test_hub.py`` (two students, one chapter) and ``bench/hub_load.py`` (N students).

- :class:`Hub` starts ``jupyterhub`` (its proxy, configurable-http-proxy, comes from npm) with the
  course settings of ``classroom/jupyterhub_config.py`` plus loopback-only test settings: a shared
  password for every student (never "no auth"), one home folder per student under the hub's work
  folder, and the single-user servers started as local processes. :meth:`Hub.stop` stops the hub
  and kills every process it started (servers, kernels, proxy), also after a failure.
- :class:`Student` logs in through the hub's login form, asks the hub for an API token, starts its
  server, pulls the course with nbgitpuller and runs code in its own kernel over the kernel's
  websocket (the Jupyter messaging protocol, as JupyterLab does).

Every wait is bounded; nothing listens on anything but 127.0.0.1.
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import psutil
import requests
import websocket

REPO = Path(__file__).resolve().parents[1]
COURSE_CONFIG = REPO / "classroom" / "jupyterhub_config.py"
PASSWORD = "nnlab-" + secrets.token_hex(8)  # the shared student password of a test hub
HTTP_TIMEOUT = 30  # seconds per HTTP request


def module_from_file(path: Path):
    """Import a script or a ``classroom/`` file (folders that are not packages) by its path."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def classroom_module(name: str):
    """A module of ``classroom/`` (files for hub administrators), e.g. ``nbgitpuller_link``."""
    return module_from_file(REPO / "classroom" / f"{name}.py")


def unavailable(reason: str):
    """Skip the test locally, but FAIL it in CI (``CI`` set), where a missing tool is a broken set-up."""
    import pytest

    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)", pytrace=False)
    pytest.skip(reason)


class HubUnavailable(RuntimeError):
    """A prerequisite (JupyterHub, nbgitpuller, the proxy, git) is missing."""


def find_proxy() -> str | None:
    """configurable-http-proxy: ``$NNLAB_CHP``, else the one on PATH (``npm install -g``)."""
    return os.environ.get("NNLAB_CHP") or shutil.which("configurable-http-proxy")


def missing_prerequisites() -> list[str]:
    missing = []
    for module in ("jupyterhub", "nbgitpuller"):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"the Python package {module}")
    if find_proxy() is None:
        missing.append("configurable-http-proxy (npm install -g configurable-http-proxy, or set NNLAB_CHP)")
    if shutil.which("git") is None:
        missing.append("git")
    return missing


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_course_repo(path: Path, chapters: Path) -> str:
    """A local git repository holding a copy of ``chapters``; returns its ``file://`` URL.

    nbgitpuller pulls from it exactly as from GitHub (a plain path would make it clone in full
    and warn).
    """
    shutil.copytree(chapters, path / "chapters", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    git = ["git", "-c", "user.name=nnlab", "-c", "user.email=nnlab@localhost", "-c", "init.defaultBranch=main"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "course"]):
        subprocess.run(git + args, cwd=path, check=True, capture_output=True, timeout=60)
    return path.resolve().as_uri()


def _config_text(workdir: Path, port: int, chp: str) -> str:
    single_user = Path(sys.executable).with_name("jupyterhub-singleuser")
    args = ["--allow-root"] if os.geteuid() == 0 else []
    return f"""
c = get_config()  # noqa: F821
load_subconfig({str(COURSE_CONFIG)!r})  # noqa: F821 - the course settings under test

# Loopback only, every port chosen by the harness.
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.Spawner.ip = "127.0.0.1"
c.JupyterHub.db_url = "sqlite:///{workdir / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = {str(workdir / 'cookie_secret')!r}
c.JupyterHub.pid_file = {str(workdir / 'jupyterhub.pid')!r}
c.JupyterHub.cleanup_servers = True

# One shared password for the whole class (a test hub: any user name may log in with it).
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {PASSWORD!r}
c.Authenticator.allow_all = True

# Each student's server is a local process with its own home folder.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(workdir / 'homes' / '{username}')!r}
c.Spawner.cmd = [{str(single_user)!r}]
c.Spawner.args = {args!r}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
"""


@dataclass
class Hub:
    """A running JupyterHub (see the module docstring); use :func:`start_hub`."""

    url: str
    workdir: Path
    process: subprocess.Popen
    log_path: Path
    startup_seconds: float
    _seen: dict = field(default_factory=dict)

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def remember_children(self) -> None:
        """Note every process the hub started so far, so :meth:`stop` can kill orphans too."""
        try:
            for child in psutil.Process(self.process.pid).children(recursive=True):
                self._seen[child.pid] = child
        except psutil.NoSuchProcess:
            pass

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM the hub (it stops the servers and the proxy), then kill whatever is left."""
        self.remember_children()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        left = [p for p in self._seen.values() if p.is_running()]
        for p in left:
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
        psutil.wait_procs(left, timeout=10)


def start_hub(workdir: Path, timeout: float = 60) -> Hub:
    """Start a hub in ``workdir`` and wait (at most ``timeout`` s) until it answers."""
    missing = missing_prerequisites()
    if missing:
        raise HubUnavailable("missing " + ", ".join(missing))
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "homes").mkdir(exist_ok=True)
    port = free_port()
    config = workdir / "jupyterhub_config.py"
    config.write_text(_config_text(workdir, port, find_proxy()))
    log_path = workdir / "jupyterhub.log"
    env = dict(os.environ)
    # The hub runs alembic and the single-user servers from this environment.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    t0 = time.perf_counter()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    hub = Hub(f"http://127.0.0.1:{port}", workdir, process, log_path, 0.0)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            hub.stop()
            raise RuntimeError(f"jupyterhub exited with {process.returncode}:\n{hub.log_tail()}")
        try:
            if requests.get(f"{hub.url}/hub/api/", timeout=2).ok:
                hub.startup_seconds = time.perf_counter() - t0
                hub.remember_children()
                return hub
        except requests.RequestException:
            pass
        time.sleep(0.25)
    hub.stop()
    raise RuntimeError(f"jupyterhub did not answer within {timeout} s:\n{hub.log_tail()}")


@dataclass
class CellResult:
    """What one execute request produced: outputs (nbformat-like dicts) and wall time."""

    outputs: list
    seconds: float

    @property
    def errors(self) -> list[str]:
        return [f"{o['ename']}: {o['evalue']}" for o in self.outputs if o["output_type"] == "error"]

    @property
    def text(self) -> str:
        """Streams and text/plain results joined (what a learner reads)."""
        parts = []
        for o in self.outputs:
            if o["output_type"] == "stream":
                parts.append(o["text"])
            elif "text/plain" in o.get("data", {}):
                parts.append(o["data"]["text/plain"])
        return "".join(parts)


class Kernel:
    """One kernel of a student's server, driven over its websocket."""

    def __init__(self, student: Student, kernel_id: str):
        self.student, self.id = student, kernel_id
        ws_url = student.server_url.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels"
        self.session = uuid.uuid4().hex
        self.ws = websocket.create_connection(
            f"{ws_url}?session_id={self.session}", header=[f"Authorization: token {student.token}"],
            timeout=HTTP_TIMEOUT,
        )

    def execute(self, code: str, timeout: float = 300) -> CellResult:
        """Run ``code``; return its outputs once the kernel is idle again (at most ``timeout`` s)."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": self.student.name, "session": self.session,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        t0 = time.perf_counter()
        deadline = time.monotonic() + timeout
        outputs = []
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{self.student.name}: cell did not finish in {timeout} s:\n{code[:200]}")
            self.ws.settimeout(remaining)
            raw = self.ws.recv()
            if not isinstance(raw, str):
                continue  # binary frames carry widget buffers, not outputs
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id or msg.get("channel") != "iopub":
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "status" and content["execution_state"] == "idle":
                return CellResult(outputs, time.perf_counter() - t0)
            if kind == "stream":
                outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
            elif kind in ("execute_result", "display_data"):
                outputs.append({"output_type": kind, "data": content["data"]})
            elif kind == "error":
                outputs.append({"output_type": "error", "ename": content["ename"], "evalue": content["evalue"]})

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.student.api("DELETE", f"api/kernels/{self.id}", server=True)


class Student:
    """A student of ``hub``: log in, start a server, pull the course, run code."""

    def __init__(self, hub: Hub, name: str):
        self.hub, self.name = hub, name
        self.http = requests.Session()
        self.token = None
        self.server_url = f"{hub.url}/user/{name}/"
        self.home = hub.workdir / "homes" / name

    def login(self, password: str = PASSWORD) -> None:
        """The hub's login form (with its XSRF cookie), then an API token for this session."""
        self.http.get(f"{self.hub.url}/hub/login", timeout=HTTP_TIMEOUT).raise_for_status()
        xsrf = self.http.cookies.get("_xsrf")
        r = self.http.post(f"{self.hub.url}/hub/login", data={"username": self.name, "password": password,
                                                            "_xsrf": xsrf},
                           allow_redirects=False, timeout=HTTP_TIMEOUT)
        if r.status_code != 302 or not any(c.startswith("jupyterhub-session") for c in self.http.cookies.keys()):
            raise PermissionError(f"login of {self.name} refused (HTTP {r.status_code})")
        r = self.http.post(f"{self.hub.url}/hub/api/users/{self.name}/tokens", json={"note": "nnlab harness"},
                           headers={"X-XSRFToken": self.http.cookies.get("_xsrf")}, timeout=HTTP_TIMEOUT)
        r.raise_for_status()
        self.token = r.json()["token"]

    def api(self, method: str, path: str, server: bool = False, **kwargs) -> requests.Response:
        """A request with this student's token to the hub API or (``server=True``) their server."""
        base = self.server_url if server else f"{self.hub.url}/hub/api/"
        return requests.request(method, base + path, headers={"Authorization": f"token {self.token}"},
                                timeout=kwargs.pop("timeout", HTTP_TIMEOUT), **kwargs)

    def start_server(self, timeout: float = 120) -> None:
        r = self.api("POST", f"users/{self.name}/server")
        if r.status_code not in (201, 202, 400):  # 400: already running
            raise RuntimeError(f"{self.name}: server start refused: HTTP {r.status_code} {r.text}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.api("GET", f"users/{self.name}").json().get("servers", {}).get("", {})
            if server.get("ready"):
                self.hub.remember_children()
                return
            time.sleep(0.2)
        raise TimeoutError(f"{self.name}: server not ready in {timeout} s:\n{self.hub.log_tail()}")

    def pull(self, link: str, timeout: float = 120) -> None:
        """Click the class's nbgitpuller link, then do what its page does: clone or merge the course.

        The link (``/hub/user-redirect/git-pull?…``) goes through the hub's OAuth hand-shake to the
        student's own server and its nbgitpuller page; that page's script streams the pull from
        ``git-pull/api`` with the same parameters, which is done here directly.
        """
        r = self.http.get(link, timeout=HTTP_TIMEOUT)
        r.raise_for_status()
        if not r.url.startswith(self.server_url + "git-pull"):
            raise RuntimeError(f"{self.name}: the link led to {r.url}, not to their nbgitpuller page")
        query = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items() if k != "urlpath"}
        r = self.api("GET", f"git-pull/api?{urlencode(query)}", server=True, stream=True, timeout=timeout)
        r.raise_for_status()
        for line in r.iter_lines(decode_unicode=True):
            if not line or not line.startswith("data:"):
                continue
            event = json.loads(line[len("data:"):])
            if event.get("phase") == "finished":
                return
            if event.get("phase") == "error":
                raise RuntimeError(f"{self.name}: nbgitpuller failed: {event.get('message')}\n{event.get('output')}")
        raise RuntimeError(f"{self.name}: nbgitpuller stream ended without finishing")

    def start_kernel(self, cwd: str) -> Kernel:
        """A python3 kernel whose working folder is ``cwd`` (relative to the student's home)."""
        r = self.api("POST", "api/kernels", server=True, json={"name": "python3", "path": cwd})
        r.raise_for_status()
        self.hub.remember_children()
        return Kernel(self, r.json()["id"])

    def notebook(self, path: str) -> dict:
        """A notebook from the student's home, through the server's contents API."""
        r = self.api("GET", f"api/contents/{path}", server=True)
        r.raise_for_status()
        return r.json()["content"]

    def memory_mb(self) -> tuple[float, float]:
        """(RSS, PSS) in MB of this student's server and kernels: the processes working in their home.

        RSS counts shared libraries in full for every process; PSS splits shared pages among the
        processes that share them, so PSS adds up across students (use it to plan a server).
        """
        rss = pss = 0
        home = str(self.home.resolve())
        for p in psutil.process_iter(["cwd"]):
            cwd = p.info.get("cwd") or ""
            if cwd == home or cwd.startswith(home + os.sep):
                try:
                    mem = p.memory_full_info()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                rss, pss = rss + mem.rss, pss + getattr(mem, "pss", mem.rss)
        return rss / 2**20, pss / 2**20

    def stop_server(self) -> None:
        self.api("DELETE", f"users/{self.name}/server")
