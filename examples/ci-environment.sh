#!/usr/bin/env bash
# A CI job's environment on Nuage, with curl and jq: create it (safe to retry: an Idempotency-Key), wait until it is
# ready, print its instances' addresses, delete it. Should the job die before the end, the environment's time to live
# deletes it anyway.
#
#   NUAGE_TOKEN=... NUAGE_TENANT=acme ./examples/ci-environment.sh
#
# NUAGE_URL defaults to http://localhost:8080; ENV_NAME to ci-<random>.
set -euo pipefail

url=${NUAGE_URL:-http://localhost:8080}
tenant=${NUAGE_TENANT:?set NUAGE_TENANT}
token=${NUAGE_TOKEN:?set NUAGE_TOKEN}
name=${ENV_NAME:-ci-$RANDOM}
environments="$url/v1/tenants/$tenant/environments"

api() { curl -sS --fail-with-body -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }

# One key per logical create: a retry after a timeout gets the first answer instead of a 409.
key="$name-$(date +%s)-$RANDOM"
image=quay.io/containerdisks/fedora:41
api -X POST "$environments" -H "Idempotency-Key: $key" -o /dev/null -d @- <<JSON
{"name": "$name", "ttl": "2h",
 "networks": [{"name": "net", "cidr": "10.43.0.0/24"}],
 "instances": [{"name": "app", "vcpus": 1, "memory_mib": 1024, "image": "$image", "networks": [{"network": "net"}]},
               {"name": "db", "vcpus": 1, "memory_mib": 1024, "image": "$image", "networks": [{"network": "net"}]}]}
JSON
echo "environment $name created"

# The GET waits on the server until the phase is reached (or failed, or the timeout ends): no polling loop here.
phase=$(api "$environments/$name?wait_for=ready&timeout=300s" | jq -r .status.phase)
if [ "$phase" != ready ]; then
    api "$environments/$name" | jq -r '"environment is \(.status.phase): \(.status.failed_member // "") \(.status.message // "")"' >&2
    api -X DELETE "$environments/$name" -o /dev/null
    exit 1
fi
echo "environment $name is ready"

# Members carry the label nuage.io/environment=<name>: one list finds them all.
api "$url/v1/tenants/$tenant/instances?label_selector=nuage.io/environment=$name" \
    | jq -r '.items[] | "\(.name) \(.status.ip_addresses | join(" "))"'

api -X DELETE "$environments/$name" -o /dev/null
# Waiting for "deleted" ends in 404 once the environment and all its members are gone.
status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$environments/$name?wait_for=deleted&timeout=300s")
[ "$status" = 404 ] || { echo "environment $name still there ($status)" >&2; exit 1; }
echo "environment $name deleted"
