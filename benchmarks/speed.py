"""Speed of the desk as a user meets it: whole `counterpoint` processes, side by side.

One run measures, on the same machine and load:

* cold compare: `counterpoint compare STORY -f json` as a fresh process with an empty
  analysis cache (imports, model loading, analysis, comparison, brief), for a real
  3-article story (basil-dev) and a 10-article story (an ECB+ sub-topic); next to
  the spaCy floor: a fresh process that imports spaCy, loads the model and parses the
  same texts (nothing counterpoint does can be cheaper than that);
* the same cold commands while a busy loop keeps one core busy (`--busy`, default on);
* second run: the same command again (analyses cached on disk, models not loaded);
* warm compare: `Desk().compare` again in a process that has the models loaded and
  the analyses cached (the web desk's and a notebook's case);
* ingest: `counterpoint ingest PAGES --workers 1|2` as a process (empty store and
  cache), articles/s, against `trafilatura.extract` alone and spaCy parsing alone
  on the same pages in this process;
* web first visit: `counterpoint serve` on a store holding the 3-article story, started
  fresh; the story page is asked for as soon as the desk answers: seconds to the first
  page (the self-refreshing "building" page or the report) and to the report;
* peak RSS of every process (summed over its process tree), CPU seconds, and the load
  average before each measure (the machine may be shared: read wall figures with it).

Every figure is printed next to its goal (GOALS) with "met" / "NOT met".

    python benchmarks/speed.py [--story 29ffd053] [--ecb 1ecb] [--pages 40] [--repeat 3]

Prints a table and writes benchmarks/results/speed.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from counterpoint import settings

ROOT = Path(__file__).resolve().parents[1]
DATA = settings.data_dir()
RESULTS = ROOT / "benchmarks" / "results"
BIN = Path(sys.executable).parent
# the goals every figure is held to (wall seconds on 2 cores, articles/s, MB)
GOALS = {
    "cold_3_wall": 5.0,  # cold compare of a 3-article story
    "cold_over_floor": 2.0,  # ... at most this many times the spaCy floor
    "busy_slowdown": 1.5,  # ... with one core busy, at most this much slower
    "warm_wall": 1.0,  # warm compare (models loaded, analyses cached)
    "cold_10_wall": 10.0,  # cold compare of a 10-article story
    "ingest_rate": 10.0,  # articles/s with full analysis
    "rss_mb": 1536.0,  # peak RSS of any measure
    "web_first_page": 1.0,  # the first visit shows something (progress) at once
    "web_report": 5.0,  # ... and the report of 3 articles within this
}
FLOOR = """
import sys
from pathlib import Path
from counterpoint.models import spacy_english
nlp = spacy_english()
for path in sys.argv[1:]:
    nlp(Path(path).read_text(encoding="utf-8"))
"""


@dataclass
class Run:
    """One process: wall seconds, CPU seconds, peak RSS (MB, whole tree), load before."""

    wall: float
    cpu: float
    rss_mb: float
    load: float
    code: int


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, parent = int(entry), int(fields[1])
        children.setdefault(parent, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run(command: list[str], env: dict[str, str], busy: bool = False) -> Run:
    """Run a command to the end, sampling its tree's RSS; a busy loop on one core if asked."""
    spinner = (
        subprocess.Popen([sys.executable, "-c", "while True: pass"]) if busy else None
    )  # fmt: skip
    try:
        load = os.getloadavg()[0]
        start = time.perf_counter()
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        peak = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.05)
        wall = time.perf_counter() - start
        peak = max(peak, usage.ru_maxrss * 1024)
        cpu = usage.ru_utime + usage.ru_stime
        return Run(wall, cpu, peak / 2**20, load, os.waitstatus_to_exitcode(status))
    finally:
        if spinner is not None:
            spinner.kill()
            spinner.wait()


def median_run(runs: list[Run]) -> Run:
    """The run with the median wall time (its CPU and RSS go with it)."""
    ordered = sorted(runs, key=lambda r: r.wall)
    return ordered[len(ordered) // 2]


def basil_story(story: str, folder: Path) -> list[Path]:
    source = DATA / "disputes" / "basil-dev" / "stories" / story
    paths = []
    for path in sorted(source.glob("*.txt")):
        target = folder / path.name
        target.write_bytes(path.read_bytes())
        paths.append(target)
    return paths


def ecb_story(topic: str, size: int, folder: Path) -> list[Path]:
    paths = []
    for path in sorted((DATA / "stories" / "ecbplus" / topic).glob("*.json"))[:size]:
        record = json.loads(path.read_text(encoding="utf-8"))
        target = folder / f"{path.stem}.txt"
        target.write_text(
            f"Outlet: {record['source_domain']}\n\n{record['text']}", encoding="utf-8"
        )
        paths.append(target)
    return paths


def pages(limit: int, folder: Path) -> list[Path]:
    files = sorted((DATA / "extraction" / "scrapinghub" / "html").glob("*.html.gz"))[:limit]
    paths = []
    for path in files:
        target = folder / path.name.removesuffix(".gz")
        target.write_bytes(gzip.decompress(path.read_bytes()))
        paths.append(target)
    return paths


def words(paths: list[Path]) -> int:
    return sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in paths)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str, timeout: float = 60.0) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # loopback only
        return str(response.read().decode("utf-8", errors="replace"))


def web_first_visit(
    counterpoint: str, folder: Path, work: Path, env: dict[str, str]
) -> dict[str, Any]:
    """Seconds from asking for a story page on a freshly started desk to its first page and
    to its report, and the server's peak RSS (the story is ingested first, by the CLI)."""
    db = work / "web.db"
    subprocess.run([counterpoint, "ingest", str(folder), "--db", str(db)], env=env,
                   check=True, capture_output=True)  # fmt: skip
    listed = subprocess.run([counterpoint, "stories", "--db", str(db), "--json"], env=env,
                            check=True, capture_output=True, text=True)  # fmt: skip
    story_id = json.loads(listed.stdout)[0]["id"]
    port = _free_port()
    server = subprocess.Popen(
        [counterpoint, "serve", "--port", str(port), "--db", str(db)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    peak = 0
    try:
        deadline = time.monotonic() + 120
        while True:  # wait until the desk answers at all
            try:
                _get(base + "/", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the web desk did not start") from None
                time.sleep(0.1)
        load = os.getloadavg()[0]
        start = time.perf_counter()
        page = _get(f"{base}/stories/{story_id}")
        first = time.perf_counter() - start
        building = 'http-equiv="refresh"' in page
        while 'http-equiv="refresh"' in page and time.perf_counter() - start < 300:
            peak = max(peak, _tree_rss(server.pid))
            time.sleep(0.25)
            page = _get(f"{base}/stories/{story_id}")
        report = time.perf_counter() - start
        peak = max(peak, _tree_rss(server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"first_page": first, "report": report, "showed_progress": building,
            "rss_mb": peak / 2**20, "load": load}  # fmt: skip


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def goal_lines(result: dict[str, object]) -> list[tuple[str, str, str, bool]]:
    """(goal, figure, target, met) for every goal the run measured."""
    lines: list[tuple[str, str, str, bool]] = []

    def add(goal: str, value: float, unit: str, limit: float, at_most: bool = True) -> None:
        sign = "<=" if at_most else ">="
        met = value <= limit if at_most else value >= limit
        lines.append((goal, f"{value:.2f}{unit}", f"{sign} {limit:g}{unit}", met))

    def wall(name: str) -> float:
        entry = result[name]
        assert isinstance(entry, dict)
        return float(entry["median"]["wall"])

    cold = wall("cold_3")
    add("cold compare, 3 articles", cold, " s", GOALS["cold_3_wall"])
    add("  ... over the spaCy floor", cold / wall("floor_3"), "x", GOALS["cold_over_floor"])
    if "cold_3_busy" in result:
        add("  ... one core busy / quiet", wall("cold_3_busy") / cold, "x", GOALS["busy_slowdown"])
    for size in ("3", "10"):
        warm = result[f"warm_{size}"]
        assert isinstance(warm, float)
        add(f"warm compare, {size} articles", warm, " s", GOALS["warm_wall"])
    add("cold compare, 10 articles", wall("cold_10"), " s", GOALS["cold_10_wall"])
    for workers in ("1", "2"):
        entry = result.get(f"ingest_{workers}")
        if isinstance(entry, dict):
            rate = float(entry["articles_per_s"])
            add(f"ingest, {workers} worker(s), articles/s", rate, "", GOALS["ingest_rate"], False)
    peaks: dict[str, float] = {}
    for name, entry in result.items():
        if isinstance(entry, dict) and ("median" in entry or "run" in entry):
            peaks[name] = float((entry.get("median") or entry["run"])["rss_mb"])
    web = result.get("web")
    if isinstance(web, dict):
        add(
            "web: first page of a story (progress)",
            web["first_page"],
            " s",
            GOALS["web_first_page"],
        )
        add("web: report of 3 articles", web["report"], " s", GOALS["web_report"])
        peaks["web"] = float(web["rss_mb"])
    worst = max(peaks, key=lambda name: peaks[name])
    add(f"peak RSS, worst measure ({worst})", peaks[worst], " MB", GOALS["rss_mb"])
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", default="29ffd053", help="basil-dev story id (3 articles)")
    parser.add_argument("--ecb", default="1ecb", help="ECB+ sub-topic for the 10-article story")
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-busy", action="store_true", help="skip the busy-core runs")
    parser.add_argument("--no-ingest", action="store_true")
    parser.add_argument("--no-web", action="store_true", help="skip the web first-visit measure")
    args = parser.parse_args()
    if not (DATA / "disputes" / "basil-dev").is_dir():
        print(f"shared data not found at {DATA}; set COUNTERPOINT_DATA", file=sys.stderr)
        return 0

    work = Path(tempfile.mkdtemp(prefix="counterpoint-speed-"))
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    env["TOKENIZERS_PARALLELISM"] = "false"
    (work / "three").mkdir()
    (work / "ten").mkdir()
    three = basil_story(args.story, work / "three")
    ten = ecb_story(args.ecb, 10, work / "ten")
    counterpoint = str(BIN / "counterpoint")
    rows: list[tuple[str, str, Run | None]] = []
    result: dict[str, object] = {}

    def fresh_cache() -> dict[str, str]:
        return dict(env, COUNTERPOINT_ANALYSIS_CACHE=tempfile.mkdtemp(dir=work))

    def measure(name: str, label: str, command: list[str], busy: bool, cached: bool) -> Run:
        runs = []
        shared = fresh_cache()
        if cached:  # fill the cache once, then time the runs that read it
            run(command, shared)
        for _ in range(args.repeat):
            runs.append(run(command, shared if cached else fresh_cache(), busy))
        best = median_run(runs)
        result[name] = {"median": asdict(best), "walls": [round(r.wall, 2) for r in runs]}
        rows.append((name, label, best))
        print(f"  {name}: {best.wall:.2f} s wall (load {best.load:.1f})", file=sys.stderr)
        return best

    for size, paths, folder in (("3", three, work / "three"), ("10", ten, work / "ten")):
        story_words = words(paths)
        compare = [counterpoint, "compare", str(folder), "-f", "json", "-o", str(work / "out.json")]
        floor = [sys.executable, "-c", FLOOR, *map(str, paths)]
        tag = f"{size}-article story, {story_words} words"
        measure(f"floor_{size}", f"spaCy floor (load + parse), {tag}", floor, False, False)
        measure(f"cold_{size}", f"cold compare, {tag}", compare, False, False)
        measure(f"second_{size}", f"second compare (analyses cached), {tag}", compare, False, True)
        if not args.no_busy and size == "3":
            measure(f"floor_{size}_busy", "  spaCy floor, one core busy", floor, True, False)
            measure(f"cold_{size}_busy", "  cold compare, one core busy", compare, True, False)

    warm_code = (
        "import sys, time, json\n"
        "from counterpoint.desk import Desk\n"
        "desk = Desk(); desk.compare(sys.argv[1:])\n"
        "start = time.perf_counter(); desk.compare(sys.argv[1:])\n"
        "print(json.dumps(time.perf_counter() - start))\n"
    )
    for size, paths in (("3", three), ("10", ten)):
        out = subprocess.run(
            [sys.executable, "-c", warm_code, *map(str, paths)],
            env=fresh_cache(), capture_output=True, text=True, check=True,
        )  # fmt: skip
        seconds = float(out.stdout.strip().splitlines()[-1])
        result[f"warm_{size}"] = seconds
        rows.append((f"warm_{size}", f"warm compare (models loaded, cached), {size} articles",
                     Run(seconds, 0.0, 0.0, os.getloadavg()[0], 0)))  # fmt: skip

    if not args.no_ingest:
        (work / "pages").mkdir()
        page_paths = pages(args.pages, work / "pages")
        import trafilatura

        htmls = [p.read_text(encoding="utf-8", errors="replace") for p in page_paths]
        start = time.perf_counter()
        texts = [trafilatura.extract(html) or "" for html in htmls]
        anchor = len(htmls) / (time.perf_counter() - start)
        from counterpoint.models import spacy_english

        nlp = spacy_english()
        nlp("warm up.")
        start = time.perf_counter()
        for text in texts:
            nlp(text)
        parse_rate = len(texts) / (time.perf_counter() - start)
        result["trafilatura_articles_per_s"] = anchor
        result["spacy_parse_articles_per_s"] = parse_rate
        rows.append(("trafilatura", f"trafilatura.extract alone: {anchor:.1f} articles/s", None))
        rows.append(("spacy", f"spaCy parse alone (loaded): {parse_rate:.1f} articles/s", None))
        for workers in (1, 2):
            db = work / f"ingest{workers}.db"
            command = [counterpoint, "ingest", str(work / "pages"), "--db", str(db),
                       "--workers", str(workers)]  # fmt: skip
            ingest = run(command, fresh_cache())
            rate = len(page_paths) / ingest.wall
            result[f"ingest_{workers}"] = {"run": asdict(ingest), "articles_per_s": rate}
            label = f"ingest {len(page_paths)} pages, {workers} worker(s): {rate:.2f} articles/s"
            rows.append((f"ingest_{workers}", label, ingest))

    if not args.no_web:
        web = web_first_visit(counterpoint, work / "three", work, fresh_cache())
        result["web"] = web
        rows.append(("web_first", "web desk: first page of the 3-article story (fresh server)",
                     Run(web["first_page"], 0.0, 0.0, web["load"], 0)))  # fmt: skip
        rows.append(("web_report", "web desk: ... until its report shows",
                     Run(web["report"], 0.0, web["rss_mb"], web["load"], 0)))  # fmt: skip

    print(f"{'measure':62} {'wall s':>7} {'cpu s':>6} {'RSS MB':>7} {'load':>5}")
    for _name, text, measured in rows:
        if measured is None:
            print(text)
            continue
        cpu = f"{measured.cpu:6.1f}" if measured.cpu else "     -"
        rss = f"{measured.rss_mb:7.0f}" if measured.rss_mb else "      -"
        print(f"{text:62} {measured.wall:7.2f} {cpu} {rss} {measured.load:5.1f}")
    cold, spacy_floor = result["cold_3"], result["floor_3"]
    assert isinstance(cold, dict) and isinstance(spacy_floor, dict)
    ratio = cold["median"]["wall"] / spacy_floor["median"]["wall"]
    result.update(
        {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "python": platform.python_version(),
            },
            "story_3": args.story,
            "story_10": args.ecb,
            "words_3": words(three),
            "words_10": words(ten),
            "cold_over_floor_3": ratio,
            "repeat": args.repeat,
        }
    )
    if not args.no_busy:
        busy = result["cold_3_busy"]
        assert isinstance(busy, dict)
        result["busy_slowdown_3"] = busy["median"]["wall"] / cold["median"]["wall"]
    goals = goal_lines(result)
    result["goals"] = [
        {"goal": goal, "figure": figure, "target": target, "met": met}
        for goal, figure, target, met in goals
    ]
    print(f"\n{'goal':44} {'figure':>16}  {'target':32} verdict")
    for goal, figure, target, met in goals:
        print(f"{goal:44} {figure:>16}  {target:32} {_verdict(met)}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "speed.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
