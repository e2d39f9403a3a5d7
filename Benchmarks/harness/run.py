#!/usr/bin/python3
"""Runs the benchmarks of docs/PERFORMANCE.md and rewrites it. Called by scripts/bench (which builds first)."""
import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.setswitchinterval(0.0002)  # the output reader thread stamps chunks promptly while the main thread parses

from gdesk_bench.procs import Exchange, Nginx  # noqa: E402
from gdesk_bench.scenarios import Bench  # noqa: E402
from gdesk_bench import report  # noqa: E402


PHASE_LOAD = {}


def log(text):
    print(text, flush=True)


def phase(name):
    PHASE_LOAD[name] = loadavg()
    log(f"{name} (load {' '.join(PHASE_LOAD[name])})")


def machine(bin_dir):
    def read(path):
        try:
            return open(path).read()
        except OSError:
            return ""
    cpu = next((l.split(":", 1)[1].strip() for l in read("/proc/cpuinfo").splitlines() if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) for l in read("/proc/meminfo").splitlines() if l.startswith("MemTotal")), 0)
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    os_name = next((l.split("=", 1)[1].strip('"') for l in read("/etc/os-release").splitlines()
                    if l.startswith("PRETTY_NAME=")), platform.system())
    tool = lambda *a: subprocess.run(list(a), capture_output=True, text=True)
    return {
        "cpus": os.cpu_count(), "cpu": cpu, "memory_gib": round(mem / 1024 / 1024, 1), "kernel": platform.release(),
        "os": os_name, "swift": swift[0] if swift else "?",
        "curl": " ".join(w for i, w in enumerate(tool("curl", "--version").stdout.split()[:14])
                         if i < 2 or w.startswith(("libcurl/", "OpenSSL/", "nghttp2/"))),
        "nginx": tool("nginx", "-v").stderr.strip(), "sqlite": tool("sqlite3", "--version").stdout.split()[0],
        "python": platform.python_version(),
        "python_pyte": "pyte " + importlib.metadata.version("pyte"),
        # scripts/release links the Swift runtime and Foundation in; a plain `swift build` uses Swift's shared libraries.
        "build": ("release, Swift runtime and Foundation linked in (`scripts/release`)"
                  if "libswiftCore" not in tool("ldd", os.path.join(bin_dir, "gdesk")).stdout
                  else "release, against Swift's shared libraries"),
    }


def loadavg():
    return open("/proc/loadavg").read().split()[:3]


def main():
    root_dir = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--runs", type=int, default=5, help="runs per figure; medians are reported (default 5)")
    p.add_argument("--targets", default="1,10,50,200", help="target counts of the panic benchmark")
    p.add_argument("--latency", type=int, default=50, help="the simulated exchange's latency, ms")
    p.add_argument("--history-rows", type=int, default=1_000_000)
    p.add_argument("--h2-streams", type=int, default=0,
                   help="nginx's http2_max_concurrent_streams (default: nginx's own, 128)")
    p.add_argument("--idle", type=float, default=10.0, help="seconds of the idle CPU measurement")
    p.add_argument("--only", default="inproc,plain,tls,startup,history",
                   help="comma-separated parts: inproc, plain, tls, startup, history")
    p.add_argument("--bin", default=os.path.join(root_dir, ".build", "release"))
    p.add_argument("--out", default=os.path.join(root_dir, "docs", "PERFORMANCE.md"),
                   help="the report to write; '-' for none")
    p.add_argument("--json", default=os.path.join(root_dir, ".build", "bench", "results.json"))
    p.add_argument("--command", default="scripts/bench", help="how this run was started, for the report")
    p.add_argument("--render", metavar="JSON", help="only write the report from the raw results of an earlier run")
    p.add_argument("--splice-memory", action="store_true",
                   help="with --only startup: replace only section 5 (memory) and its summary row in the existing "
                        "report, and say so in its header; the other figures stay those of the last full run")
    args = p.parse_args()
    if args.render:
        with open(args.render) as f:
            results = json.load(f)
        if args.splice_memory:
            splice_memory(results, args.out)
        else:
            write_report(results, args.out)
        return
    parts = set(args.only.split(","))
    counts = [int(x) for x in args.targets.split(",")]

    work = tempfile.mkdtemp(prefix="gdesk-bench-")
    results = {"args": vars(args), "machine": machine(args.bin), "started": datetime.datetime.now().astimezone().isoformat(
        timespec="seconds"), "load_before": loadavg()}
    log(f"gdesk benchmarks: {args.runs} runs, latency {args.latency} ms, work dir {work}")
    log(f"machine: {results['machine']['cpus']} CPUs, {results['machine']['cpu']}, load {' '.join(loadavg())}")
    exchange = nginx = None
    try:
        exchange = Exchange(os.path.join(args.bin, "gdesk-bench"), os.path.join(work, "exchange"),
                            max(counts + [200]), args.latency)
        bench = Bench(work, args.bin, exchange, args.runs, log)
        if "inproc" in parts:
            phase("in-process panic (gdesk-bench panic)")
            out = subprocess.run([os.path.join(args.bin, "gdesk-bench"), "panic", "--runs", str(args.runs),
                                  "--latency", str(args.latency)], capture_output=True, text=True, timeout=900)
            results["inproc"] = out.stdout.strip()
            log(results["inproc"])
        if "plain" in parts:
            phase("panic over plain HTTP/1.1 on loopback")
            results["plain"] = bench.panic_matrix("plain", exchange.url, counts)
        if "tls" in parts:
            phase("panic over TLS and HTTP/2 through nginx")
            nginx = Nginx(os.path.join(work, "nginx"), exchange.port, args.h2_streams or None)
            results["nginx"] = nginx.version
            results["tls"] = bench.panic_matrix("tls", nginx.url, counts, nginx.ca_file, nginx)
            nginx.close()
            nginx = None
        if "startup" in parts or "history" in parts:
            history = os.path.join(work, "seeded-history.sqlite3")
            phase(f"seeding a history of {args.history_rows} rows")
            started = time.monotonic()
            bench.seed_history(history, args.history_rows)
            results["seed_seconds"] = time.monotonic() - started
            results["history_rows"] = args.history_rows
            results["history_bytes"] = os.path.getsize(history)
            if "history" in parts:
                phase("history reads in one process (gdesk-bench history)")
                out = subprocess.run([os.path.join(args.bin, "gdesk-bench"), "history", history, "--session", "t000",
                                      "--runs", str(args.runs)], capture_output=True, text=True, timeout=900)
                results["history_inproc"] = json.loads(out.stdout)
                log(f"  {results['history_inproc']}")
            if "startup" in parts:
                phase("start-up, memory, terminal traffic, idle CPU, history in the front end")
                config = bench.config("startup-200", 200, exchange.url)
                results["startup"] = bench.startup_and_screen(config, history, idle_seconds=args.idle)
    finally:
        if nginx:
            nginx.close()
        if exchange:
            exchange.close()
        # Keys, secrets, the CA and the histories go with the run, whatever happened.
        shutil.rmtree(work, ignore_errors=True)
    results["load_after"] = loadavg()
    results["phase_load"] = PHASE_LOAD
    results["finished"] = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump(results, f, indent=1, default=str)
    log(f"raw results: {args.json}")
    if args.splice_memory:
        splice_memory(results, args.out)
    else:
        write_report(results, args.out)


def splice_memory(results, out):
    """Puts this run's memory section and summary row into the report at `out`, in place of the earlier ones."""
    fresh = report.render(results)
    print(report.console(results))
    with open(out) as f:
        text = f.read()

    def section(doc):
        start = doc.index("## 5. Memory\n")
        return start, doc.index("\n## ", start + 1) + 1

    def summary_row(doc):
        start = doc.index("| 5. Peak RSS")
        return start, doc.index("\n", start) + 1

    def bullet(doc):
        start = doc.index("- **Peak RSS**")
        return start, doc.index("\n- **", start + 1) + 1

    for locate in (section, summary_row, bullet):
        a, b = locate(fresh)
        c, d = locate(text)
        text = text[:c] + fresh[a:b] + text[d:]
    note = (f"- **Memory** (section 5 and its summary row only): re-measured {results['started']} → "
            f"{results['finished']} by `{results['args']['command']}`, {results['args']['runs']} runs, with the "
            f"binaries of that time; the other figures are from the run above.\n")
    lines = text.split("\n")
    lines = [l for l in lines if not l.startswith("- **Memory** (section 5")]
    at = next(i for i, l in enumerate(lines) if l.startswith("- **Run**")) + 1
    lines.insert(at, note.rstrip("\n"))
    with open(out, "w") as f:
        f.write("\n".join(lines))
    log(f"spliced the memory section into {out}")


def write_report(results, out):
    """Prints the summary and writes the report to `out` ('-': console only)."""
    text = report.render(results)
    print(report.console(results))
    if out != "-":
        os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
        with open(out, "w") as f:
            f.write(text)
        log(f"wrote {out}")


if __name__ == "__main__":
    main()
