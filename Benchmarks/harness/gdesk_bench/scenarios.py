"""The benchmarks of issue 4, each returning plain numbers (seconds, bytes, KiB) for the report."""
import json
import os
import re
import statistics
import subprocess
import time

from .procs import PtyApp, Timeout, run_rusage

COLS, ROWS = 120, 40


def smaps_breakdown(pid):
    """Resident KiB of each mapping of `pid` (/proc/PID/smaps), by file (its base name) or kind of anonymous memory
    ([heap], [stack], [anon]); each file also split into what it has resident in anonymous pages (relocated data,
    copy-on-write) and in its own pages. Rss now, not the peak: it is taken at the peak's moment."""
    out = {}
    name = None
    with open(f"/proc/{pid}/smaps") as f:
        for row in f:
            fields = row.split()
            if not fields:
                continue
            if not fields[0].endswith(":"):
                path = fields[5] if len(fields) > 5 else ""
                name = os.path.basename(path) if path.startswith("/") else (path or "[anon]")
                if name.startswith("[stack"):
                    name = "[stack]"
                out.setdefault(name, {"rss": 0, "anon": 0})
            elif fields[0] == "Rss:":
                out[name]["rss"] += int(fields[1])
            elif fields[0] == "Anonymous:":
                out[name]["anon"] += int(fields[1])
    return out


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


class Bench:
    def __init__(self, root, bin_dir, exchange, runs, log):
        self.root = root
        self.gdesk = os.path.join(bin_dir, "gdesk")
        self.bench_bin = os.path.join(bin_dir, "gdesk-bench")
        self.curl_script = os.path.join(os.path.dirname(__file__), "..", "..", "curl", "cancel-session.sh")
        self.curl_script = os.path.abspath(self.curl_script)
        self.exchange = exchange
        self.runs = runs
        self.log = log
        home = os.path.join(root, "home")
        os.makedirs(home, exist_ok=True)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home,
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_STATE_HOME": os.path.join(home, "state"),
            "XDG_DATA_HOME": os.path.join(home, "data"),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        }
        self.secrets = os.path.join(root, "secrets")
        os.makedirs(self.secrets, mode=0o700, exist_ok=True)
        for index, (key, secret) in enumerate(exchange.keys["gdesk"]):
            path = os.path.join(self.secrets, f"t{index:03d}.secret")
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.write(fd, secret.encode())
            os.close(fd)

    # Config and history

    def config(self, name, targets, url, ca_file=None):
        path = os.path.join(self.root, f"{name}.toml")
        with open(path, "w") as f:
            f.write(f"# gdesk benchmark: {targets} targets at {url}\n")
            for index in range(targets):
                key, _ = self.exchange.keys["gdesk"][index]
                f.write(f'\n[[session]]\nname = "t{index:03d}"\napi_key = "{key}"\n'
                        f'secret_file = "{self.secrets}/t{index:03d}.secret"\nenvironment = "sandbox"\nurl = "{url}"\n')
                if ca_file:
                    f.write(f'ca_file = "{ca_file}"\n')
        return path

    def seed_history(self, path, rows, targets=200):
        """A history of `rows` rows with the product's schema (HistoryStore makes it), filled by one SQL statement."""
        subprocess.run([self.bench_bin, "init-history", path], check=True, env=self.env)
        t0 = int(time.time() * 1000) - rows * 30_000
        sql = f"""
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {rows - 1})
INSERT INTO cancel (time_ms, operator_user, operator_host, operator_ssh, session, account, scope, environment,
                    outcome, reason, message, cancelled_ids, rejected_ids, attempts, latency_ms, finished_ms)
SELECT {t0} + i * 30000, 'ops' || (i % 3), 'desk-host', NULL, printf('t%03d', i % {targets}), '', '/v1/order/cancel/session', 'sandbox',
       CASE WHEN i % 53 = 0 THEN 'error' WHEN i % 101 = 0 THEN 'unknown' ELSE 'ok' END,
       CASE WHEN i % 53 = 0 THEN 'RateLimit' WHEN i % 101 = 0 THEN 'Timeout' END,
       CASE WHEN i % 53 = 0 THEN 'Requests were made too frequently' WHEN i % 101 = 0 THEN 'no answer in 3000 ms' END,
       CASE WHEN i % 53 = 0 OR i % 101 = 0 THEN '[]'
            ELSE '["' || (73340000000 + i * 7) || '","' || (73340000001 + i * 7) || '"]' END,
       CASE WHEN i % 4 = 0 THEN '["' || (73340000002 + i * 7) || '"]' ELSE '[]' END,
       1, 45 + i % 30, {t0} + i * 30000 + 45 + i % 30
FROM n;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SELECT COUNT(*) FROM cancel;
"""
        out = subprocess.run(["sqlite3", path], input=sql, check=True, capture_output=True, text=True).stdout
        count = int(out.split()[-1])
        assert count == rows, out
        return count

    # The front end

    def start_ui(self, config, history, cols=COLS, rows=ROWS):
        app = PtyApp([self.gdesk, "--config", config, "--history", history], self.env, cols, rows)
        first = app.wait_for(first_frame, timeout=30, what="the first full frame", hint=b"quit") - app.started
        return app, first

    def ui_panic(self, config, history, targets, nginx=None, settle=1.0):
        """Start-up, a pause, then `!`, `yes`, Enter: seconds from Enter to the PANIC summary on screen."""
        self.exchange.orders()
        self.exchange.reset()
        start = nginx.accepts() if nginx else None
        app, _ = self.start_ui(config, history)
        try:
            app.collect(quiet=settle, limit=settle + 2)
            warm = self.exchange.stats()["connections"]
            nginx_warm = (nginx.accepts() - start - 1) if nginx else None
            app.send(b"!")
            app.wait_for(lambda a: "Type yes and press Enter" in a.text(), what="the panic dialog")
            app.send(b"yes")
            app.wait_for(lambda a: "> yes" in a.text(), what="yes typed")
            app.collect(quiet=0.05, limit=0.5)
            self.exchange.reset()
            before = nginx.accepts() if nginx else None
            cpu_before = app.threads()
            sent = app.send(b"\r")
            done = app.wait_for(lambda a: "PANIC done" in a.line(-2), timeout=30, what="PANIC done", hint=b"done")
            cpu_after = app.threads()
            cpu = sum(c - cpu_before.get(t, (0, 0))[0] for t, (c, _) in cpu_after.items()) / 1e9
            elapsed = done - sent
            summary = app.line(-2).strip()
            app.collect(quiet=0.1, limit=1)
            stats = self.exchange.stats()
            after = nginx.accepts() if nginx else None
            ok = int(re.search(r"PANIC done: (\d+) ok", summary).group(1))
            return {
                "seconds": elapsed, "cpu": cpu, "ok": ok, "summary": summary, "warm_connections": warm,
                "new_connections": stats["connections"], "cancels_ok": stats["cancels_ok"],
                "nginx_new": (after - before - 1) if nginx else None, "nginx_warm": nginx_warm,
                "reasons": stats["reasons"],
            }
        finally:
            app.finish()

    # The command line

    def cli_cancel_all(self, config, history, nginx=None):
        self.exchange.orders()
        self.exchange.reset()
        before = nginx.accepts() if nginx else None
        elapsed, status, out, err, maxrss = run_rusage(
            [self.gdesk, "--config", config, "--history", history, "cancel", "--all", "--yes", "--json"], self.env)
        stats = self.exchange.stats()
        after = nginx.accepts() if nginx else None
        rows = json.loads(out) if out.strip().startswith("[") else []
        ok = sum(1 for r in rows if r["outcome"] == "ok")
        return {"seconds": elapsed, "status": status, "ok": ok, "connections": stats["connections"],
                "nginx_new": (after - before - 1) if nginx else None, "maxrss_kib": maxrss,
                "error": err.strip()[-300:] if status else ""}

    # curl

    def curl(self, mode, targets, url, ca_file=None, nginx=None):
        """The same signed requests, signed first (timed apart), then sent by curl: one by one, or with xargs -P."""
        self.exchange.orders()
        env = dict(self.env)
        if ca_file:
            env["CA_FILE"] = ca_file
        signed = os.path.join(self.root, f"signed-{targets}.tsv")
        keys = os.path.join(self.exchange.directory, "keys.tsv")
        started = time.monotonic()
        with open(signed, "w") as f:
            subprocess.run([self.curl_script, "sign", keys, str(targets)], stdout=f, check=True, env=env)
        signing = time.monotonic() - started
        self.exchange.reset()
        before = nginx.accepts() if nginx else None
        elapsed, status, out, err, _ = run_rusage([self.curl_script, mode, url, signed], env, timeout=300)
        stats = self.exchange.stats()
        after = nginx.accepts() if nginx else None
        codes = out.split()
        return {"seconds": elapsed, "signing": signing, "ok": codes.count("200"), "status": status,
                "connections": stats["connections"], "nginx_new": (after - before - 1) if nginx else None,
                "error": err.strip()[-300:]}

    # Everything of item 1 and 2 for one way of reaching the exchange

    def panic_matrix(self, label, url, target_counts, ca_file=None, nginx=None):
        results = {}
        for targets in target_counts:
            config = self.config(f"{label}-{targets}", targets, url, ca_file)
            history = os.path.join(self.root, f"history-{label}-{targets}.sqlite3")
            rows = {"ui": [], "cli": [], "seq": [], "par": []}
            for run in range(self.runs):
                for method in rows:
                    try:
                        if method == "ui":
                            r = self.ui_panic(config, history, targets, nginx)
                        elif method == "cli":
                            r = self.cli_cancel_all(config, history, nginx)
                        else:
                            r = self.curl(method, targets, url, ca_file, nginx)
                    except Timeout as error:
                        r = {"seconds": None, "ok": 0, "error": str(error)[:2000]}
                    r["targets"] = targets
                    rows[method].append(r)
                    if r.get("ok") != targets:
                        self.log(f"  ! {label} {method} {targets} targets run {run}: {r.get('ok')} ok: "
                                 f"{r.get('error') or r.get('summary') or r}")
                self.log(f"  {label} {targets:>3} targets run {run + 1}/{self.runs}: "
                         + "  ".join(f"{m} {fmt_ms(rows[m][-1]['seconds'])}" for m in rows))
            results[targets] = rows
        return results

    # Items 3 to 6

    def startup_and_screen(self, config, history, idle_seconds=10.0, history_session="t000"):
        out = {"startup": [], "startup_hwm": [], "startup_anon": [], "startup_file": [], "exit_maxrss": []}
        for run in range(self.runs):
            app, first = self.start_ui(config, history)
            try:
                out["startup"].append(first)
                app.collect(quiet=1.0, limit=3)
                out["startup_hwm"].append(app.proc_status("VmHWM"))
                out["startup_anon"].append(app.proc_status("RssAnon"))
                out["startup_file"].append(app.proc_status("RssFile"))
                if run == 0:
                    out["startup_smaps"] = smaps_breakdown(app.pid)
                    self.log(f"  start-up run 1: first full frame {fmt_ms(first)}; idle for {idle_seconds:.0f} s")
                    out.update(self.idle(app, idle_seconds))
                    out.update(self.moves(app))
                    out.update(self.history_ui(app, history_session))
                    out.update(self.row_update(app))
                else:
                    self.log(f"  start-up run {run + 1}: first full frame {fmt_ms(first)}")
            finally:
                app.finish()
            if app.rusage:
                out["exit_maxrss"].append(app.rusage.ru_maxrss)
        # A process that opens nothing: the floor of peak RSS for this executable.
        out["help_maxrss"] = run_rusage([self.gdesk, "--help"], self.env)[4]
        # The same without history, to tell the history's share of start-up.
        empty = os.path.join(self.root, "empty-history.sqlite3")
        out["startup_empty"] = []
        for run in range(self.runs):
            app, first = self.start_ui(config, empty)
            out["startup_empty"].append(first)
            app.collect(quiet=0.3, limit=2)
            app.finish()
        self.log(f"  start-up without history: {', '.join(fmt_ms(x) for x in out['startup_empty'])}")
        return out

    def idle(self, app, seconds):
        """CPU time of the front end over `seconds` with nothing happening (after start-up has settled)."""
        app.collect(quiet=2.0, limit=5)
        before, ticks0, bytes0 = app.threads(), app.cpu_ticks(), app.bytes
        time.sleep(seconds)
        after, ticks1 = app.threads(), app.cpu_ticks()
        app.collect(quiet=0.05, limit=0.2)
        # Threads that ended meanwhile are not counted by schedstat; the tick count (10 ms steps) includes them.
        cpu = sum(c - before.get(t, (0, 0))[0] for t, (c, _) in after.items())
        switches = sum(w - before.get(t, (0, 0))[1] for t, (_, w) in after.items())
        tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
        return {"idle_seconds": seconds, "idle_cpu_ms": cpu / 1e6, "idle_cpu_ticks_ms": (ticks1 - ticks0) * tick_ms,
                "idle_switches": switches, "idle_bytes": app.bytes - bytes0, "idle_threads": len(after)}

    def moves(self, app):
        """Bytes written for one selection move (`j`, then `k`, 10 each)."""
        moves = []
        for key in [b"j"] * 10 + [b"k"] * 10:
            app.send(key)
            moves.append(sum(len(d) for _, d in app.collect(quiet=0.15, limit=2)))
        return {"move_bytes": median(moves), "move_bytes_max": max(moves), "move_bytes_min": min(moves)}

    def row_update(self, app):
        """A one-target cancel of the selected row: bytes of each frame after `y`. The outcome comes back after the
        exchange's latency; the frame that shows it also ends the cancel, so it carries the summary on the status
        line too. The row update is that frame's bytes up to the last one that changes the row (the header's
        progress mark and the row's cells); the summary, the rest, is counted on its own."""
        app.send(b"g")
        app.drain(0.15)
        self.exchange.orders()
        app.send(b"c")
        app.wait_for(lambda a: "Yes, cancel" in a.text(), what="the confirm dialog")
        app.drain(0.15)
        sent = app.send(b"y")
        chunks = app.collect(quiet=0.4, limit=5, feed=False)
        # Replayed into the screen byte by byte, from the first output after the exchange's latency: the row update
        # ends with the last byte after which the selected row reads differently; what follows is the summary.
        row = next(y for y in range(ROWS) if app.line(y).startswith("▸"))
        frames, late = [], b""
        for stamp, data in chunks:
            frames.append((round((stamp - sent) * 1000, 1), len(data)))
            if stamp - sent < 0.03:
                app.stream.feed(data)
            else:
                late += data
        update, before = None, app.line(row)
        for index in range(len(late)):
            app.stream.feed(late[index:index + 1])
            line = app.line(row)
            if line != before:
                update, before = index + 1, line
        outcome_shown = " ok " in before and "sent" not in before
        return {"update_frames": frames, "row_update_bytes": update if outcome_shown else None,
                "summary_bytes": len(late) - update if outcome_shown else None}

    def history_ui(self, app, session):
        app.drain(0.2)
        app.send(b"g")
        app.drain(0.2)
        # The selection is on the first target (t000).
        sent = app.send(b"h")
        shown = app.wait_for(lambda a: history_status(a)[1] is not None and not history_status(a)[2], timeout=10,
                             what="the first history page")
        first = shown - sent
        app.drain(0.1)
        steps = []
        loaded = history_status(app)[1]
        while not history_status(app)[3]:
            sent = app.send(b"G")
            previous = loaded

            def page_shown(a):
                _, total, loading, end = history_status(a)
                return end or (total is not None and total > previous and not loading)

            shown = app.wait_for(page_shown, timeout=10, what="the next history page")
            steps.append(shown - sent)
            loaded = history_status(app)[1]
            app.drain(0.03)
            if len(steps) > 10000:
                break
        hwm = app.proc_status("VmHWM")
        anon = app.proc_status("RssAnon")
        smaps = smaps_breakdown(app.pid)
        app.send(b"q")
        app.drain(0.2)
        return {"history_first_page": first, "history_steps": steps, "history_rows": loaded,
                "history_to_end": first + sum(steps), "history_hwm": hwm, "history_anon": anon, "history_smaps": smaps}


def first_frame(app):
    footer = app.line(-1)
    return "quit" in footer and "gdesk" in app.line(0) and app.line(2).strip() != ""


def history_status(app):
    """(selected, loaded, loading, end) read from the history's status line."""
    line = app.line(-2)
    m = re.search(r"(?:(\d+) of )?(\d+) entr", line)
    if not m or "history" in line and "could not" in line:
        return None, None, False, False
    return (int(m.group(1)) if m.group(1) else None, int(m.group(2)), "loading more" in line, "end of history" in line)


def split_bursts(chunks, gap):
    bursts = []
    for stamp, data in chunks:
        if bursts and stamp - bursts[-1][2] <= gap:
            bursts[-1][1] += len(data)
            bursts[-1][2] = stamp
        else:
            bursts.append([stamp, len(data), stamp])
    return [(b[0], b[1]) for b in bursts]


def fmt_ms(seconds):
    return "  —  " if seconds is None else f"{seconds * 1000:.0f} ms"
