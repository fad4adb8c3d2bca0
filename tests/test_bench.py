"""The benchmark scripts still run (no timing is asserted: speed targets live in bench/ only)."""

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_train_speed_runs_on_the_bundled_digits_and_reports_its_target():
    result = subprocess.run(
        [sys.executable, "train_speed.py", "--settings", "digits", "--seeds", "2"],
        cwd=BENCH, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for row in ("| digits  | nnlib ", "| digits  | scikit-learn ", "| digits  | numpy floor "):
        assert row in out, out
    verdict = [line for line in out.splitlines() if line.startswith("- bundled digits:")]
    assert len(verdict) == 1 and verdict[0].endswith(("met", "MISSED")), out
