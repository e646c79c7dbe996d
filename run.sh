#!/usr/bin/env bash
# Runs TwoZones on this machine: http://127.0.0.1:${PORT:-7071}/api
#
#   PORT=7072 ./run.sh                     serve on another port
#   AzureWebJobsStorage='...' ./run.sh     use any Azure Storage account (or a second Azurite)
#   TWOZONES_SEED=none ./run.sh            start with an empty store
#
# Needs only the .NET SDK and Node.js; installs Azurite (from package-lock.json) and NuGet packages itself.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
port=${PORT:-7071}
export PORT=$port
base="http://127.0.0.1:$port/api"

log() { printf '[run.sh] %s\n' "$*"; }

if [ ! -d node_modules/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing Azurite (npm ci)"
  npm ci --no-audit --no-fund >/dev/null
fi

if [ ! -f local.settings.json ]; then
  cp local.settings.sample.json local.settings.json
  log "created local.settings.json from local.settings.sample.json (local-only demo keys)"
else
  # Settings a newer version needs (a new timer's schedule, say) are added from the sample; existing values are kept.
  node -e 'const fs=require("fs");const s=JSON.parse(fs.readFileSync(process.argv[1]));const l=JSON.parse(fs.readFileSync(process.argv[2]));
    l.Values=l.Values||{};const added=Object.keys(s.Values||{}).filter(k=>!(k in l.Values));
    for(const k of added)l.Values[k]=s.Values[k];if(added.length){fs.writeFileSync(process.argv[2],JSON.stringify(l,null,2)+"\n");console.log("[run.sh] added to local.settings.json from the sample: "+added.join(", "))}' \
    local.settings.sample.json local.settings.json
fi

setting() { # setting NAME: the environment wins over local.settings.json, as in Azure Functions Core Tools
  local name=$1
  if [ -n "${!name:-}" ]; then printf '%s' "${!name}"; return; fi
  node -e 'const s=require(process.argv[1]);const v=(s.Values||{})[process.argv[2]];process.stdout.write(v==null?"":String(v))' "$root/local.settings.json" "$name"
}

storage=$(setting AzureWebJobsStorage)
azurite_pid=""
app_pid=""
cleanup() {
  trap - EXIT INT TERM
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  if [ -n "$azurite_pid" ]; then
    log "stopping Azurite"
    kill "$azurite_pid" 2>/dev/null && wait "$azurite_pid" 2>/dev/null
  fi
  exit 0
}
trap cleanup EXIT INT TERM

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ "$storage" = "UseDevelopmentStorage=true" ]; then
  if listening 10002; then
    log "Azurite (or another emulator) already listens on 127.0.0.1:10002; using it"
  else
    mkdir -p .azurite
    log "starting Azurite (data in .azurite/, log in .azurite/azurite.log)"
    # In a session of its own, so Ctrl-C reaches the app first: the app hands its Durable leases back to storage as it stops.
    setsid node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --disableTelemetry \
      --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
      --location .azurite >.azurite/azurite.log 2>&1 &
    azurite_pid=$!
    for _ in $(seq 1 100); do listening 10002 && break; sleep 0.1; done
    listening 10002 || { log "Azurite did not start; see .azurite/azurite.log"; exit 1; }
  fi
fi

log "building (Release)"
dotnet build src/TwoZones.Functions/TwoZones.Functions.csproj -c Release -nologo -v:quiet >/dev/null || {
  log "build failed; run: dotnet build src/TwoZones.Functions -c Release"; exit 1; }

tools/start-app &
app_pid=$!

for _ in $(seq 1 300); do
  kill -0 "$app_pid" 2>/dev/null || { log "the app stopped during start-up (see above)"; app_pid=""; exit 1; }
  curl -fs "$base/health" >/dev/null 2>&1 && break
  sleep 0.2
done

coordinator_key=local-coordinator-key
if [ "${TWOZONES_SEED:-sample}" != "none" ]; then
  total=$(curl -fs -H "x-functions-key: $coordinator_key" "$base/progress" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{process.stdout.write(String(JSON.parse(s).total))}catch{process.stdout.write("?")}})' || true)
  if [ "$total" = "0" ]; then
    log "empty store: importing data/catalogue.sample.json (illustrative sample data)"
    status_url=$(curl -fs -X POST -H "x-functions-key: $coordinator_key" -H 'content-type: application/json' \
      --data-binary @data/catalogue.sample.json "$base/catalogue" |
      node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).statusQueryGetUri||""))') || true
    if [ -n "$status_url" ]; then
      for _ in $(seq 1 300); do
        state=$(curl -fs -H "x-functions-key: $coordinator_key" "$status_url" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{process.stdout.write(JSON.parse(s).runtimeStatus)}catch{}})' || true)
        case "$state" in Completed|Failed|Terminated) break;; esac
        sleep 0.5
      done
      log "import: ${state:-unknown}"
    else
      log "import could not be started (is local-coordinator-key configured?)"
    fi
  elif [ "$total" != "?" ]; then
    log "store already holds $total items; not importing"
  fi
  indicators=$(curl -fs -H "x-functions-key: $coordinator_key" "$base/indicators" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{process.stdout.write(String(JSON.parse(s).items.length))}catch{process.stdout.write("?")}})' || true)
  if [ "$indicators" = "0" ]; then
    log "no indicators yet: importing data/indicators.sample.json (figures taken from public reports)"
    curl -fs -X POST -H "x-functions-key: $coordinator_key" -H 'content-type: application/json' \
      --data-binary @data/indicators.sample.json "$base/indicators" >/dev/null || log "the indicator import failed"
  fi
fi

cat <<MSG

  TwoZones is running:  $base
    health      $base/health
    progress    $base/progress
    dashboard   $base/dashboard?code=local-viewer-key
    OpenAPI     $base/openapi.json

  Demo keys (header x-functions-key; local only):
    local-viewer-key        viewer
    local-commerce-key      official, Beijing Municipal Commerce Bureau (BMCB)
    local-coordinator-key   coordinator

  Press Ctrl-C to stop.
MSG
wait "$app_pid"
