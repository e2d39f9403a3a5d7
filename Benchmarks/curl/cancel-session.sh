#!/usr/bin/env bash
# The curl comparison of docs/PERFORMANCE.md: POST /v1/order/cancel/session for each key, signed the way Gemini
# documents it (base64 of the JSON payload; hex HMAC-SHA384 of that base64 text), one curl process and one new
# connection per request.
#
#   cancel-session.sh sign KEYS.tsv N > signed.tsv     sign for the first N keys of the "curl" set (nonce: microseconds)
#   cancel-session.sh seq URL signed.tsv               send them one by one
#   cancel-session.sh par URL signed.tsv               send them all at once with xargs -P
# Each request prints its HTTP status on a line. Set CA_FILE to trust a test CA (https through nginx).
set -euo pipefail
path=/v1/order/cancel/session

post() { # URL KEY PAYLOAD SIGNATURE
  curl -sS -o /dev/null -w '%{http_code}\n' ${CA_FILE:+--cacert "$CA_FILE"} -d '' \
    -H 'Content-Type: text/plain' -H 'Cache-Control: no-cache' \
    -H "X-GEMINI-APIKEY: $2" -H "X-GEMINI-PAYLOAD: $3" -H "X-GEMINI-SIGNATURE: $4" "$1$path"
}

case "${1:-}" in
  sign)
    awk -F'\t' -v n="$3" '$1 == "curl" && count++ < n { print $3 "\t" $4 }' "$2" |
      while IFS=$'\t' read -r key secret; do
        nonce=$(date +%s%6N)
        payload=$(printf '{"request":"%s","nonce":%s}' "$path" "$nonce" | base64 -w0)
        signature=$(printf '%s' "$payload" | openssl dgst -sha384 -hmac "$secret" | sed 's/^.*= //')
        printf '%s\t%s\t%s\n' "$key" "$payload" "$signature"
      done
    ;;
  seq)
    while IFS=$'\t' read -r key payload signature; do
      post "$2" "$key" "$payload" "$signature"
    done < "$3"
    ;;
  par)
    n=$(wc -l < "$3")
    tr '\t' '\n' < "$3" | xargs -P "$n" -n 3 "$0" post "$2"
    ;;
  post)
    shift
    post "$@"
    ;;
  *)
    sed -n '2,10p' "$0" >&2
    exit 64
    ;;
esac
