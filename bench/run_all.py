"""Run every benchmark and write ``bench/results/RESULTS.md`` (machine, date, tables, verdicts).

Run: ``python bench/run_all.py [--mnist DIR] [--epochs 3] [--skip-course]``

Nothing here is a test: targets are reported as "met"/"MISSED", never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import sys

from _common import DEFAULT_MNIST, REPO, machine

import course_runtime
import matmul
import train_speed
import widget_latency


NOTE = ("On this virtual machine, two runs minutes apart differed by up to 1.5× in wall time (noisy neighbours); compare libraries within one run, as each table does.")


def capture(fn, *args):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        result = fn(*args)
    text = buf.getvalue()
    sys.stdout.write(text)
    return result, text


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--mnist", default=str(DEFAULT_MNIST))
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--skip-course", action="store_true", help="skip executing every chapter")
    args = p.parse_args()

    sections = [f"# nnlab benchmark results\n\nMeasured {datetime.date.today()} on: {machine()}.\n"
                "Produced by `python bench/run_all.py`; see `bench/README.md` for what each table means.\n"
                f"{NOTE}\n"]
    _, text = capture(matmul.main)
    sections.append("## Hardware limit: numpy matmul\n\n" + text)
    sys.argv = ["train_speed.py", "--mnist", args.mnist, "--epochs", str(args.epochs)]
    _, text = capture(train_speed.main)
    sections.append("## Training speed and accuracy\n\n" + text)
    sys.argv = ["widget_latency.py"]
    _, text = capture(widget_latency.main)
    sections.append("## Widget latency\n\n" + text)
    if not args.skip_course:
        _, text = capture(course_runtime.main, ["course_runtime.py"])
        sections.append("## Course run time\n\n" + text)
    out = REPO / "bench" / "results" / "RESULTS.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(sections))
    print(f"\nwritten: {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
