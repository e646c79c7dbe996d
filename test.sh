#!/usr/bin/env bash
# Runs every test project of TwoZones and ends with "N passed, N failed" summed over all of them.
# Works on a fresh clone: installs Azurite from the lock file and restores NuGet packages itself.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export TWOZONES_REPO_ROOT="$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '\n== %s\n' "$*"; }

# Node tooling (Azurite), pinned by package-lock.json.
if [ ! -d node_modules/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# Debian packages some test projects need (headless Chromium for the dashboard tests).
if [ -x tools/install-system-deps.sh ]; then
  tools/install-system-deps.sh || { echo "installing system packages failed"; echo "0 passed, 1 failed"; exit 1; }
fi

say "dotnet restore"
# Restored on its own: a solution-wide restore inside a -warnaserror build would promote NU1603 (a dependency resolved to a
# newer patch than the official packages ask for) before each project's own WarningsNotAsErrors applies.
if ! dotnet restore TwoZones.Functions.sln -nologo -v:minimal; then
  echo "restore failed"
  echo "0 passed, 1 failed"
  exit 1
fi

say "dotnet build (Release)"
if ! dotnet build TwoZones.Functions.sln -c Release -warnaserror --no-restore -nologo -v:minimal; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

# One test project: its output goes to TestResults/<name>.log, its counts to TestResults/<name>.count ("passed failed").
run_project() {
  local proj=$1 name rc counters p f t e
  name=$(basename "$proj" .csproj)
  dotnet test "$proj" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" --blame-hang-timeout 10m >"$results/$name.log" 2>&1
  rc=$?
  trx="$results/$name.trx"
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    p=${p:-0} f=${f:-0} t=${t:-0} e=${e:-0}
    # Tests that never ran (a crashed or hung test host) count as failed.
    f=$((f + t - e))
  else
    p=0 f=1
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  echo "$p $f" >"$results/$name.count"
}

# The projects are independent (each starts its own Azurite and hosts on free ports), so they run TEST_JOBS at a time
# (default 2, one per core); each project's output is printed whole when it ends, never interleaved. The reliability
# suite runs last and alone: it drives the app at full load and bounds how long requests and restarts take.
jobs=${TEST_JOBS:-2}
projects=(tests/*.Tests/*.csproj)
alone=tests/TwoZones.Reliability.Tests/TwoZones.Reliability.Tests.csproj
run_and_print() {
  local proj=$1 name p f
  run_project "$proj"
  name=$(basename "$proj" .csproj)
  read -r p f <"$results/$name.count"
  { flock 9; say "$name"; cat "$results/$name.log"; echo "$name: $p passed, $f failed"; } 9>"$results/.print.lock"
}
running=0
for proj in "${projects[@]}"; do
  [ "$proj" = "$alone" ] && continue
  if [ "$running" -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
  run_and_print "$proj" &
  running=$((running + 1))
done
wait
[ -f "$alone" ] && run_and_print "$alone"

passed=0 failed=0 status=0
for proj in "${projects[@]}"; do
  name=$(basename "$proj" .csproj)
  p=0 f=1
  [ -f "$results/$name.count" ] && read -r p f <"$results/$name.count"
  passed=$((passed + p)); failed=$((failed + f))
  [ "$f" -ne 0 ] && status=1
done

echo
echo "$passed passed, $failed failed"
exit $status
