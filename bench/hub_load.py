"""Classroom capacity: N students at once on one JupyterHub, N rising until it is too slow.

For N = 1, 2, 4, 8, … (up to ``--max-students``) the students of a round start together, each in
its own thread, doing what a student does in class, over HTTP and the kernel websocket only:

1. log in through the hub's login form (timed: *login*),
2. start their single-user server (timed: *server start*, request to "ready"),
3. pull the course with nbgitpuller (from a local ``file://`` clone of ``chapters/``),
4. open chapter 04 in a new kernel (timed: *kernel start*, request to first reply) and run it
   cell by cell, shut that kernel down, then run chapter 07 in a second kernel,
5. move a control of one of chapter 07's widgets (the first slider of the first live widget,
   i.e. the digit inspector's image slider) ``--moves`` times through that kernel. *Kernel-side*
   time: from setting the value to the rendered frame, measured inside the kernel (an ipympl view
   counts as connected, as in JupyterLab). *Round trip*: request sent to kernel idle again, through
   the hub's proxy — what the student's browser waits for, minus drawing.
6. *Resident memory per student*: RSS of their server and the chapter-07 kernel (processes working
   in their home folder), after the moves; and PSS, which shares the common libraries' pages out
   among the processes using them, so that N students need N × PSS (plus the hub).

The run stops after the first round whose kernel-side p95 exceeds 100 ms (unless
``--past-target``), when the next round would not fit in the free memory, or at ``--max-students``. Each round is bounded in time; the hub
and everything it started are stopped at the end, also on failure. Loopback only.

Run: ``python bench/hub_load.py [--max-students 16] [--moves 50]`` (needs JupyterHub, nbgitpuller
and configurable-http-proxy: see ``docs/running_a_class.md``). The figures are only meaningful on an
otherwise idle machine: the CPU already busy before each round is printed with it.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from _common import REPO, machine, median_p95, table

sys.path.insert(0, str(REPO / "tests"))  # the hub harness is shared with tests/test_hub.py
from hub_harness import (Student, classroom_module, make_course_repo, missing_prerequisites,  # noqa: E402
                         start_hub)

TARGET_MS = 100.0
CHAPTERS = ("04_multilayer_perceptron.ipynb", "07_digit_recognition.ipynb")

# Runs in the student's chapter-07 kernel: find a live widget with a slider, connect a view.
PICK_WIDGET = """
import time as _time
import ipywidgets as _w

def _nnlab_pick():
    for name, obj in list(globals().items()):
        if hasattr(obj, "ui") and hasattr(obj, "fig") and not name.startswith("_"):
            stack = [obj.ui]
            while stack:
                node = stack.pop(0)
                if isinstance(node, (_w.IntSlider, _w.FloatSlider)):
                    return name, obj, node
                stack.extend(getattr(node, "children", ()))
    raise LookupError("no live widget with a slider in this chapter")

_nnlab_name, _nnlab_widget, _nnlab_slider = _nnlab_pick()
_canvas = _nnlab_widget.fig.canvas
_canvas._handle_message(_canvas, {"type": "initialized"}, [])  # what a JupyterLab view sends
_canvas.draw()

def _nnlab_move(k):
    s = _nnlab_slider
    if isinstance(s, _w.IntSlider):
        value = s.min + (k * 37 + 1) % (s.max - s.min + 1)
    else:
        value = s.min + (k % 20 + 1) / 21 * (s.max - s.min)
    t0 = _time.perf_counter()
    s.value = value
    print(f"{(_time.perf_counter() - t0) * 1000:.3f}")

print(_nnlab_name, type(_nnlab_slider).__name__, _nnlab_slider.description)
"""


def busy_cpu_percent(seconds: float = 2.0) -> float:
    """CPU already in use on the machine (percent of all cores) over ``seconds``."""
    return psutil.cpu_percent(interval=seconds)


def one_student(hub, name: str, repo_url: str, moves: int, start: threading.Barrier) -> dict:
    """Everything one student does (module docstring, steps 1-6); timings in s or ms."""
    s = Student(hub, name)
    r = {"name": name}
    start.wait(timeout=600)
    t = time.perf_counter()
    s.login()
    r["login_s"] = time.perf_counter() - t
    t = time.perf_counter()
    s.start_server()
    r["server_s"] = time.perf_counter() - t
    s.pull(classroom_module("nbgitpuller_link").course_link(hub.url, repo_url))
    for chapter in CHAPTERS:
        t = time.perf_counter()
        kernel = s.start_kernel("nnlab/chapters")
        kernel.execute("pass", timeout=120)
        r.setdefault("kernel_s", []).append(time.perf_counter() - t)
        nb = s.notebook(f"nnlab/chapters/{chapter}")
        t = time.perf_counter()
        for cell in (c for c in nb["cells"] if c["cell_type"] == "code"):
            result = kernel.execute(cell["source"], timeout=600)
            if result.errors:
                raise RuntimeError(f"{name}: {chapter}: {result.errors}")
        r[f"ch{chapter[:2]}_s"] = time.perf_counter() - t
        if chapter != CHAPTERS[-1]:
            kernel.close()
    picked = kernel.execute(PICK_WIDGET, timeout=120)
    if picked.errors:
        raise RuntimeError(f"{name}: {picked.errors}")
    r["widget"] = picked.text.strip()
    r["kernel_ms"], r["roundtrip_ms"] = [], []
    for k in range(moves):
        result = kernel.execute(f"_nnlab_move({k})", timeout=60)
        r["kernel_ms"].append(float(result.text.strip()))
        r["roundtrip_ms"].append(result.seconds * 1000)
    r["rss_mb"], r["pss_mb"] = s.memory_mb()
    kernel.close()
    s.stop_server()
    return r


def run_round(hub, n: int, repo_url: str, moves: int, timeout: float) -> tuple[list[dict], list[str]]:
    start = threading.Barrier(n)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=n)
    futures = [pool.submit(one_student, hub, f"n{n}-s{i:02d}", repo_url, moves, start) for i in range(n)]
    done, pending = concurrent.futures.wait(futures, timeout=timeout)
    pool.shutdown(wait=False, cancel_futures=True)  # stragglers end on their own request timeouts
    results = [f.result() for f in done if f.exception() is None]
    failures = [repr(f.exception()) for f in done if f.exception() is not None]
    failures += [f"{len(pending)} student(s) still running after {timeout:.0f} s"] if pending else []
    return results, failures


def summarise(n: int, results: list[dict], busy: float) -> dict:
    kernel_ms = [v for r in results for v in r["kernel_ms"]]
    trip_ms = [v for r in results for v in r["roundtrip_ms"]]
    k_med, k_p95 = median_p95(kernel_ms)
    t_med, t_p95 = median_p95(trip_ms)
    return {
        "n": n, "busy_before_pct": busy,
        "login_s": max(r["login_s"] for r in results),
        "server_s_median": statistics.median(r["server_s"] for r in results),
        "server_s_max": max(r["server_s"] for r in results),
        "kernel_s_median": statistics.median(v for r in results for v in r["kernel_s"]),
        "kernel_s_max": max(v for r in results for v in r["kernel_s"]),
        "ch04_s": statistics.median(r["ch04_s"] for r in results),
        "ch07_s": statistics.median(r["ch07_s"] for r in results),
        "move_kernel_ms": (k_med, k_p95), "move_roundtrip_ms": (t_med, t_p95),
        "rss_mb_mean": statistics.mean(r["rss_mb"] for r in results),
        "rss_mb_max": max(r["rss_mb"] for r in results),
        "pss_mb_mean": statistics.mean(r["pss_mb"] for r in results),
        "widget": results[0]["widget"],
    }


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--max-students", type=int, default=16)
    p.add_argument("--moves", type=int, default=50)
    p.add_argument("--round-timeout", type=float, default=1200, help="seconds allowed per round")
    p.add_argument("--past-target", action="store_true",
                   help="keep doubling N after p95 passed the target (memory and start-up figures)")
    p.add_argument("--json", type=Path, default=REPO / "build" / "hub-load.json")
    args = p.parse_args(argv)
    missing = missing_prerequisites()
    if missing:
        print("cannot run: missing " + ", ".join(missing))
        return 2
    print(f"machine: {machine()}; {psutil.virtual_memory().total / 2**30:.1f} GiB RAM\n")
    rounds, rows = [], []
    with tempfile.TemporaryDirectory(prefix="nnlab-hub-load-") as tmp:
        work = Path(tmp)
        repo_url = make_course_repo(work / "course-repo", REPO / "chapters")
        hub = start_hub(work / "hub")
        try:
            hub_rss = sum(proc.memory_info().rss for proc in [psutil.Process(hub.process.pid)] +
                          psutil.Process(hub.process.pid).children(recursive=True)) / 2**20
            print(f"hub + proxy: ready in {hub.startup_seconds:.1f} s, {hub_rss:.0f} MB resident\n")
            n = 1
            while n <= args.max_students:
                busy = busy_cpu_percent()
                t0 = time.perf_counter()
                results, failures = run_round(hub, n, repo_url, args.moves, args.round_timeout)
                if failures or not results:
                    print(f"N = {n}: {len(failures)} failure(s): {failures[:3]}")
                    rounds.append({"n": n, "failures": failures})
                    break
                summary = summarise(n, results, busy)
                summary["round_s"] = time.perf_counter() - t0
                rounds.append(summary)
                k_med, k_p95 = summary["move_kernel_ms"]
                t_med, t_p95 = summary["move_roundtrip_ms"]
                rows.append((n, f"{busy:.0f} %", f"{summary['login_s']:.2f}",
                             f"{summary['server_s_median']:.1f} / {summary['server_s_max']:.1f}",
                             f"{summary['kernel_s_median']:.1f} / {summary['kernel_s_max']:.1f}",
                             f"{summary['ch04_s']:.0f} + {summary['ch07_s']:.0f}",
                             f"{k_med:.0f} / {k_p95:.0f}", f"{t_med:.0f} / {t_p95:.0f}",
                             f"{summary['rss_mb_mean']:.0f} ({summary['rss_mb_max']:.0f})",
                             f"{summary['pss_mb_mean']:.0f}",
                             f"{summary['round_s']:.0f}"))
                print(f"N = {n}: moves kernel median/p95 {k_med:.0f}/{k_p95:.0f} ms, round trip "
                      f"{t_med:.0f}/{t_p95:.0f} ms, {summary['rss_mb_mean']:.0f} MB per student", flush=True)
                if k_p95 > TARGET_MS and not args.past_target:
                    print(f"stop: kernel-side p95 {k_p95:.0f} ms > {TARGET_MS:.0f} ms")
                    break
                need = 2 * n * summary["rss_mb_max"] * 1.5 * 2**20
                if psutil.virtual_memory().available < need:
                    print(f"stop: {2 * n} students would not fit in the free memory")
                    break
                n *= 2
        finally:
            hub.stop()
    print()
    print(table(rows, ["students", "CPU busy before", "login max s", "server start s (median / max)",
                       "kernel start s (median / max)", "run ch04 + ch07 s (median)",
                       "move, kernel ms (median / p95)", "move, round trip ms (median / p95)",
                       "RSS per student MB (mean (max))", "PSS per student MB", "round s"]))
    if rounds and "widget" in rounds[0]:
        print(f"\nwidget moved: {rounds[0]['widget']}; target: kernel-side p95 ≤ {TARGET_MS:.0f} ms")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": machine(), "rounds": rounds}, indent=1))
    print(f"raw figures: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
