#!/usr/bin/env bash
# How loading the config and drawing the first frame grow with the number of sessions (issue 9 item 10): medians of
# `gdesk sessions` and of the front end's first frame (until the first session's row is on the tmux screen) for 1,000
# and 10,000 sessions, and their ratio (10 is linear, 100 quadratic).
#   Benchmarks/config-scale/run.sh [GDESK_BINARY] [RUNS]      default: .build/release/gdesk, 5 runs
set -euo pipefail
bin=${1:-.build/release/gdesk}
runs=${2:-5}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
work=$(mktemp -d /tmp/gdesk-config-scale.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
printf 'config-scale-secret' > "$work/secret"
chmod 600 "$work/secret"
for n in 1000 10000; do
  for ((i = 0; i < n; i++)); do
    printf '[[session]]\nname = "s%05d"\napi_key = "account-k%05d"\nsecret_file = "%s/secret"\nurl = "http://127.0.0.1:1"\n\n' "$i" "$i" "$work"
  done > "$work/c$n.toml"
  chmod 600 "$work/c$n.toml"
done
export HOME=$work XDG_STATE_HOME=$work/state LANG=C.UTF-8

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
now() { date +%s.%N; }

sessions_time() {  # seconds for `gdesk sessions` on config $1
  local start end
  start=$(now); "$bin" --config "$1" --history "$work/h.sqlite3" sessions > /dev/null; end=$(now)
  echo "$end - $start" | bc -l
}

first_frame() {  # seconds from start until the first session's row is drawn
  local sock=cs$$ start end
  start=$(now)
  tmux -L "$sock" new-session -d -x 120 -y 40 "$bin --config $1 --history $work/h.sqlite3 ui"
  until tmux -L "$sock" capture-pane -p 2>/dev/null | grep -q s00000; do sleep 0.01; done
  end=$(now)
  tmux -L "$sock" kill-server
  echo "$end - $start" | bc -l
}

declare -A result
for n in 1000 10000; do
  result[load$n]=$(for ((r = 0; r < runs; r++)); do sessions_time "$work/c$n.toml"; done | median)
  result[frame$n]=$(for ((r = 0; r < runs; r++)); do first_frame "$work/c$n.toml"; done | median)
done
printf 'command: Benchmarks/config-scale/run.sh %s %s\n' "${1:-.build/release/gdesk}" "$runs"
printf '%-28s %10s %10s %8s\n' "median of $runs runs (s)" "1,000" "10,000" "ratio"
for what in load frame; do
  label=$([ $what = load ] && echo "gdesk sessions" || echo "front end first frame")
  printf '%-28s %10.3f %10.3f %8.1f\n' "$label" "${result[${what}1000]}" "${result[${what}10000]}" \
    "$(echo "${result[${what}10000]} / ${result[${what}1000]}" | bc -l)"
done
