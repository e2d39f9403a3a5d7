// Expected screens, reviewed by eye. Regenerate after an intended change:
//   DESKUI_RECORD=/tmp/deskui-rec swift test --filter DeskUITests, review the .txt files, then rebuild this file.
// Each screen is the grid's text with trailing blanks removed from every line.
enum ExpectedScreens {
    static let all: [String: String] = [
        "ascii-confirm-80x24": #"""
 gdesk  ~/.config/gdesk/config.toml                              4 PROD . 2 sbx
  TARGET      ENV  KEY   ROLE      HB LAST      CXL  REJ OUTCOME         LAT TRY
> desk-a      PROD ~AB12 -         -  12:03:00    3    1 ok             84ms   1
  desk-b      sbx  ~CD34 -         HB -           -    - -                 -   -
  v mas+- Cancel session orders on desk-a? -----------------------------+
   | al|                                                                |0ms   2
   | be| POST /v1/order/cancel/session                                  |  -   1
   ` ga| = cancel all orders placed by this API key (session)           |5ms   1
  sbx-t|                                                                |.0s   3
       | Session      desk-a                                            |
       | Account      the key's own account                             |
       | API key      ~AB12                                             |
       | Environment  PRODUCTION  (PROD: real orders)                   |
       |                                                                |
       |                  >[ No ]      [ Yes, cancel ]                  |
       |                                                                |
       | y yes . n, Esc or Enter: no                                    |
       +----------------------------------------------------------------+





 y yes  n no  ? help
"""#,
        "cancel-all-120x40": #"""
 gdesk  ~/.config/gdesk/config.toml                                                                      4 PROD · 2 sbx
  TARGET      ENV  KEY   ROLE          HB LAST       CXL   REJ OUTCOME                                     LAT TRY
▸ desk-a      PROD …AB12 -             -  12:03:00     3     1 ok                                         84ms   1
  desk-b      sbx  …CD34 -             HB -            -     - -                                             -   -
  ▾ master-mm PROD …WXYZ -             -
   ├ alpha    PROD …WXYZ -             -  12:02:00     -     - error InvalidNonce                        310ms   2
   ├ beta     PROD …WXYZ -             -  12:02:00     -     - unknown                                       -   1
   └ gamma    PROD …WXYZ -             -  Apr 30       0     0 ok                                         95ms   1
  sbx-test    sbx  …EF56 -             -  12:01:00     -     - unknown NoAnswer                           3.0s   3



                         ┌─ CANCEL EVERY ORDER OF THE ACCOUNT: desk-a ────────────────────────┐
                         │ POST /v1/order/cancel/all                                          │
                         │ = cancel EVERY active order of the account, including orders from  │
                         │ other keys and the website                                         │
                         │                                                                    │
                         │ Session      desk-a                                                │
                         │ Account      the key's own account                                 │
                         │ API key      …AB12                                                 │
                         │ Environment  PRODUCTION  (PROD: real orders)                       │
                         │                                                                    │
                         │ This is wider than c, which cancels only this key's session        │
                         │ orders.                                                            │
                         │ Type the session name (desk-a) and press Enter. Esc aborts.        │
                         │ > desk▏                                                            │
                         └────────────────────────────────────────────────────────────────────┘












 Enter confirm  Esc abort
"""#,
        "cancel-all-80x24": #"""
 gdesk  ~/.config/gdesk/config.toml                              4 PROD · 2 sbx
  TARGET      ENV  KEY   ROLE      HB LAST      CXL  REJ OUTCOME         LAT TRY
▸ desk-a      PROD …AB12 -         -  12:03:00    3    1 ok             84ms   1
  desk-b      sbx  …CD34 -         HB -           -    - -                 -   -
  ▾ m┌─ CANCEL EVERY ORDER OF THE ACCOUNT: desk-a ────────────────────────┐
   ├ │ POST /v1/order/cancel/all                                          │s   2
   ├ │ = cancel EVERY active order of the account, including orders from  │-   1
   └ │ other keys and the website                                         │s   1
  sbx│                                                                    │s   3
     │ Session      desk-a                                                │
     │ Account      the key's own account                                 │
     │ API key      …AB12                                                 │
     │ Environment  PRODUCTION  (PROD: real orders)                       │
     │                                                                    │
     │ This is wider than c, which cancels only this key's session        │
     │ orders.                                                            │
     │ Type the session name (desk-a) and press Enter. Esc aborts.        │
     │ > desk▏                                                            │
     └────────────────────────────────────────────────────────────────────┘




 Enter confirm  Esc abort
"""#,
        "confirm-120x40": #"""
 gdesk  ~/.config/gdesk/config.toml                                                                      4 PROD · 2 sbx
  TARGET      ENV  KEY   ROLE          HB LAST       CXL   REJ OUTCOME                                     LAT TRY
▸ desk-a      PROD …AB12 -             -  12:03:00     3     1 ok                                         84ms   1
  desk-b      sbx  …CD34 -             HB -            -     - -                                             -   -
  ▾ master-mm PROD …WXYZ -             -
   ├ alpha    PROD …WXYZ -             -  12:02:00     -     - error InvalidNonce                        310ms   2
   ├ beta     PROD …WXYZ -             -  12:02:00     -     - unknown                                       -   1
   └ gamma    PROD …WXYZ -             -  Apr 30       0     0 ok                                         95ms   1
  sbx-test    sbx  …EF56 -             -  12:01:00     -     - unknown NoAnswer                           3.0s   3



                           ┌─ Cancel session orders on desk-a? ─────────────────────────────┐
                           │                                                                │
                           │ POST /v1/order/cancel/session                                  │
                           │ = cancel all orders placed by this API key (session)           │
                           │                                                                │
                           │ Session      desk-a                                            │
                           │ Account      the key's own account                             │
                           │ API key      …AB12                                             │
                           │ Environment  PRODUCTION  (PROD: real orders)                   │
                           │                                                                │
                           │                  ▸[ No ]      [ Yes, cancel ]                  │
                           │                                                                │
                           │ y yes · n, Esc or Enter: no                                    │
                           └────────────────────────────────────────────────────────────────┘













 y yes  n no  ? help
"""#,
        "confirm-80x24": #"""
 gdesk  ~/.config/gdesk/config.toml                              4 PROD · 2 sbx
  TARGET      ENV  KEY   ROLE      HB LAST      CXL  REJ OUTCOME         LAT TRY
▸ desk-a      PROD …AB12 -         -  12:03:00    3    1 ok             84ms   1
  desk-b      sbx  …CD34 -         HB -           -    - -                 -   -
  ▾ mas┌─ Cancel session orders on desk-a? ─────────────────────────────┐
   ├ al│                                                                │0ms   2
   ├ be│ POST /v1/order/cancel/session                                  │  -   1
   └ ga│ = cancel all orders placed by this API key (session)           │5ms   1
  sbx-t│                                                                │.0s   3
       │ Session      desk-a                                            │
       │ Account      the key's own account                             │
       │ API key      …AB12                                             │
       │ Environment  PRODUCTION  (PROD: real orders)                   │
       │                                                                │
       │                  ▸[ No ]      [ Yes, cancel ]                  │
       │                                                                │
       │ y yes · n, Esc or Enter: no                                    │
       └────────────────────────────────────────────────────────────────┘





 y yes  n no  ? help
"""#,
        "details-120x40": #"""
 gdesk › details › desk-a
 Target       desk-a
 Environment  PROD  production
 API key      …AB12
 Settings     Require-Heartbeat no · cancel-all allowed
 Role check   not checked (r on the list runs the pre-flight)

 Last cancel  2024-05-01 12:03:00 UTC by alice@desk1 via 10.0.0.7
 Endpoint     POST /v1/order/cancel/session
 Outcome      ok
 Attempts     1
 Latency      84ms
 Finished     2024-05-01 12:03:00 UTC

 Cancelled    3 orders: 101, 102, 103
 Rejected     1 order  (j/k select, e explains)
  ▸ 201
      order 201 had already filled completely: 0.5 BTCUSD buy at 64000





















 j/k move  e explain  Esc back  ? help
"""#,
        "details-80x24": #"""
 gdesk › details › desk-a
 Target       desk-a
 Environment  PROD  production
 API key      …AB12
 Settings     Require-Heartbeat no · cancel-all allowed
 Role check   not checked (r on the list runs the pre-flight)

 Last cancel  2024-05-01 12:03:00 UTC by alice@desk1 via 10.0.0.7
 Endpoint     POST /v1/order/cancel/session
 Outcome      ok
 Attempts     1
 Latency      84ms
 Finished     2024-05-01 12:03:00 UTC

 Cancelled    3 orders: 101, 102, 103
 Rejected     1 order  (j/k select, e explains)
  ▸ 201
      order 201 had already filled completely: 0.5 BTCUSD buy at 64000





 j/k move  e explain  Esc back  ? help
"""#,
        "details-unknown-80x24": #"""
 gdesk › details › master-mm/beta
 Target       master-mm/beta
 Environment  PROD  production
 API key      …WXYZ  (master key)
 Settings     Require-Heartbeat no · cancel-all not allowed
 Role check   not checked (r on the list runs the pre-flight)

 Last cancel  2024-05-01 12:02:00 UTC by alice@desk1 via 10.0.0.7
 Endpoint     POST /v1/order/cancel/session
 Outcome      unknown
              no outcome was recorded: the request may have reached the
              exchange. Check its orders.
 Attempts     1
 Latency      -
 Finished     not recorded

 Orders       none cancelled: the exchange did not answer ok






 j/k move  Esc back  ? help
"""#,
        "first-run-120x40": #"""
 gdesk  first run

  Welcome. There is no config file yet.

  gdesk reads its sessions (API keys, where their secrets come from,
  sandbox or production) from:
      ~/.config/gdesk/config.toml

  To try the desk first, against a simulated exchange:
      gdesk demo

  `gdesk --help` lists the commands, including how to write and check a
  config. Secrets never go in the config itself: it names where to read them.


























 q quit
"""#,
        "first-run-80x24": #"""
 gdesk  first run

  Welcome. There is no config file yet.

  gdesk reads its sessions (API keys, where their secrets come from,
  sandbox or production) from:
      ~/.config/gdesk/config.toml

  To try the desk first, against a simulated exchange:
      gdesk demo

  `gdesk --help` lists the commands, including how to write and check a
  config. Secrets never go in the config itself: it names where to read them.










 q quit
"""#,
        "help-120x40": #"""
 gdesk  ~/.config/gdesk/config.toml                                                                      4 PROD · 2 sbx
  TARGET      ENV  KEY   ROLE          HB LAST       CXL   REJ OUTCOME                                     LAT TRY
▸ desk-a      PROD …AB12 -             -  12:03:00     3     1 ok                                         84ms   1
  desk-b      sbx  …CD34 -             HB -            -     - -                                             -   -
  ▾ master-mm PROD …WXYZ -             -
   ├ alpha    PROD …WXYZ -             -  12:02:00     -     - error InvalidNonce                        310ms   2
   ├ beta     PROD …WXYZ -             -  12:02:00     -     - unknown                                       -   1
   └ gamma    PROD …WXYZ -             -  Apr 30       0     0 ok                                         95ms   1
  sbx-test    sbx ┌─ Keys: Targets ──────────────────────────────────────────────────────────────────┐    3.0s   3
                  │                                                                                  │
                  │ j / Down       move down                                                         │
                  │ k / Up         move up                                                           │
                  │ g / Home       first target                                                      │
                  │ G / End        last target                                                       │
                  │ Ctrl-d / PgDn  half a page down                                                  │
                  │ Ctrl-u / PgUp  half a page up                                                    │
                  │ Enter          details: the last result in full, with rejected order IDs         │
                  │ c              cancel this target's session orders (asks first; y confirms)      │
                  │ !              PANIC: cancel session orders on every target shown (type yes)     │
                  │ X              cancel EVERY active order of the account, where allowed (type the │
                  │                session name)                                                     │
                  │ h              reject history of this target                                     │
                  │ H              reject history of all targets                                     │
                  │ /              filter the targets as you type                                    │
                  │ Esc            clear the filter                                                  │
                  │ r              pre-flight: check roles and reachability of the sessions shown    │
                  │ t              next colour theme                                                 │
                  │ ?              keys of this screen                                               │
                  │ q / Ctrl-c     quit (asks while a cancel is in flight)                           │
                  │ Esc/q closes                                                                     │
                  └──────────────────────────────────────────────────────────────────────────────────┘








 j/k scroll  Esc close
"""#,
        "help-80x24": #"""
 g┌─ Keys: Targets ──────────────────────────────────────────────────────────┐x
  │                                                                          │RY
▸ │ j / Down       move down                                                 │ 1
  │ k / Up         move up                                                   │ -
  │ g / Home       first target                                              │
  │ G / End        last target                                               │ 2
  │ Ctrl-d / PgDn  half a page down                                          │ 1
  │ Ctrl-u / PgUp  half a page up                                            │ 1
  │ Enter          details: the last result in full, with rejected order IDs │ 3
  │ c              cancel this target's session orders (asks first; y        │
  │                confirms)                                                 │
  │ !              PANIC: cancel session orders on every target shown (type  │
  │                yes)                                                      │
  │ X              cancel EVERY active order of the account, where allowed   │
  │                (type the session name)                                   │
  │ h              reject history of this target                             │
  │ H              reject history of all targets                             │
  │ /              filter the targets as you type                            │
  │ Esc            clear the filter                                          │
  │ r              pre-flight: check roles and reachability of the sessions  │
  │ Esc/q closes  j/k scroll                                                 │
  └──────────────────────────────────────────────────────────────────────────┘

 j/k scroll  Esc close
"""#,
        "history-120x40": #"""
 gdesk › history › all targets
  TIME (UTC)          OPERATOR               TARGET                      SCOPE OUTCOME                        CXL    REJ
  2024-05-01 12:20:00 alice@desk1            master-mm/gamma             sess  error RateLimited                -      -
  2024-05-01 12:19:00 alice@desk1            master-mm/beta              sess  unknown                          -      -
▸ 2024-05-01 12:18:00 alice@desk1            master-mm/alpha             sess  ok                               1      0
  2024-05-01 12:17:00 alice@desk1            desk-b                      sess  ok                               1      0
  2024-05-01 12:16:00 alice@desk1            desk-a                      sess  ok                               1      2
  2024-05-01 12:15:00 alice@desk1            sbx-test                    sess  error RateLimited                -      -
  2024-05-01 12:14:00 alice@desk1            master-mm/gamma             sess  ok                               1      0
  2024-05-01 12:13:00 alice@desk1            master-mm/beta              sess  ok                               1      2
  2024-05-01 12:12:00 alice@desk1            master-mm/alpha             sess  unknown                          -      -
  2024-05-01 12:11:00 alice@desk1            desk-b                      sess  ok                               1      0
  2024-05-01 12:10:00 alice@desk1            desk-a                      sess  error RateLimited                -      -
  2024-05-01 12:09:00 alice@desk1            sbx-test                    sess  ok                               1      0
  2024-05-01 12:08:00 alice@desk1            master-mm/gamma             sess  ok                               1      0
  2024-05-01 12:07:00 alice@desk1            master-mm/beta              sess  ok                               1      2
  2024-05-01 12:06:00 alice@desk1            master-mm/alpha             sess  ok                               1      0
  2024-05-01 12:05:00 alice@desk1            desk-b                      sess  unknown                          -      -
  2024-05-01 12:04:00 alice@desk1            desk-a                      sess  ok                               1      2
  2024-05-01 12:03:00 alice@desk1            sbx-test                    sess  ok                               1      0
  2024-05-01 12:02:00 alice@desk1            master-mm/gamma             sess  ok                               1      0
  2024-05-01 12:01:00 alice@desk1            master-mm/beta              sess  ok                               1      2
  2024-05-01 12:00:00 alice@desk1            master-mm/alpha             sess  error RateLimited                -      -
  2024-05-01 11:59:00 alice@desk1            desk-b                      sess  ok                               1      0
  2024-05-01 11:58:00 alice@desk1            desk-a                      sess  unknown                          -      -
  2024-05-01 11:57:00 alice@desk1            sbx-test                    sess  ok                               1      0
  2024-05-01 11:56:00 alice@desk1            master-mm/gamma             sess  ok                               1      0
  2024-05-01 11:55:00 alice@desk1            master-mm/beta              sess  error RateLimited                -      -
  2024-05-01 11:54:00 alice@desk1            master-mm/alpha             sess  ok                               1      0
  2024-05-01 11:53:00 alice@desk1            desk-b                      sess  ok                               1      0
  2024-05-01 11:52:00 alice@desk1            desk-a                      sess  ok                               1      2
  2024-05-01 11:51:00 alice@desk1            sbx-test                    sess  unknown                          -      -
  2024-05-01 11:50:00 alice@desk1            master-mm/gamma             sess  error RateLimited                -      -
  2024-05-01 11:49:00 alice@desk1            master-mm/beta              sess  ok                               1      2
  2024-05-01 11:48:00 alice@desk1            master-mm/alpha             sess  ok                               1      0
  2024-05-01 11:47:00 alice@desk1            desk-b                      sess  ok                               1      0
  2024-05-01 11:46:00 alice@desk1            desk-a                      sess  ok                               1      2
  2024-05-01 11:45:00 alice@desk1            sbx-test                    sess  error RateLimited                -      -
 3 of 200 entries loaded, more load as you scroll
 j/k move  Enter open  / filter  Esc back  ? help
"""#,
        "history-80x24": #"""
 gdesk › history › all targets
  TIME (UTC)     OPERATOR     TARGET           SCOPE OUTCOME            CXL  REJ
  05-01 12:20:00 alice@desk1  master-mm/gamma  sess  error RateLimited    -    -
  05-01 12:19:00 alice@desk1  master-mm/beta   sess  unknown              -    -
▸ 05-01 12:18:00 alice@desk1  master-mm/alpha  sess  ok                   1    0
  05-01 12:17:00 alice@desk1  desk-b           sess  ok                   1    0
  05-01 12:16:00 alice@desk1  desk-a           sess  ok                   1    2
  05-01 12:15:00 alice@desk1  sbx-test         sess  error RateLimited    -    -
  05-01 12:14:00 alice@desk1  master-mm/gamma  sess  ok                   1    0
  05-01 12:13:00 alice@desk1  master-mm/beta   sess  ok                   1    2
  05-01 12:12:00 alice@desk1  master-mm/alpha  sess  unknown              -    -
  05-01 12:11:00 alice@desk1  desk-b           sess  ok                   1    0
  05-01 12:10:00 alice@desk1  desk-a           sess  error RateLimited    -    -
  05-01 12:09:00 alice@desk1  sbx-test         sess  ok                   1    0
  05-01 12:08:00 alice@desk1  master-mm/gamma  sess  ok                   1    0
  05-01 12:07:00 alice@desk1  master-mm/beta   sess  ok                   1    2
  05-01 12:06:00 alice@desk1  master-mm/alpha  sess  ok                   1    0
  05-01 12:05:00 alice@desk1  desk-b           sess  unknown              -    -
  05-01 12:04:00 alice@desk1  desk-a           sess  ok                   1    2
  05-01 12:03:00 alice@desk1  sbx-test         sess  ok                   1    0
  05-01 12:02:00 alice@desk1  master-mm/gamma  sess  ok                   1    0
  05-01 12:01:00 alice@desk1  master-mm/beta   sess  ok                   1    2
 3 of 200 entries loaded, more load as you scroll
 j/k move  Enter open  / filter  Esc back  ? help
"""#,
        "main-120x40": #"""
 gdesk  ~/.config/gdesk/config.toml                                                                      4 PROD · 2 sbx
  TARGET      ENV  KEY   ROLE          HB LAST       CXL   REJ OUTCOME                                     LAT TRY
▸ desk-a      PROD …AB12 -             -  12:03:00     3     1 ok                                         84ms   1
  desk-b      sbx  …CD34 -             HB -            -     - -                                             -   -
  ▾ master-mm PROD …WXYZ -             -
   ├ alpha    PROD …WXYZ -             -  12:02:00     -     - error InvalidNonce                        310ms   2
   ├ beta     PROD …WXYZ -             -  12:02:00     -     - unknown                                       -   1
   └ gamma    PROD …WXYZ -             -  Apr 30       0     0 ok                                         95ms   1
  sbx-test    sbx  …EF56 -             -  12:01:00     -     - unknown NoAnswer                           3.0s   3






























 j/k move  Enter details  c cancel  ! PANIC  X cancel-all  h history  / filter  r preflight  t theme  ? help  q quit
"""#,
        "main-80x24": #"""
 gdesk  ~/.config/gdesk/config.toml                              4 PROD · 2 sbx
  TARGET      ENV  KEY   ROLE      HB LAST      CXL  REJ OUTCOME         LAT TRY
▸ desk-a      PROD …AB12 -         -  12:03:00    3    1 ok             84ms   1
  desk-b      sbx  …CD34 -         HB -           -    - -                 -   -
  ▾ master-mm PROD …WXYZ -         -
   ├ alpha    PROD …WXYZ -         -  12:02:00    -    - error Invali… 310ms   2
   ├ beta     PROD …WXYZ -         -  12:02:00    -    - unknown           -   1
   └ gamma    PROD …WXYZ -         -  Apr 30      0    0 ok             95ms   1
  sbx-test    sbx  …EF56 -         -  12:01:00    -    - unknown NoAn…  3.0s   3














 j/k move  Enter details  c cancel  ! PANIC  X cancel-all  ? help  q quit
"""#,
        "panic-120x40": #"""
 gdesk  ~/.config/gdesk/config.toml                                                                      4 PROD · 2 sbx
  TARGET      ENV  KEY   ROLE          HB LAST       CXL   REJ OUTCOME                                     LAT TRY
▸ desk-a      PROD …AB12 -             -  12:03:00     3     1 ok                                         84ms   1
  desk-b      sbx  …CD34 -             HB -            -     - -                                             -   -
  ▾ master-mm PROD …WXYZ -             -
   ├ alpha    PROD …WXYZ -             -  12:02:00     -     - error InvalidNonce                        310ms   2
   ├ beta     PROD …WXYZ -             -  12:02:00     -     - unknown                                       -   1
   └ gamma    PROD …WXYZ -             -  Apr 30       0     0 ok                                         95ms   1
  sbx-test    sbx  …EF56 -             -  12:01:00     -     - unknown NoAnswer                           3.0s   3



                        ┌─ PANIC: cancel session orders on 6 targets ──────────────────────────┐
                        │ POST /v1/order/cancel/session for each target, all at once           │
                        │ 4 PROD · 2 sbx                                                       │
                        │ Every target: 6 targets.                                             │
                        │                                                                      │
                        │ PROD  desk-a           …AB12                                         │
                        │ sbx   desk-b           …CD34                                         │
                        │ PROD  master-mm/alpha  …WXYZ                                         │
                        │ PROD  master-mm/beta   …WXYZ                                         │
                        │ PROD  master-mm/gamma  …WXYZ                                         │
                        │ sbx   sbx-test         …EF56                                         │
                        │                                                                      │
                        │ Type yes and press Enter to confirm. Esc aborts.                     │
                        │ > ye▏                                                                │
                        └──────────────────────────────────────────────────────────────────────┘












 Enter confirm  Esc abort
"""#,
        "panic-80x24": #"""
 gdesk  ~/.config/gdesk/config.toml                              4 PROD · 2 sbx
  TARGET      ENV  KEY   ROLE      HB LAST      CXL  REJ OUTCOME         LAT TRY
▸ desk-a      PROD …AB12 -         -  12:03:00    3    1 ok             84ms   1
  desk-b      sbx  …CD34 -         HB -           -    - -                 -   -
  ▾ ┌─ PANIC: cancel session orders on 6 targets ──────────────────────────┐
   ├│ POST /v1/order/cancel/session for each target, all at once           │   2
   ├│ 4 PROD · 2 sbx                                                       │   1
   └│ Every target: 6 targets.                                             │   1
  sb│                                                                      │   3
    │ PROD  desk-a           …AB12                                         │
    │ sbx   desk-b           …CD34                                         │
    │ PROD  master-mm/alpha  …WXYZ                                         │
    │ PROD  master-mm/beta   …WXYZ                                         │
    │ PROD  master-mm/gamma  …WXYZ                                         │
    │ sbx   sbx-test         …EF56                                         │
    │                                                                      │
    │ Type yes and press Enter to confirm. Esc aborts.                     │
    │ > ye▏                                                                │
    └──────────────────────────────────────────────────────────────────────┘




 Enter confirm  Esc abort
"""#,
        "panic-filtered-80x24": #"""
 gdesk  ~/.config/gdesk/config.toml                 filter: 3/6  4 PROD · 2 sbx
  TARGET      ENV  KEY   ROLE      HB LAST      CXL  REJ OUTCOME         LAT TRY
  ▾ master-mm PROD …WXYZ -         -
▸  ├ alpha    PROD …WXYZ -         -  12:02:00    -    - error Invali… 310ms   2
   ├ beta     PROD …WXYZ -         -  12:02:00    -    - unknown           -   1
   └┌─ PANIC: cancel session orders on 3 targets ──────────────────────────┐   1
    │ POST /v1/order/cancel/session for each target, all at once           │
    │ 3 PROD                                                               │
    │ Only the 3 of 6 targets matching the filter "master".                │
    │                                                                      │
    │ PROD  master-mm/alpha  …WXYZ                                         │
    │ PROD  master-mm/beta   …WXYZ                                         │
    │ PROD  master-mm/gamma  …WXYZ                                         │
    │                                                                      │
    │ Type yes and press Enter to confirm. Esc aborts.                     │
    │ > ▏                                                                  │
    └──────────────────────────────────────────────────────────────────────┘





 filter "master": 3 of 6 targets
 Enter confirm  Esc abort
"""#,
        "panic-progress-120x40": #"""
 gdesk  ~/.config/gdesk/config.toml                                                     PANIC IN FLIGHT  4 PROD · 2 sbx
  TARGET      ENV  KEY   ROLE          HB LAST       CXL   REJ OUTCOME                                     LAT TRY
▸ desk-a      PROD …AB12 -             -  12:30:00     2     1 ok                                         61ms   1
  desk-b      sbx  …CD34 -             HB now          -     - sent                                          -   1
  ▾ master-mm PROD …WXYZ -             -
   ├ alpha    PROD …WXYZ -             -  now          -     - retrying #1 NoAnswer                          -   1
   ├ beta     PROD …WXYZ -             -  now          -     - sent #2                                       -   2
   └ gamma    PROD …WXYZ -             -  now          -     - queued                                        -   -
  sbx-test    sbx  …EF56 -             -  now          -     - queued                                        -   -





























 PANIC in flight: 1 of 6 done · 1 ok, 1 rejected orders, 0 failed
 j/k move  Enter details  c cancel  ! PANIC  X cancel-all  h history  / filter  r preflight  t theme  ? help  q quit
"""#,
        "panic-progress-80x24": #"""
 gdesk  ~/.config/gdesk/config.toml             PANIC IN FLIGHT  4 PROD · 2 sbx
  TARGET      ENV  KEY   ROLE      HB LAST      CXL  REJ OUTCOME         LAT TRY
▸ desk-a      PROD …AB12 -         -  12:30:00    2    1 ok             61ms   1
  desk-b      sbx  …CD34 -         HB now         -    - sent              -   1
  ▾ master-mm PROD …WXYZ -         -
   ├ alpha    PROD …WXYZ -         -  now         -    - retrying #1 …     -   1
   ├ beta     PROD …WXYZ -         -  now         -    - sent #2           -   2
   └ gamma    PROD …WXYZ -         -  now         -    - queued            -   -
  sbx-test    sbx  …EF56 -         -  now         -    - queued            -   -













 PANIC in flight: 1 of 6 done · 1 ok, 1 rejected orders, 0 failed
 j/k move  Enter details  c cancel  ! PANIC  X cancel-all  ? help  q quit
"""#,
        "readonly-120x40": #"""
 gdesk  ~/.config/gdesk/config.toml                                                           READ-ONLY  4 PROD · 2 sbx
  TARGET      ENV  KEY   ROLE          HB LAST       CXL   REJ OUTCOME                                     LAT TRY
▸ desk-a      PROD …AB12 -             -  12:03:00     3     1 ok                                         84ms   1
  desk-b      sbx  …CD34 -             HB -            -     - -                                             -   -
  ▾ master-mm PROD …WXYZ -             -
   ├ alpha    PROD …WXYZ -             -  12:02:00     -     - error InvalidNonce                        310ms   2
   ├ beta     PROD …WXYZ -             -  12:02:00     -     - unknown                                       -   1
   └ gamma    PROD …WXYZ -             -  Apr 30       0     0 ok                                         95ms   1
  sbx-test    sbx  …EF56 -             -  12:01:00     -     - unknown NoAnswer                           3.0s   3






























 j/k move  Enter details  h history  / filter  r preflight  t theme  ? help  q quit
"""#,
        "readonly-80x24": #"""
 gdesk  ~/.config/gdesk/config.toml                   READ-ONLY  4 PROD · 2 sbx
  TARGET      ENV  KEY   ROLE      HB LAST      CXL  REJ OUTCOME         LAT TRY
▸ desk-a      PROD …AB12 -         -  12:03:00    3    1 ok             84ms   1
  desk-b      sbx  …CD34 -         HB -           -    - -                 -   -
  ▾ master-mm PROD …WXYZ -         -
   ├ alpha    PROD …WXYZ -         -  12:02:00    -    - error Invali… 310ms   2
   ├ beta     PROD …WXYZ -         -  12:02:00    -    - unknown           -   1
   └ gamma    PROD …WXYZ -         -  Apr 30      0    0 ok             95ms   1
  sbx-test    sbx  …EF56 -         -  12:01:00    -    - unknown NoAn…  3.0s   3














 j/k move  Enter details  h history  / filter  r preflight  ? help  q quit
"""#,
        "readonly-help-80x24": #"""
 g┌─ Keys: Targets ──────────────────────────────────────────────────────────┐x
  │                                                                          │RY
▸ │ j / Down       move down                                                 │ 1
  │ k / Up         move up                                                   │ -
  │ g / Home       first target                                              │
  │ G / End        last target                                               │ 2
  │ Ctrl-d / PgDn  half a page down                                          │ 1
  │ Ctrl-u / PgUp  half a page up                                            │ 1
  │ Enter          details: the last result in full, with rejected order IDs │ 3
  │ h              reject history of this target                             │
  │ H              reject history of all targets                             │
  │ /              filter the targets as you type                            │
  │ Esc            clear the filter                                          │
  │ r              pre-flight: check roles and reachability of the sessions  │
  │                shown                                                     │
  │ t              next colour theme                                         │
  │ ?              keys of this screen                                       │
  │ q / Ctrl-c     quit (asks while a cancel is in flight)                   │
  │                                                                          │
  │ READ-ONLY: the cancel keys are not bound.                                │
  │ Esc/q closes                                                             │
  └──────────────────────────────────────────────────────────────────────────┘

 j/k scroll  Esc close
"""#,
        "small-40x10": #"""



            Enlarge to 60×16
               now 40×10
                q quits




"""#,
        "small-59x16": #"""






                     Enlarge to 60×16
                         now 59×16
                          q quits







"""#,
    ]
}
