#!/usr/bin/env bash
# Counts the storage requests one status update costs in the real app: the Release build under tools/func on a private
# in-memory Azurite with its debug log on, the sample catalogue imported (751 live trackers), then sequential updates.
# Each window covers the updates and SECONDS more for the trackers' rounds; the provider's idle polling, measured in a
# window of its own, is subtracted. Request names are Azurite's.
#
#   dotnet build src/TwoZones.Functions -c Release && bench/requests-per-update.sh [N=100] [SECONDS=15]
#
# N caps the Commenced -> Completed updates; every Proposed measure of the sample is moved to Commenced.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
updates=${1:-100}
after=${2:-15}
app="$root/src/TwoZones.Functions/bin/Release/net10.0"
[ -f "$app/TwoZones.Functions.dll" ] || { echo "build first: dotnet build src/TwoZones.Functions -c Release" >&2; exit 1; }
[ -d node_modules/azurite ] || npm ci --no-audit --no-fund >/dev/null

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
blob=$(free_port); queue=$(free_port); table=$(free_port); http=$(free_port)
work=$(mktemp -d)
azurite_pid="" app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null && wait "$azurite_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

node node_modules/azurite/dist/src/azurite.js --inMemoryPersistence --silent --skipApiVersionCheck --disableTelemetry \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort "$blob" --queuePort "$queue" --tablePort "$table" --debug "$work/azurite.log" >"$work/azurite.out" 2>&1 &
azurite_pid=$!
for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null && break; sleep 0.1; done

# Azurite's published development account key.
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
# The sample's TwoZones settings (demo keys, schedules); the names hold ':' so they are passed with env, not export.
mapfile -t settings < <(node -e 'const v=require(process.argv[1]).Values; for (const k of Object.keys(v)) if (k.startsWith("TwoZones:")) console.log(k + "=" + v[k])' "$root/local.settings.sample.json")
env "${settings[@]}" "$root/tools/func" start --script-root "$app" --port "$http" >"$work/app.log" 2>&1 &
app_pid=$!
base="http://127.0.0.1:$http/api"
coordinator="x-functions-key: local-coordinator-key"
for _ in $(seq 1 300); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done

json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);process.stdout.write(String(eval(process.argv[1])))})' "$1"; }
status_url=$(curl -fs -X POST -H "$coordinator" -H 'content-type: application/json' --data-binary @data/catalogue.sample.json "$base/catalogue" | json 'v.statusQueryGetUri')
for _ in $(seq 1 600); do
  [ "$(curl -fs -H "$coordinator" "$status_url" | json 'v.runtimeStatus')" = Completed ] && break
  sleep 1
done
# Let the trackers' first rounds finish, so the windows below see the updates and not the import.
sleep 60

# Request names of every window are counted from Azurite's log; a window opens and closes with a marker request.
mark() { curl -s -o /dev/null "http://127.0.0.1:$table/devstoreaccount1/Marker$1()"; date +%s.%N >"$work/mark-$1"; }
ids_with() { # ids_with STATUS KIND: every item of KIND (tasks|measures) with STATUS
  local token="" page
  while :; do
    page=$(curl -fs -H "$coordinator" "$base/$2?status=$1${token:+&continuationToken=$token}")
    json 'v.items.map(i=>i.id).join("\n")' <<<"$page"; echo
    token=$(json 'encodeURIComponent(v.continuationToken ?? "")' <<<"$page")
    [ -n "$token" ] || break
  done | grep -v '^$' || true
}
move() { # move KIND TO ID...: sequential status updates
  local kind=$1 to=$2; shift 2
  for id in "$@"; do
    curl -fs -o /dev/null -X POST -H "$coordinator" -H 'content-type: application/json' \
      -d "{\"status\":\"$to\",\"effectiveDate\":\"$today\"}" "$base/$kind/$id/status"
  done
}
today=$(TZ=Asia/Shanghai date +%F)

# Idle: the provider's polling and lease renewals, subtracted from the windows below in proportion to their length.
mark IdleStart; sleep "$after"; mark IdleEnd

mapfile -t proposed < <(ids_with Proposed measures)
mark CommenceStart; move measures Commenced "${proposed[@]}"; sleep "$after"; mark CommenceEnd

mapfile -t commenced < <(ids_with Commenced measures | head -n "$updates")
mark CompleteStart; move measures Completed "${commenced[@]}"; sleep "$after"; mark CompleteEnd
sleep 2

echo "storage requests per status update (751 items with live trackers; each window includes $after s for the trackers' rounds, minus idle polling)"
node -e '
const fs = require("fs"), [log, work, nCommence, nComplete] = process.argv.slice(1);
const t = name => Number(fs.readFileSync(`${work}/mark-${name}`, "utf8"));
const windows = { Idle: null, Commence: Number(nCommence), Complete: Number(nComplete) };
let current = null; const counts = {};
for (const line of fs.readFileSync(log, "utf8").split("\n")) {
  const marker = /RequestURL=\S*\/Marker(\w+?)(Start|End)\(\)/.exec(line);
  if (marker) { current = marker[2] === "Start" ? marker[1] : null; continue; }
  const op = /DispatchMiddleware: Operation=(\w+)/.exec(line);
  if (current && op) { (counts[current] ??= {})[op[1]] = (counts[current][op[1]] ?? 0) + 1; }
}
const seconds = w => t(w + "End") - t(w + "Start");
const idleRate = op => (counts.Idle?.[op] ?? 0) / seconds("Idle");
for (const [w, n] of Object.entries(windows)) {
  if (!n) continue;
  const ops = counts[w] ?? {}, len = seconds(w);
  const rows = Object.keys(ops).map(op => [op, (ops[op] - idleRate(op) * len) / n]).filter(r => r[1] >= 0.05).sort((a, b) => b[1] - a[1]);
  const label = w === "Commence" ? "Proposed -> Commenced (tracker waits again)" : "Commenced -> Completed (tracker ends)";
  console.log(`${label}, ${n} updates: ${rows.reduce((a, r) => a + r[1], 0).toFixed(1)} requests per update`);
  for (const [op, per] of rows) console.log(`  ${op}: ${per.toFixed(2)}`);
}
const idle = Object.entries(counts.Idle ?? {}).sort((a, b) => b[1] - a[1]);
console.log(`idle: ${(idle.reduce((a, [, n]) => a + n, 0) / seconds("Idle")).toFixed(1)} requests/s (queue polling, lease renewals)`);
for (const [op, n] of idle) console.log(`  ${op}: ${(n / seconds("Idle")).toFixed(2)}/s`);
' "$work/azurite.log" "$work" "${#proposed[@]}" "${#commenced[@]}"
