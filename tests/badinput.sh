#!/usr/bin/env bash
# Bad input through the real CLI (issue 14): every way a file can be wrong, given to every
# command that reads a file from outside (lint CONFIG, diagnose --file, inspect-token --file,
# lint --baseline, a config's `import:` and `${file:}` secret). Each run is bounded in time
# (timeout) and memory (ulimit -v) and must end as one of:
#   refused  exit 2 and exactly one line on stderr that names the file (path or base name);
#   handled  exit 0, 1 or 2 (2 again with one line naming the file), never 3, a signal or a hang.
# usage: badinput.sh OIDC_DOCTOR_BINARY
set -uo pipefail
bin=${1:?usage: badinput.sh BINARY}
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/od-badinput.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1 OD_TEST_SECRET=Qx7~d9Kp2vT8sLm4Zr1Wn6Yb3Hc5Fj0Ga
limit_s=20 limit_kb=$((2 * 1024 * 1024))
failures=0 runs=0

# run EXPECT NAME-IN-ERROR ARGS...: runs the binary bounded, checks the outcome.
run() {
  local expect=$1 name=$2
  shift 2
  runs=$((runs + 1))
  (ulimit -v "$limit_kb"; exec timeout -k 2 "$limit_s" "$bin" "$@") </dev/null >"$tmp/out" 2>"$tmp/err"
  local rc=$? lines
  lines=$(wc -l <"$tmp/err")
  local why=""
  if ((rc == 124 || rc == 137)); then
    why="did not end within ${limit_s}s"
  elif ((rc > 2)); then
    why="exit $rc"
  elif [[ $expect == refused ]] && ((rc != 2)); then
    why="exit $rc, expected 2"
  elif ((rc == 2)) && [[ $lines -ne 1 ]]; then
    why="$lines lines on stderr, expected one"
  elif ((rc == 2)) && ! grep -qF -- "$name" "$tmp/err"; then
    why="the error does not name $name"
  elif LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$tmp/err"; then
    why="control characters on stderr"
  fi
  if [[ -n $why ]]; then
    failures=$((failures + 1))
    echo "FAIL ($why): oidc-doctor $*" >&2
    head -c 600 "$tmp/err" | sed 's/^/    stderr: /' >&2
  fi
}

clean=$src/fixtures/configs/generic-auth0-clean.yaml
cp "$clean" "$tmp/clean.yaml"

# The files, each named after what is wrong with it.
: >"$tmp/empty"
mkfifo "$tmp/fifo"
mkdir "$tmp/directory"
truncate -s 300M "$tmp/huge"                                   # sparse: no disk used
printf 'version: 1\n\0\0platform: generic\n\0' >"$tmp/nul-bytes"
{
  echo 'version: 1'
  echo 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
  for i in 1 2 3 4 5 6 7 8 9; do
    printf 'a%d: &a%d [' "$i" "$i"
    for _ in 1 2 3 4 5 6 7 8; do printf '*a%d,' $((i - 1)); done
    printf '*a%d]\n' $((i - 1))
  done
} >"$tmp/billion-laughs"
{ echo 'base: &base { name: merged }'; sed 's/^provider:$/provider:\n  <<: *base/' "$clean"; } >"$tmp/merge-keys"
{ cat "$clean"; echo 'version: 1'; } >"$tmp/duplicate-keys"
{ printf 'version: 1\nplatform: "'; head -c 12000000 /dev/zero | tr '\0' x; printf '"\n'; } >"$tmp/long-line"
sed 's/$/\r/' "$clean" >"$tmp/crlf"
printf '\xef\xbb\xbf' | cat - "$clean" >"$tmp/utf8-bom"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$clean"; } >"$tmp/utf16"
{ printf 'version: 1\nprovider: '; head -c 200000 /dev/zero | tr '\0' '['; } >"$tmp/deep-yaml"
{ head -c 200000 /dev/zero | tr '\0' '['; } >"$tmp/deep-json"
sed 's/name: Auth0 (proseware)/name: Auth0 caf\xe9 \xff\xfe/' "$clean" >"$tmp/invalid-utf8"
printf '{"keys": [{"kty": "RSA", "e": 1E400}], "schema": 1E400, "log": 1E400}\n' >"$tmp/number-1e400"
# JSON escapes that decode to a line break, a backspace and ESC inside a member name (quoted back
# by the export reader's "found an object with keys" error).
printf '{"import\\nnext line\\b\\u001b[2J": 0}\n' >"$tmp/control-keys"
ln -s "$tmp/loop-b" "$tmp/loop-a"
ln -s "$tmp/loop-a" "$tmp/loop-b"

files=(empty fifo directory huge nul-bytes billion-laughs merge-keys duplicate-keys long-line crlf utf8-bom utf16
       deep-yaml deep-json invalid-utf8 number-1e400 control-keys loop-a)
# Files that are wrong for every reader: refused with one line. The rest are wrong for some
# readers only (a CRLF config is fine, a CRLF baseline is not JSON): handled.
declare -A always_refused=([empty]=1 [fifo]=1 [directory]=1 [huge]=1 [nul-bytes]=1 [utf16]=1 [deep-json]=1
                           [loop-a]=1)
expect_for() { [[ -n ${always_refused[$1]:-} ]] && echo refused || echo handled; }

for f in "${files[@]}"; do
  p=$tmp/$f e=$(expect_for "$f")
  run "$e" "$f" lint "$p" --no-resolve-secrets --today 2026-11-22
  run "$e" "$f" lint "$p" --no-resolve-secrets --today 2026-11-22 --format json
  # diagnose reads any text: brackets that are no JSON document are text with nothing recognised.
  run "$([[ $f == deep-json ]] && echo handled || echo "$e")" "$f" diagnose --file "$p"
  run "$e" "$f" inspect-token --file "$p"
  [[ $f == crlf || $f == utf8-bom || $f == merge-keys || $f == duplicate-keys ]] && e=refused  # not JSON
  run "$e" "$f" lint "$tmp/clean.yaml" --no-resolve-secrets --today 2026-11-22 --baseline "$p"
  # The same file as a client's `import:` export (a config one folder up, the path relative).
  sed "s|^    client_id: .*|&\n    import: $p|" "$clean" >"$tmp/with-import.yaml"
  run "$(expect_for "$f")" "$f" lint "$tmp/with-import.yaml" --no-resolve-secrets --today 2026-11-22
done

# Devices, by their own names.
for dev in /dev/zero /dev/null /dev/urandom; do
  run refused "$dev" lint "$dev"
  run refused "$dev" diagnose --file "$dev"
  run refused "$dev" inspect-token --file "$dev"
  run refused "$dev" lint "$tmp/clean.yaml" --no-resolve-secrets --baseline "$dev"
done

# ${file:} secrets that are no readable regular file. The secret's own content is never printed.
for target in "$tmp/fifo" "$tmp/loop-a" /dev/zero "$tmp/directory" "$tmp/huge" /proc/self/status /proc/self/environ; do
  sed "s|^    client_secret: .*|    client_secret: \${file:$target}|" "$src/fixtures/configs/outsystems-okta-clean.yaml" \
    >"$tmp/secret-ref.yaml"
  run handled "$(basename "$target")" lint "$tmp/secret-ref.yaml" --today 2026-11-22
  if grep -q "$OD_TEST_SECRET" "$tmp/out" "$tmp/err"; then
    failures=$((failures + 1))
    echo "FAIL (a secret was printed): \${file:$target}" >&2
  fi
done

echo "badinput: $runs runs, $failures failures"
((failures == 0))
