"""docs/PERFORMANCE.md from the raw results, and a short table for the console."""
import statistics

from . import notes


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ms(seconds, digits=0):
    return "—" if seconds is None else f"{seconds * 1000:.{digits}f} ms"


def ratio(value, base):
    return "—" if value is None or not base else f"{value / base:.2f}×"


def mib(kib):
    return "—" if kib is None else f"{kib / 1024:.1f} MiB"


def targets(n):
    return f"{n} target" + ("" if int(n) == 1 else "s")


def verdict(ok):
    return "**pass**" if ok else "**MISSED**"


METHODS = [("ui", "gdesk front end: Enter → every outcome on screen"),
           ("cli", "`gdesk cancel --all --yes` (process start → exit)"),
           ("seq", "curl one by one (new connection each)"),
           ("par", "curl in parallel (`xargs -P N`)")]


def matrix_medians(matrix):
    """{targets: {method: median seconds}}."""
    return {int(t): {m: med([r["seconds"] for r in rows[m]]) for m in rows} for t, rows in matrix.items()}


def failures(matrix):
    bad = []
    for t, rows in matrix.items():
        for m, runs in rows.items():
            for r in runs:
                if r.get("ok") != int(t):
                    bad.append(f"{m} at {t} targets: {r.get('ok')} of {t} ok ({(r.get('error') or r.get('summary') or '')[:200]})")
    return bad


def latency_table(matrix):
    medians = matrix_medians(matrix)
    counts = sorted(medians)
    base = medians.get(1, {})
    lines = ["| targets | " + " | ".join(f"{label} | ×" for _, label in METHODS) + " |",
             "|---:|" + "---:|---:|" * len(METHODS)]
    for t in counts:
        cells = []
        for m, _ in METHODS:
            cells += [ms(medians[t][m]), ratio(medians[t][m], base.get(m))]
        lines.append(f"| {t} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def connection_table(matrix, tls=False):
    counts = sorted(int(t) for t in matrix)
    if tls:
        head = ("| targets | front end: opened by warm-up (nginx) | front end: accepted by nginx during the panic "
                "| front end: accepted by the exchange (from nginx) during the panic "
                "| `cancel --all`: accepted by nginx | curl one by one: by nginx | curl `xargs -P`: by nginx |")
    else:
        head = ("| targets | front end: opened by warm-up (start-up) | front end: accepted during the panic "
                "| `cancel --all`: accepted | curl one by one: accepted | curl `xargs -P`: accepted |")
    lines = [head, "|---:|---:|---:|---:|---:|---:|" + ("---:|" if tls else "")]
    for t in counts:
        rows = matrix[t] if t in matrix else matrix[str(t)]
        def values(method, key):
            v = sorted(set(r.get(key) for r in rows[method] if r.get(key) is not None))
            return "—" if not v else (str(v[0]) if len(v) == 1 else f"{v[0]}–{v[-1]}")
        if tls:
            cells = [values("ui", "nginx_warm"), values("ui", "nginx_new"), values("ui", "new_connections"), values("cli", "nginx_new"),
                     values("seq", "nginx_new"), values("par", "nginx_new")]
        else:
            cells = [values("ui", "warm_connections"), values("ui", "new_connections"), values("cli", "connections"),
                     values("seq", "connections"), values("par", "connections")]
        lines.append(f"| {t} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def ui_new_connections(matrix, key):
    return max((r.get(key) or 0) for rows in matrix.values() for r in rows["ui"] if r.get(key) is not None)


def smaps_table(startup, history=None, rows=14):
    """Resident memory by mapping (from /proc/PID/smaps at the two peaks), the largest first; the rest summed."""
    names = sorted(startup, key=lambda n: -max(startup[n]["rss"], (history or {}).get(n, {}).get("rss", 0)))
    def cell(table, name):
        entry = (table or {}).get(name)
        if not entry:
            return "—"
        return f"{entry['rss'] / 1024:.1f}" + (f" ({entry['anon'] / 1024:.1f} anon)" if entry["anon"] >= 52 and name[:1] != "[" else "")
    out = ["Resident memory by mapping, MiB (`/proc/PID/smaps` at the start-up and history peaks; a file's anonymous part "
           "is its relocated or written data):", "", "| mapping | start-up | history |", "|---|---:|---:|"]
    for name in names[:rows]:
        out.append(f"| {name} | {cell(startup, name)} | {cell(history, name)} |")
    rest = names[rows:]
    if rest:
        total = lambda table: sum((table or {}).get(n, {}).get("rss", 0) for n in rest) / 1024
        out.append(f"| {len(rest)} other mappings | {total(startup):.1f} | {total(history):.1f} |")
    sums = lambda table: sum(e["rss"] for e in (table or {}).values()) / 1024
    out.append(f"| **all** | **{sums(startup):.1f}** | **{sums(history):.1f}** |")
    return "\n".join(out) + "\n"


def summary_rows(res):
    rows = []
    for label, part in (("plain HTTP/1.1", "plain"), ("TLS + HTTP/2 (nginx)", "tls")):
        if part not in res:
            continue
        medians = matrix_medians(res[part])
        if 50 in medians and 1 in medians:
            for m, name in (("ui", "front end"), ("cli", "`cancel --all`")):
                r = medians[50][m] / medians[1][m] if medians[50][m] and medians[1][m] else None
                rows.append((f"1. Panic, 50 targets ≤ 1.3× one request — {name}, {label}",
                             f"{ms(medians[50][m])} vs {ms(medians[1][m])}: {r:.2f}×" if r else "—",
                             verdict(r is not None and r <= 1.3)))
    for part, key, label in (("plain", "new_connections", "plain HTTP/1.1"),
                             ("tls", "nginx_new", "TLS + HTTP/2, counted at nginx")):
        if part not in res:
            continue
        new = {t: max(r[key] for r in runs["ui"] if r.get(key) is not None) for t, runs in res[part].items()}
        rows.append((f"2. New connections during a panic after start-up: 0 — {label}",
                     ", ".join(f"{targets(t)}: {n}" for t, n in sorted(new.items(), key=lambda x: int(x[0]))),
                     verdict(max(new.values()) == 0)))
    s = res.get("startup")
    if s:
        start = med(s["startup"])
        rows.append(("3. Start-up to first full frame, 200 targets, 10⁶ rows ≤ 100 ms", ms(start), verdict(start <= 0.1)))
        if "history_first_page" in s:
            steps = s["history_steps"] or [s["history_first_page"]]
            worst = max([s["history_first_page"]] + steps)
            rows.append(("4. History: first page of one target ≤ 20 ms", ms(s["history_first_page"], 1),
                         verdict(s["history_first_page"] <= 0.02)))
            rows.append((f"4. History: scrolling to the end ({s['history_rows']} rows, {len(steps)} pages) ≤ 20 ms a step",
                         f"median {ms(med(steps), 1)}, slowest {ms(max(steps), 1)}, all {ms(s['history_to_end'])}",
                         verdict(worst <= 0.02)))
        peak = max(v for v in [med(s["startup_hwm"]), s.get("history_hwm")] if v is not None)
        rows.append(("5. Peak RSS, start-up and history ≤ 30 MB",
                     f"start-up {mib(med(s['startup_hwm']))}, history {mib(s.get('history_hwm'))}",
                     verdict(peak * 1024 <= 30_000_000)))
        if "move_bytes" in s:
            rows.append(("6. Bytes to the terminal for one cursor move ≤ 120 B", f"{s['move_bytes']:.0f} B",
                         verdict(s["move_bytes"] <= 120)))
            rows.append(("6. Bytes to the terminal for one row update ≤ 120 B", f"{s['row_update_bytes']} B",
                         verdict(s["row_update_bytes"] is not None and s["row_update_bytes"] <= 120)))
        if "idle_cpu_ms" in s:
            rows.append((f"6. CPU time over {s['idle_seconds']:.0f} s idle ≈ 0",
                         f"{s['idle_cpu_ms']:.2f} ms ({s['idle_switches']} context switches)",
                         verdict(s["idle_cpu_ms"] <= 10 and s["idle_cpu_ticks_ms"] <= 10)))
    return rows


def render(res):
    m = res["machine"]
    a = res["args"]
    out = []
    w = out.append
    w("# Performance\n")
    w("The benchmarks of issue 4, measured against the simulated exchange on loopback. Generated by `scripts/bench` "
      "(which builds the release binaries with `scripts/release` and runs `Benchmarks/harness/run.py`); do not edit by hand — change the harness "
      "or `Benchmarks/harness/gdesk_bench/notes.py` and re-run.\n")
    w(f"- **Run**: {res['started']} → {res['finished']}, `{a['command']}`: {a['runs']} runs of each figure, medians; "
      f"exchange latency {a['latency']} ms; terminal {120}×{40}, `TERM=xterm-256color`, UTF-8.")
    w(f"- **Machine**: {m['cpus']} CPUs ({m['cpu']}), {m['memory_gib']} GiB, {m['os']}, Linux {m['kernel']}; "
      f"{m['swift']}; {m.get('build', 'release')} build.")
    w(f"- **Tools**: {m['curl']}; {m['nginx']}; SQLite CLI {m['sqlite']}; Python {m.get('python', '3')} with {m['python_pyte']} "
      "as the terminal emulator.")
    w(f"- **Load**: load average {' '.join(res['load_before'])} before, {' '.join(res['load_after'])} after "
      "(1, 5, 15 min); at the start of each part: "
      + "; ".join(f"{name.split(' (')[0]} {l[0]}" for name, l in res.get("phase_load", {}).items()) + ". "
      + notes.LOAD + "\n")

    w("## Summary\n")
    w("| target | measured | |")
    w("|---|---|---|")
    for name, value, ok in summary_rows(res):
        w(f"| {name} | {value} | {ok} |")
    w("")
    w(notes.SUMMARY + "\n")
    w(notes.FIXES + "\n")

    for part, title in (("plain", "plain HTTP/1.1 to the simulated exchange"),
                        ("tls", f"TLS 1.3 and HTTP/2 through nginx ({res.get('nginx', 'nginx')})")):
        if part not in res:
            continue
        matrix = {int(k): v for k, v in res[part].items()}
        w(f"## 1–2. Panic latency and connections: {title}\n")
        w(latency_table(matrix) + "\n")
        w("× is the ratio to the same method's time for one target (one request). "
          + (notes.PLAIN_METHOD if part == "plain" else notes.TLS_METHOD) + "\n")
        seq1 = med([r["signing"] for r in matrix.get(1, {}).get("seq", [])])
        if seq1:
            sign50 = med([r["signing"] for r in matrix.get(50, {}).get("seq", [])])
            w(f"Signing is not in the curl figures: the script signs every request first (openssl + base64, "
              f"{ms(seq1)} for one, {ms(sign50)} for 50), then the timed part sends them.\n")
        cpu = {t: med([r.get("cpu") for r in matrix[t]["ui"]]) for t in sorted(matrix)}
        if any(v is not None for v in cpu.values()):
            w("CPU time the front end used from Enter to the summary (all its threads, median): "
              + ", ".join(f"{targets(t)} {ms(v)}" for t, v in cpu.items()) + ". " + notes.CPU + "\n")
        w("Connections (counted where they were accepted; ranges over the runs):\n")
        w(connection_table(matrix, tls=part == "tls") + "\n")
        w(notes.PLAIN_CONNECTIONS if part == "plain" else notes.TLS_CONNECTIONS)
        w("")
        cli200 = med([r.get("maxrss_kib") for r in matrix.get(max(matrix), {}).get("cli", [])])
        if cli200:
            w(f"Peak RSS of `gdesk cancel --all` at {max(matrix)} targets: {mib(cli200)}.\n")
        bad = failures(matrix)
        if bad:
            w("Runs where not every target ended ok:\n")
            for b in bad[:20]:
                w(f"- {b}")
            w("")

    if "inproc" in res:
        w("## The panic path in one process\n")
        w("`gdesk-bench panic` (no terminal, no process start; 50 account keys and a master key with 20 subaccounts, "
          "history synced to disk):\n")
        w("```\n" + res["inproc"] + "\n```\n")

    s = res.get("startup")
    if s:
        w(f"## 3. Start-up: 200 targets, {res['history_rows']:,} history rows\n")
        w(f"The history: {res['history_rows']:,} rows with the product's schema ({res['history_bytes'] / 1e6:.0f} MB), "
          f"rows spread round-robin over the 200 targets, 30 s apart; seeded in {res['seed_seconds']:.1f} s.\n")
        w(f"- Process start to first full frame (fork → the footer of the target list on screen): median "
          f"**{ms(med(s['startup']), 1)}** (runs: {', '.join(ms(x) for x in s['startup'])}).")
        if s.get("startup_empty"):
            w(f"- The same with an empty history: median {ms(med(s['startup_empty']), 1)} "
              f"(runs: {', '.join(ms(x) for x in s['startup_empty'])}).")
        w("")
        w(notes.STARTUP + "\n")
    if s and "history_first_page" in s:
        hi = res.get("history_inproc", {})
        w("## 4. History\n")
        w(f"In the front end, target `t000` ({s['history_rows']:,} rows of its own among {res['history_rows']:,}):\n")
        w(f"- `h` → first page (200 rows) on screen: **{ms(s['history_first_page'], 1)}**")
        steps = s["history_steps"] or [0.0]
        w(f"- `G` pressed until the end of the history, {len(steps)} pages: each `G` → next page on screen median "
          f"**{ms(med(steps), 1)}**, slowest {ms(max(steps), 1)}; all of it {ms(s['history_to_end'])}")
        if hi:
            w(f"- In one process (`gdesk-bench history`, {hi['runs']} runs): open {hi['open_ms']:.1f} ms; first page of "
              f"one target {hi['first_page_ms']:.2f} ms; every page to the end ({hi['pages']} pages, {hi['rows']} rows) "
              f"{hi['to_end_ms']:.1f} ms, slowest page {hi['slowest_page_ms']:.2f} ms; first page of all targets "
              f"{hi['all_targets_first_page_ms']:.2f} ms; newest row of each of {hi['targets']} targets (read at start-up) "
              f"{hi['last_results_ms']:.2f} ms")
        w("\n" + notes.HISTORY + "\n")
    if s:
        w("## 5. Memory\n")
        w(f"- Start-up case (VmHWM 1 s after the first frame): median **{mib(med(s['startup_hwm']))}**, of which "
          f"{mib(med(s['startup_file']))} are pages of the executable and shared libraries (RssFile) and "
          f"{mib(med(s['startup_anon']))} the process's own memory (RssAnon)")
        if s.get("history_hwm"):
            w(f"- History case (VmHWM after scrolling to the end of {s['history_rows']:,} rows): **{mib(s['history_hwm'])}**"
              f" (RssAnon {mib(s.get('history_anon'))})")
        if s.get("help_maxrss"):
            w(f"- `gdesk --help` (loads the executable and its libraries, opens nothing): {mib(s['help_maxrss'])}")
        if s.get("exit_maxrss"):
            w(f"- Peak at exit (ru_maxrss): median {mib(med(s['exit_maxrss']))}")
        if s.get("startup_smaps"):
            w("\n" + smaps_table(s["startup_smaps"], s.get("history_smaps")))
        w("\n" + notes.MEMORY + "\n")
    if s and "move_bytes" in s:
        w("## 6. Terminal traffic and idle CPU\n")
        w(f"- One cursor move (`j`/`k`, 20 presses): median **{s['move_bytes']:.0f} B** ({s['move_bytes_min']}–"
          f"{s['move_bytes_max']} B)")
        frames = ", ".join(f"{b} B at {t:.0f} ms" for t, b in s["update_frames"])
        merged = f", then {s.get('summary_bytes')} B for the summary on the status line, in the same write"
        w(f"- One row update (the outcome of a one-target cancel arriving, {res['args']['latency']} ms after `y`: the "
          f"header's progress mark and the row's cells): **{s['row_update_bytes']} B**{merged}. Every read of the "
          f"terminal after `y`: {frames}")
        w(f"- Idle for {s['idle_seconds']:.0f} s after start-up: **{s['idle_cpu_ms']:.2f} ms** of CPU "
          f"(/proc/PID/stat: {s['idle_cpu_ticks_ms']:.0f} ms, in 10 ms steps), {s['idle_switches']} context switches "
          f"over {s['idle_threads']} threads, {s['idle_bytes']} B written to the terminal")
        w("\n" + notes.TRAFFIC + "\n")

    w("## How it is measured\n")
    w(notes.METHOD)
    w("\n## Re-running\n")
    w(notes.RERUN)
    return "\n".join(out) + "\n"


def console(res):
    lines = ["", "target | measured | result"]
    for name, value, ok in summary_rows(res):
        lines.append(f"{name} | {value} | {ok.strip('*')}")
    for part in ("plain", "tls"):
        if part in res:
            lines += ["", part, latency_table({int(k): v for k, v in res[part].items()})]
    return "\n".join(lines)
