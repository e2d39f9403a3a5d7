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

- **The 50-target panic, front end and `cancel --all`**: all four within the target in this run. In one process
  (`gdesk-bench panic`, below) 50 targets take 1.1× one request; the front end and the command line add their own
  CPU, which on 2 shared cores competes with the simulated exchange, nginx and the harness, so these four ratios
  move with the machine's load more than anything else here (the TLS part began at load 2.75 in this run). Until
  the last fix of this round they also grew over a run of the harness: the simulated exchange's cancel walked every
  order it had ever held, and the harness adds two orders per key before every run, so each part ran against a
  slower exchange than the one before it (the front end's 50-target panic over TLS: 65–71 ms when that part ran
  alone, 94–125 ms after the rest; the earlier runs of this document measured 1.34–1.50× and 1.51–1.69× for the
  front end that way). Measured with timestamps along the front end's critical path (medians of 5, ms after the
  Enter, 1 → 50 targets): intents durable 1.4 → 2.4, last request sent 2.9 → 7.3, last answer 53.6 → 60.4, last
  outcome durable 54.9 → 62.3, summary painted 55.7 → 63.9. Frames (6–8 ms of CPU) are built mostly while the
  requests are on the network, and since ncurses is brought through `endwin()` once at start-up a frame is one
  write to the terminal: ncurses 6.4 flushes after every cursor movement until then, which made each frame dozens
  of writes, a wake-up each for whatever reads the terminal (the harness here, sshd over SSH).
- **200 targets over plain HTTP/1.1**: the connection pool holds 64 connections per host
  (`CurlTransport.Options.maxConnectionsPerHost`), so 200 requests leave in about four waves of one round trip each.
  This is the simulated exchange's case only: Gemini is reached over TLS, where one HTTP/2 connection carries the
  requests. Raising the pool to 256 would make it one wave at the cost of 200 open sockets per desk; not changed.
- **200 targets over HTTP/2, new connections**: none. libcurl 7.88 does not wait for a free HTTP/2 stream: a request
  beyond the server's limit of concurrent streams (nginx allows 128 by default) got a connection of its own, so a
  200-target panic opened about 63 TLS connections. The transport now hands libcurl at most as many requests per
  origin as the warm connection has streams (`StreamGate`); the rest wait, in arrival order (so a key's requests
  still leave in nonce order), each within its own deadline. libcurl does not tell the server's limit until a
  connection is full, so the gate assumes 100 (what RFC 9113 asks every server to allow at least) and lowers it when
  libcurl reports less. The cost: above 100 targets on one origin a panic goes in waves of one round trip (two at
  200 targets), where a server allowing more would have taken them in one. Warming `ceil(targets / limit)`
  connections instead was tried and dropped: libcurl 7.88 gives every new request to the first connection with a
  free stream, so the keep-alive GETs cannot keep the others open, and its HTTP/2 PING (`curl_easy_upkeep`) does not
  reach a multi handle's connections.
- **History scrolling**: a page read is about 2 ms in one process, whatever the depth. The front end keeps the next
  page read ahead of the rows it shows, so a `G` shows rows already read, in one frame; the read runs after the
  frame, while the operator reads it.
- **Peak RSS**: 6 MiB lower than before this round — the simulated exchange and SwiftNIO moved out of the desk
  binary (`gdesk-exchange`), and the executable linked with packed relative relocations — but still above 30 MB:
  the shared libraries alone are about 14 MiB resident and the executable's code 16 MiB (section 5 splits it by
  mapping).
- **Bytes for a cursor move**: the selection is a marker in the gutter and the target's name in the selection
  style (reverse video without colour); the rest of the row keeps its colours, so a move rewrites the marker and
  name cells of two rows instead of two whole rows with a highlight bar. A row update (an outcome arriving) is
  within the target.
"""

FIXES = """\
## Product fixes made while measuring

Each is its own commit; the figures in the commit messages are from the runs made for that commit.

| commit | what it fixed | effect |
|---|---|---|
| DeskUI: make the log line's ISO 8601 formatter once | the front end built an ICU date formatter for every log line, a line per target during a panic | a sixth of the front end's CPU in a 200-target panic (perf) |
| CLI: cancel without warming up first | `gdesk cancel` waited for the warm-up's one or two round trips before sending | `cancel --all`, 1 target 139 → 86 ms; 50 targets over TLS 181 → 120 ms |
| Client: wait for multiplexing only over https | with `CURLOPT_PIPEWAIT` on `http://`, libcurl held every request but one until the first response | `cancel --all` on plain HTTP, 50 targets 169 → 120 ms |
| DeskCore history: outcomes that arrive together in one transaction | each outcome was its own synced transaction, one after the other, and shown only once written | in one process, 50 targets 81 → 63 ms (one target 53 ms) |
| Client: as many HTTP/2 streams as the server allows | libcurl's default cap of 100 streams sent the rest of a large panic to new connections | 200 targets, nginx with 256 streams: 63 → 0 new connections |
| DeskCore history: rows by position, IDs without JSONDecoder, statements once | reading rows cost more than finding them | newest row of 200 targets (start-up) 26–45 → 5–7 ms; a page 3–5 → 2 ms |
| DeskUI: set only the cells that changed since the last frame | every frame set all 4,800 cells in curses | front end CPU in a 50-target panic 38 → 33 ms; same bytes to the terminal |
| Front end: a lighter selection, the marker and the name cell only | a cursor move rewrote two whole rows to move the highlight bar | one cursor move 306 → 74 B |
| History: keep one page read ahead | a step into the history read a page, then drew twice ("loading more…", then the rows) | slowest step of 5,000 rows 11.2 → 6.7 ms on a quiet machine (27 ms before on a loaded one) |
| Front end: times on screen without a `Calendar` per call; ASCII text a byte a cell; log lines in one write | per-row and per-character work in every frame | front end CPU in a 50-target panic 35 → 29 ms |
| Client: hold requests beyond the open connections' free streams | libcurl opened a connection, and a TLS handshake, for each request beyond the server's HTTP/2 streams | 200 targets through nginx (128 streams): 63 → 0 new connections; `cancel --all` 64 → 1 |
| CLI: one SecretResolver for every session | each session copied the process environment before reading its secret file | 50 secret files 7 → 2 ms |
| ResponseParser: a field named twice found with one byte scan | four String splits of every answer | 31 → 14 µs an answer |
| History: statements prepared once per write, order IDs without JSONEncoder | a statement prepared per row of a panic's intents and outcomes | statements' time in a 50-target panic 4.0 → 1.2 ms |
| Front end: the summary on the last result | the summary waited for the end of the stream, one hop after the last outcome | front end 50 targets 1.40 → 1.23× (quiet machine, side by side) |
| Times without ICU (`ClockZone`) and `scripts/release` | date formatters mapped ICU's code and data; six large shared libraries to load | peak RSS at start-up 44.2 → 38.3 MiB, start-up 66–108 → 31–44 ms |
| Terminal: a frame goes out in one write | ncurses flushed after every cursor movement: dozens of writes a frame | front end, 50 targets over plain HTTP 1.38 → 1.26× |
| SimulatedExchange: each key's live orders kept apart | the test exchange's cancel walked every order it had seen, so later parts of a run measured a slower exchange | front end, 50 targets over TLS: 94–125 → 72–76 ms in the full run |
| History: a lock for opening a new history | four `gdesk cancel` started together on a new history could lose one to "database is locked" | 2 failures in 8 runs of the new test → 0 |
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
warm-up opens one connection; the panic's requests are HTTP/2 streams on it, up to 100 at once, and the rest wait
for a free stream (see the summary). The exchange's count
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
mapped, which other processes using the same files share. The table above splits the resident set by mapping at the
two peaks: the desk's own memory — targets, history pages, screen grids, SQLite's caches, thread stacks ([anon],
[heap]) and each file's relocated data — is the small part; the rest is code and read-only data of the executable
and the libraries.

This round lowered it twice, measured side by side with the start-up part of the harness (`run.py --only startup
--runs 3`, 200 targets, 10⁶ history rows, the same machine in the same hour; peak RSS in MiB):

| build (`scripts/release`) | `gdesk --help` | start-up | history |
|---|---:|---:|---:|
| before: the simulated exchange and SwiftNIO linked into gdesk (gold) | 23.7 | 40.9 | 45.5 |
| the simulator moved to its own program, `gdesk-exchange` | 21.5 | 37.6 | 42.0 |
| the same, linked by lld with packed relative relocations (DT_RELR) | 19.7 | 34.7 | 39.5 |

Without the simulator the executable lost SwiftNIO's code and its relocations (116 → 98 MB unstripped; its resident
part 22.4 → 19.0 MiB at start-up). A position-independent executable of this size carries about 87,000 relative
relocations: as RELA entries that is a 2 MiB table the dynamic loader reads whole before `main`; packed as DT_RELR
(glibc 2.36, Debian 12) it is 16 KiB, and the executable's resident part went 19.0 → 16.3 MiB. Linking it
non-PIE (no relative relocations at all) saved a little more in `gdesk --help` (19.9 MiB) but gives up address
randomisation for the desk binary, and one of its harness runs timed out before the first frame (not looked
into); not kept. Earlier rounds: times formatted without ICU (`ClockZone`) and the Swift runtime and Foundation linked in (`scripts/release`), about 6 MiB;
the ~6,400 functions start-up, a panic and the history run laid out in one block (gold's section ordering) did not
lower the peak, because the page cache maps large folios around each fault.

Why 30 MB (28.6 MiB) is still out of reach, from the table: the libraries alone are about 14 MiB resident — libcrypto
3.1, libc 1.7, libstdc++ 1.4 (TOMLKit's toml++), SQLite 1.3, and what Debian's libcurl links (gnutls through librtmp,
krb5 and LDAP, ssh2, nettle, p11-kit: about 3 MiB together) — and the desk's own memory is 4.6 MiB at start-up and
9 MiB after 5,000 history rows. That leaves the executable about 10 MiB at start-up where it has 16.3 MiB: the Swift
runtime's metadata and Foundation, which GRDB and most of gdesk's modules import, are on the start-up path; taking
Foundation off it means rewriting those layers, and the libraries' share needs a libcurl built without Debian's
dependencies. Neither is done here.
"""

TRAFFIC = """\
Bytes are counted as they arrive on the pseudo-terminal's master side. A selection move sends the marker and name
cells of the two rows (the selection style covers only those). A row update (an outcome arriving) sends
only the changed cells of the row (time, counts, outcome, latency) and clears the header's progress mark. The
summary that ends a cancel is drawn as soon as its last outcome is in, so here, where the one outcome is the last,
it rides in the same write as the row update; the harness counts it separately (above), since it is drawn once per
cancel, not once per row. Idle, the front end has no timer (the flash timer exists only
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
