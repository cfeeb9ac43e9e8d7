"""Build hostile inputs on the fly and run them in a bounded child process.

`run_bounded` runs Python code (or the CLI) in a subprocess with an address-space
limit and a wall-clock deadline, and reports the child's own peak memory, so a test
can assert the clear line, the exit code, the time and the memory of one hostile input.

Peak memory is the whole process tree's: the child's own VmHWM, written at exit by a
small Python prelude (Linux's `ru_maxrss` from `wait4` starts from the parent's
high-water mark at fork, so inside a pytest run that has loaded the models every child
would report pytest's own size), or, when it spawned workers, the largest sum of the
resident sizes of every process in its session, sampled every 50 ms, if that is larger.
The prelude also reports which heavy libraries (torch, spaCy, ...) the child imported,
so a test can assert that an input refused before analysis never loaded the models.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MEMORY_LIMIT_MB = 2048  # address space: python + libraries map far more than they touch
PEAK_RSS_LIMIT_MB = 500  # what the issue promises for any single hostile input


HEAVY_MODULES = ("torch", "spacy", "thinc", "transformers", "sklearn")  # the models' libraries
SAMPLE_SECONDS = 0.05
STAND_IN = "HOSTILE_STAND_IN"  # set by light_cli: the child analyses with a stand-in

PEAK_PRELUDE = """
import atexit, os, sys
def _peak():
    with open("/proc/self/status") as status, open(os.environ["HOSTILE_PEAK_FILE"], "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
        heavy = os.environ["HOSTILE_HEAVY_MODULES"].split(",")
        out.write(" " + ",".join(name for name in heavy if name in sys.modules))
atexit.register(_peak)
code = sys.argv[1]
del sys.argv[0]
sys.argv[0] = "-c"
exec(compile(code, "<hostile>", "exec"), {"__name__": "__main__"})
"""


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # the whole process tree's peak resident size
    killed: bool
    heavy: tuple[str, ...] = ()  # HEAVY_MODULES the child imported (python -c runs only)

    @property
    def loaded_models(self) -> bool:
        """Whether the child imported torch or spaCy (the models' libraries)."""
        return bool({"torch", "spacy"} & set(self.heavy))


def session_rss_kb(session: int) -> int:
    """The summed resident size of every process in `session` (the child and its workers)."""
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            if int(fields[3]) != session:  # the session id (the child called setsid)
                continue
            with open(f"/proc/{entry.name}/statm") as statm:
                total += int(statm.read().split()[1]) * page_kb
        except (OSError, IndexError, ValueError):  # gone meanwhile
            continue
    return total


class TreeSampler(threading.Thread):
    """Samples a session's summed resident size until stopped; keeps the largest."""

    def __init__(self, session: int) -> None:
        super().__init__(daemon=True)
        self.session = session
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.peak_kb = max(self.peak_kb, session_rss_kb(self.session))


def run_bounded(
    args: list[str],
    *,
    deadline: float = 60.0,
    memory_mb: int = MEMORY_LIMIT_MB,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Outcome:
    """Run `args` with RLIMIT_AS and a deadline; the child reports its own peak RSS.

    `python -c CODE ...` commands run CODE under PEAK_PRELUDE; for any other command the
    peak falls back to wait4's figure (an upper bound)."""
    limit = memory_mb * 1024 * 1024
    peak_file = Path(tempfile.mkstemp(prefix="hostile-peak-")[1])
    if len(args) >= 3 and args[0] == sys.executable and args[1] == "-c":
        args = [args[0], "-c", PEAK_PRELUDE, *args[2:]]

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        os.setsid()

    full_env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
        "HOSTILE_PEAK_FILE": str(peak_file),
        "HOSTILE_HEAVY_MODULES": ",".join(HEAVY_MODULES),
        **(env or {}),
    }
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(
            args, stdout=out, stderr=err, preexec_fn=limits, env=full_env, cwd=cwd or REPO
        )
        killed = threading.Event()
        sampler = TreeSampler(proc.pid)
        sampler.start()

        def kill() -> None:
            killed.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(deadline, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            sampler.done.set()
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        reported = peak_file.read_text().split()
        peak_file.unlink(missing_ok=True)
        own_kb = int(reported[0]) if reported else usage.ru_maxrss
        outcome = Outcome(
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            peak_mb=max(own_kb, sampler.peak_kb) / 1024,
            killed=killed.is_set(),
            heavy=tuple(reported[1].split(",")) if len(reported) > 1 else (),
        )
    record_peak(outcome, stand_in=STAND_IN in full_env)
    return outcome


def record_peak(outcome: Outcome, stand_in: bool = False) -> None:
    """With HOSTILE_PEAKS=FILE, append the running test's figures (for docs/reliability.md);
    `stand_in`: the child analysed with a stand-in, not the models (light_cli)."""
    target = os.environ.get("HOSTILE_PEAKS")
    if not target:
        return
    line = {
        "test": os.environ.get("PYTEST_CURRENT_TEST", "?").rsplit(" ", 1)[0],
        "seconds": round(outcome.seconds, 1),
        "peak_mb": round(outcome.peak_mb),
        "models": outcome.loaded_models,
        "killed": outcome.killed,
        "stand_in": stand_in,
    }
    with open(target, "a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")


def peak_table(path: str) -> str:
    """One markdown row per test: its largest child's peak, time and whether models loaded."""
    rows: dict[str, tuple[int, float, bool, bool]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        peak, seconds, models, stand_in = rows.get(entry["test"], (0, 0.0, False, False))
        rows[entry["test"]] = (
            max(peak, entry["peak_mb"]),
            max(seconds, entry["seconds"]),
            models or entry["models"],
            stand_in or entry.get("stand_in", False),
        )
    out = ["| Test | Peak (process tree) | Under 500 MB | Models loaded | Longest run |",
           "|---|---|---|---|---|"]  # fmt: skip
    for test, (peak, seconds, models, stand_in) in sorted(rows.items()):
        under = "yes" if peak < PEAK_RSS_LIMIT_MB else "**no**"
        loaded = ("yes" if models else "no") + (" (light: stand-in analysis)" if stand_in else "")
        out.append(
            f"| {test.replace('tests/hostile/', '')} | {peak} MB | {under} "
            f"| {loaded} | {seconds:.1f} s |"
        )
    return "\n".join(out)


def run_python(code: str, **kwargs: object) -> Outcome:
    """`python -c code` under run_bounded."""
    return run_bounded([sys.executable, "-c", code], **kwargs)  # type: ignore[arg-type]


def run_cli(*cli_args: str, **kwargs: object) -> Outcome:
    """The `counterpoint` command under run_bounded."""
    code = "import sys; from counterpoint.cli import app; sys.argv[0] = 'counterpoint'; app()"
    return run_bounded([sys.executable, "-c", code, *cli_args], **kwargs)  # type: ignore[arg-type]


READ_SNIPPET = """
import sys
from counterpoint.read import ReadOptions, read_inputs
from counterpoint.records import ReadProblem
for entry in read_inputs(sys.argv[1:], ReadOptions()):
    if isinstance(entry, ReadProblem):
        print("PROBLEM", entry.origin, "|", entry.reason, flush=True)
    else:
        print("ITEM", entry.origin, len(entry.data), flush=True)
"""


def run_read(*specs: str, **kwargs: object) -> Outcome:
    """read_inputs over `specs` in a bounded child: one ITEM / PROBLEM line per entry."""
    return run_bounded([sys.executable, "-c", READ_SNIPPET, *specs], **kwargs)  # type: ignore[arg-type]


def gzip_member(prefix: bytes, fill: bytes, size: int, suffix: bytes = b"") -> bytes:
    """One gzip member holding prefix + fill*size + suffix, built in well under a second.

    Each 1 MiB block of `fill` is compressed once after a full flush (which resets the
    compressor), so the same bytes can be repeated: valid deflate whatever `size` is.
    """
    block = fill * (1024 * 1024 // len(fill))
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = head.compress(prefix) + head.flush(zlib.Z_FULL_FLUSH)
    body = zlib.compressobj(9, zlib.DEFLATED, -15)
    repeated = body.compress(block) + body.flush(zlib.Z_FULL_FLUSH)
    blocks, rest = divmod(size, len(block))
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = tail.compress(fill * (rest // len(fill)) + suffix) + tail.flush(zlib.Z_FINISH)
    crc = zlib.crc32(prefix)
    for _ in range(blocks):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(fill * (rest // len(fill)) + suffix, crc)
    total = len(prefix) + blocks * len(block) + (rest // len(fill)) * len(fill) + len(suffix)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc & 0xFFFFFFFF, total & 0xFFFFFFFF)
    return header + start + repeated * blocks + end + trailer


def warc_record(warc_type: str, uri: str, payload: bytes, extra: bytes = b"") -> bytes:
    """One uncompressed WARC record."""
    return (
        b"WARC/1.0\r\n"
        + f"WARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\n".encode()
        + b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        + extra
        + f"Content-Length: {len(payload)}\r\n\r\n".encode()
        + payload
        + b"\r\n\r\n"
    )


def html_response(text: str) -> bytes:
    body = f"<html><body><article><p>{text}</p></article></body></html>".encode()
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
