"""The hand-written parts of docs/PERFORMANCE.md: what the figures mean and why. The figures themselves are filled
in by report.py from the run; keep these words true when the figures move."""

LOAD = (
    "The machine is shared: other engineers build Swift packages on the same 2 cores, so the absolute figures move by "
    "10–30 % from one run to the next (start-up and the 200-target cases the most). Medians, and the ratios between "
    "methods measured side by side in the same run, are steadier than any single number. While a figure is being "
    "timed the harness only reads and timestamps the terminal's output; it parses it (pyte) once the awaited frame "
    "has arrived, since parsing every frame as it came took enough CPU to slow gdesk by 20–30 ms on 2 cores.")

SUMMARY = """\
**Why the misses, and what else the figures show** (details in each section):

- **The 50-target panic, front end and `cancel --all`**: the client path itself is within the target — in one
  process (`gdesk-bench panic`, below) 50 targets take about 1.2× one request. The front end adds drawing a frame
  for each batch of outcomes, and the command line a process start that reads 50 secret files and 50 nonce files
  and opens 50 connections (plain HTTP) or a TLS session. The front end spends 30–50 ms of CPU on a 50-target panic
  (the CPU line under each table) while the simulated exchange, nginx and other engineers' builds want the same
  2 cores, so that CPU lands on the critical path and the ratio moves with the load: runs made while writing this at
  load ≈ 1–2 gave the front end 77–80 ms for 50 targets against 61 ms for one (1.25–1.3×); loaded runs give
  1.5–1.7×. The front end's own part was cut: frames are built without a `Calendar` per row, padded
  strings or per-character lookups for ASCII text, and a panic's log lines go out in one write; a 50-target panic
  draws about ten frames, as outcomes that arrive together are handled before one frame is built.
- **200 targets over plain HTTP/1.1**: the connection pool holds 64 connections per host
  (`CurlTransport.Options.maxConnectionsPerHost`), so 200 requests leave in about four waves of one round trip each.
  This is the simulated exchange's case only: Gemini is reached over TLS, where one HTTP/2 connection carries the
  requests. Raising the pool to 256 would make it one wave at the cost of 200 open sockets per desk; not changed.
- **200 targets over HTTP/2, new connections**: nginx allows 128 concurrent streams per connection (its default). The
  requests beyond 128 do not wait for a free stream: libcurl 7.88 opens a new connection for each of them, up to the
  64-per-host limit, so a 200-target panic opens about 63 TLS connections and pays their handshakes. gdesk's own cap
  of 100 streams (libcurl's default) made this happen whatever the server allowed; that part is fixed (commit
  "let HTTP/2 connections carry as many streams as the server allows"): with `scripts/bench --h2-streams 256`
  (nginx allowing 256 streams) the same panic opens **0** new connections and the front end's 200-target panic took
  145–192 ms instead of 212–320 ms in the runs made for that commit. Gemini's limit is not known to us. If it is
  below the number of targets, the fix is on gdesk's side: open `ceil(targets / limit)` warm connections and keep
  each of them alive (the keep-alive GETs would all ride the first one today), or hold the overflow until a
  stream frees instead of letting libcurl open connections. Neither is done here.
- **History scrolling**: a page read is about 2 ms in one process, whatever the depth. The front end keeps the next
  page read ahead of the rows it shows, so a `G` shows rows already read, in one frame; the read runs after the
  frame, while the operator reads it.
- **Peak RSS**: the desk's own memory (RssAnon) is small; the peak is made of the pages of the executable and the
  shared libraries it maps (Swift runtime, Foundation, ICU, libcrypto, the libraries Debian's libcurl pulls in).
  `gdesk --help`, which opens nothing, already peaks at about 28 MiB (section 5).
- **Bytes for a cursor move**: the selection is a marker in the gutter and the target's name in the selection
  style (reverse video without colour); the rest of the row keeps its colours, so a move rewrites the marker and
  name cells of two rows instead of two whole rows with a highlight bar. A row update (an outcome arriving) is
  within the target.
"""

FIXES = """\
## Product fixes made while measuring

Each is its own commit on `perf`; the figures in the commit messages are from the runs made for that commit.

| commit | what it fixed | effect |
|---|---|---|
| DeskUI: make the log line's ISO 8601 formatter once | the front end built an ICU date formatter for every log line, a line per target during a panic | a sixth of the front end's CPU in a 200-target panic (perf) |
| CLI: cancel without warming up first | `gdesk cancel` waited for the warm-up's one or two round trips before sending | `cancel --all`, 1 target 139 → 86 ms; 50 targets over TLS 181 → 120 ms |
| Client: wait for multiplexing only over https | with `CURLOPT_PIPEWAIT` on `http://`, libcurl held every request but one until the first response | `cancel --all` on plain HTTP, 50 targets 169 → 120 ms |
| DeskCore history: outcomes that arrive together in one transaction | each outcome was its own synced transaction, one after the other, and shown only once written | in one process, 50 targets 81 → 63 ms (one target 53 ms) |
| Client: as many HTTP/2 streams as the server allows | libcurl's default cap of 100 streams sent the rest of a large panic to new connections | 200 targets, nginx with 256 streams: 63 → 0 new connections |
| DeskCore history: rows by position, IDs without JSONDecoder, statements once | reading rows cost more than finding them | newest row of 200 targets (start-up) 26–45 → 5–7 ms; a page 3–5 → 2 ms |
| DeskUI: set only the cells that changed since the last frame | every frame set all 4,800 cells in curses | front end CPU in a 50-target panic 38 → 33 ms; same bytes to the terminal |
"""

CPU = (
    "On 2 shared cores this is what a busy machine takes away from the panic first: the front end's latency "
    "follows its CPU time plus everyone else's, which is why the 50- and 200-target figures move most between runs.")

PLAIN_METHOD = (
    "The front end: `gdesk --config … --history …` in a pseudo-terminal (120×40), after its first frame and a 1 s "
    "pause (an operator reading the screen; the warm-up has finished), `!`, `yes`, then Enter; the time runs from "
    "writing Enter to the arrival of the output that puts \"PANIC done: N ok, …\" on the status line, which the front "
    "end writes once every target's outcome is on screen. `gdesk cancel --all --yes --json`: fork to exit, so it "
    "includes process start, config, secrets, the history and connecting. curl: "
    "`Benchmarks/curl/cancel-session.sh`, one `curl` process per request, each with a new connection; one by one "
    "from a shell loop, or all at once with `xargs -P N`. Each method cancels its own keys' orders (fresh orders "
    "before every run), so nonces never race between methods.")

TLS_METHOD = (
    "Here every method goes through nginx (Debian's `nginx-light`, one worker) listening with TLS and HTTP/2 on "
    "loopback with a certificate from a test CA made for the run, proxying to the simulated exchange over kept-alive "
    "HTTP/1.1: the way Gemini is reached in production. gdesk trusts the test CA through the session's `ca_file`, curl "
    "through `--cacert`; every curl call pays its own TLS handshake (curl speaks HTTP/2 to nginx too).")

PLAIN_CONNECTIONS = """\
Counted by the simulated exchange (TCP connections accepted). The front end opens its connections while the first
frame is drawn (a `GET /v1/symbols` per connection, no authenticated call): one per target up to 64, so a panic
after start-up rides them and opens none. `cancel --all` and curl connect at the time of the cancel.
"""

TLS_CONNECTIONS = """\
Counted by nginx (`stub_status` accepts, before and after, less the status request itself). The front end's
warm-up opens one connection; the panic's requests are HTTP/2 streams on it, as long as they fit in the streams
nginx allows on one connection (128 by default) — see the summary for what happens beyond. The exchange's count
here is nginx's upstream connections, not gdesk's: nginx opens one per concurrent request it forwards.
"""

STARTUP = """\
Start-up reads the config (200 sessions), resolves 200 secret files, opens the history and reads the newest row of
each of the 200 targets (`lastResults`, a few index seeks per target, so independent of the number of rows), then
draws. The warm-up runs after the first frame has been drawn. Loading the executable and its shared libraries is
the largest single part (perf, one run: the dynamic loader about a quarter of the samples, Swift metadata lookups
another tenth; reading the config and the secrets about a sixth, the history under a tenth).
"""

HISTORY = """\
The history is read by keyset pages of 200 rows (`beforeID`) on the `(session, account, id)` index, so a page costs
the same at the end of 10⁶ rows as at the start; in one process a page takes about 2 ms, of which most is turning
rows into entries. The front end reads the page after the rows it shows as soon as they are shown; when the
selection nears their end (a `G` moves it to the last row shown) that page joins them in the same frame, and the
next one is read ahead. A step is one frame of rows already read, unless the operator outruns the read ahead
("loading more…").
"""

MEMORY = """\
VmHWM is the peak resident set: it counts every page of the executable and of the shared libraries the process has
touched, which other processes using the same files share. The split at start-up (RssFile vs RssAnon above) shows
that the desk's own memory — targets, history pages, screen grids, SQLite's caches, thread stacks — is a small part
of it. Largest mappings at start-up (from `/proc/PID/smaps`, one run): the gdesk executable ~6 MiB, libswiftCore
~5 MiB, libFoundation ~5 MiB, FoundationEssentials ~4 MiB, ICU ~3 MiB, libcrypto ~3 MiB, anonymous ~5 MiB; the
libraries Debian's libcurl links (gnutls, krb5, ldap, …) about 3 MiB together. Meeting 30 MB as peak RSS would take
a smaller runtime footprint, not less data. One try, measured once by hand (same machine, 5 start-ups each, the
10⁶-row history): `swift build -c release --static-swift-stdlib` (Swift runtime and Foundation linked into the
executable, 114 MB instead of 42 MB on disk) lowers the start-up peak from 44.3 to 39.7 MiB, `gdesk --help` from
27.5 to 22.3 MiB, and start-up from 70 to 55 ms: better, still above 30 MB, and a packaging decision not taken
here. Stated as the desk's own memory (RssAnon), the figure is well under 30 MB.
"""

TRAFFIC = """\
Bytes are counted as they arrive on the pseudo-terminal's master side. A selection move sends the marker and name
cells of the two rows (the selection style covers only those). A row update (an outcome arriving) sends
only the changed cells of the row (time, counts, outcome, latency) and the counters on the status line; the summary
flash that ends the cancel follows in its own frame. Idle, the front end has no timer (the flash timer exists only
while a flash shows) and the transport's keep-alive runs every 20 s, so 10 s of idle time cost next to nothing.
"""

METHOD = """\
- `Benchmarks/harness/run.py` (started by `scripts/bench`) runs everything; `Benchmarks/harness/gdesk_bench/` holds
  the process drivers (`procs.py`: the simulated exchange, nginx, a pseudo-terminal with a pyte screen), the
  scenarios (`scenarios.py`) and this report (`report.py`, `notes.py`).
- The simulated exchange is `gdesk-bench serve` (`Benchmarks/PanicBenchmark/Serve.swift`): the product's
  `SimulatedExchange` with one key per target for gdesk and another per target for curl, no rate limit, a fixed
  latency added to every answer, and commands on standard input to add orders, reset and read its counters
  (connections accepted, requests, outcomes).
- The 10⁶-row history is made by `gdesk-bench init-history` (the product's `HistoryStore`, so its schema and
  migrations) and filled by one `INSERT … WITH RECURSIVE` statement in the `sqlite3` CLI.
- `gdesk-bench history` times the history reads in one process; `gdesk-bench panic` the panic path in one process.
- Peak RSS is `VmHWM` (and `RssAnon`/`RssFile`) from `/proc/PID/status`; idle CPU the sum over the process's threads
  of `/proc/PID/task/*/schedstat` (nanoseconds), checked against `utime + stime` of `/proc/PID/stat`.
- All the keys, secrets, configs, the CA and certificates, histories and nginx's files live in a temporary
  directory made for the run and removed after it.
"""

RERUN = """\
```
scripts/bench                          # everything, 5 runs of each figure; rewrites docs/PERFORMANCE.md
scripts/bench --runs 3 --only plain,startup --out -       # some parts, report on the console only
scripts/bench --h2-streams 256 --only tls --out -         # nginx allowing 256 HTTP/2 streams per connection
swift run -c release gdesk-bench panic --runs 7           # the panic path in one process
```
`scripts/bench` installs missing Debian packages (`nginx-light`, `python3-pyte`, `sqlite3`, `openssl`, `curl`),
builds `gdesk` and `gdesk-bench` with `scripts/release` (optimised, the Swift runtime and Foundation linked in, as
installed on a desk machine; in `.build/static`), and runs `Benchmarks/harness/run.py` with Debian's `python3`
(which has pyte). Raw figures of the last run: `.build/bench/results.json`.
"""
