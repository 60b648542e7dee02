#!/bin/sh
# azd postprovision hook: waits until role assignments made by this provisioning answer on the data plane, so that
# `azd deploy` (next in `azd up`) does not meet a 403 from a role that exists but has not applied yet.
#
# Azure creates a role assignment at once but applies it to Blob Storage and Cosmos DB minutes later. Nothing can
# ask the data plane on behalf of the app's identity from here, so the hook asks as the deploying principal, whose
# assignments (Storage Blob Data Reader on the package container, Cosmos DB Built-in Data Contributor) are made by
# the same deployment on the same resources: once both of its checks pass, the app's roles have had as long.
#
# Reads what azd passes from the environment: AZURE_PRINCIPAL_ID, and the template's outputs
# AZURE_STORAGE_ACCOUNT_NAME, AZURE_DEPLOYMENT_CONTAINER_NAME, COSMOS_ENDPOINT, COSMOS_DATABASE_NAME.
# ACCESS_WAIT_TIMEOUT_SECONDS (default 600) bounds the wait; ACCESS_WAIT_INTERVAL_SECONDS (default 10) spaces checks.
# Exits 0 when both checks pass (or there is nothing to check), 1 when the wait runs out, 2 when a value is missing.
set -eu

timeout_seconds=${ACCESS_WAIT_TIMEOUT_SECONDS:-600}
interval_seconds=${ACCESS_WAIT_INTERVAL_SECONDS:-10}

say() { printf 'wait-for-access: %s\n' "$*"; }

if [ -z "${AZURE_PRINCIPAL_ID:-}" ]; then
  say "AZURE_PRINCIPAL_ID is empty, so the deployment granted the deploying principal nothing to check with; not waiting."
  exit 0
fi

for name in AZURE_STORAGE_ACCOUNT_NAME AZURE_DEPLOYMENT_CONTAINER_NAME COSMOS_ENDPOINT COSMOS_DATABASE_NAME; do
  eval "value=\${$name:-}"
  if [ -z "$value" ]; then
    say "$name is not set; run this hook through azd (azd provision) after infra/main.bicep has deployed." >&2
    exit 2
  fi
done

if ! command -v az >/dev/null 2>&1; then
  say "the Azure CLI (az) is not installed, so access cannot be checked; if azd deploy fails with 403, run it again in a few minutes."
  exit 0
fi

# Lists at most one blob of the package container with the signed-in principal's Entra ID token (no account key).
storage_answers() {
  az storage blob list --account-name "$AZURE_STORAGE_ACCOUNT_NAME" --container-name "$AZURE_DEPLOYMENT_CONTAINER_NAME" \
    --auth-mode login --num-results 1 --only-show-errors --output none >/dev/null 2>&1
}

# Reads the database's metadata from the Cosmos DB data plane. No az command does that, so the token comes from az
# and the request goes through az rest, with Cosmos DB's own Entra ID authorization header in place of Bearer.
cosmos_answers() {
  token=$(az account get-access-token --resource https://cosmos.azure.com --query accessToken --output tsv 2>/dev/null) || return 1
  [ -n "$token" ] || return 1
  request_date=$(LC_ALL=C date -u '+%a, %d %b %Y %H:%M:%S GMT')
  az rest --method get --url "${COSMOS_ENDPOINT%/}/dbs/${COSMOS_DATABASE_NAME}" --skip-authorization-header \
    --headers "Authorization=type%3Daad%26ver%3D1.0%26sig%3D${token}" "x-ms-date=${request_date}" "x-ms-version=2018-12-31" \
    --only-show-errors --output none >/dev/null 2>&1
}

started=$(date +%s)
deadline=$((started + timeout_seconds))
storage=waiting
cosmos=waiting
say "checking that new role assignments have applied to Blob Storage and Cosmos DB (at most ${timeout_seconds} s)."
while :; do
  if [ "$storage" = waiting ] && storage_answers; then
    storage=ready
    say "Blob Storage accepts the new role assignments ($(($(date +%s) - started)) s)."
  fi
  if [ "$cosmos" = waiting ] && cosmos_answers; then
    cosmos=ready
    say "Cosmos DB accepts the new role assignments ($(($(date +%s) - started)) s)."
  fi
  if [ "$storage" = ready ] && [ "$cosmos" = ready ]; then
    say "access is in place; deploying."
    exit 0
  fi

  now=$(date +%s)
  if [ "$now" -ge "$deadline" ]; then
    say "gave up after ${timeout_seconds} s: Blob Storage ${storage}, Cosmos DB ${cosmos}. Role assignments can take longer to apply;" \
      "run azd deploy in a few minutes (raise ACCESS_WAIT_TIMEOUT_SECONDS to wait longer)." >&2
    exit 1
  fi
  say "waiting for role assignments to apply: Blob Storage ${storage}, Cosmos DB ${cosmos} ($((now - started)) s of ${timeout_seconds} s)."
  sleep "$interval_seconds"
done
