# azd postprovision hook on Windows: the same checks as wait-for-access.sh (read it for why they tell when role
# assignments have applied). Same environment, same exit codes: 0 ready or nothing to check, 1 the wait ran out,
# 2 a template output is missing.
$ErrorActionPreference = 'Stop'

$timeoutSeconds = if ($env:ACCESS_WAIT_TIMEOUT_SECONDS) { [int]$env:ACCESS_WAIT_TIMEOUT_SECONDS } else { 600 }
$intervalSeconds = if ($env:ACCESS_WAIT_INTERVAL_SECONDS) { [int]$env:ACCESS_WAIT_INTERVAL_SECONDS } else { 10 }

function Say([string]$message) { Write-Host "wait-for-access: $message" }

if (-not $env:AZURE_PRINCIPAL_ID) {
    Say 'AZURE_PRINCIPAL_ID is empty, so the deployment granted the deploying principal nothing to check with; not waiting.'
    exit 0
}

foreach ($name in 'AZURE_STORAGE_ACCOUNT_NAME', 'AZURE_DEPLOYMENT_CONTAINER_NAME', 'COSMOS_ENDPOINT', 'COSMOS_DATABASE_NAME') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        [Console]::Error.WriteLine("wait-for-access: $name is not set; run this hook through azd (azd provision) after infra/main.bicep has deployed.")
        exit 2
    }
}

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    Say 'the Azure CLI (az) is not installed, so access cannot be checked; if azd deploy fails with 403, run it again in a few minutes.'
    exit 0
}

function Test-Storage {
    az storage blob list --account-name $env:AZURE_STORAGE_ACCOUNT_NAME --container-name $env:AZURE_DEPLOYMENT_CONTAINER_NAME `
        --auth-mode login --num-results 1 --only-show-errors --output none 2>$null | Out-Null
    return $LASTEXITCODE -eq 0
}

function Test-Cosmos {
    $token = az account get-access-token --resource https://cosmos.azure.com --query accessToken --output tsv 2>$null
    if ($LASTEXITCODE -ne 0 -or -not $token) { return $false }
    $date = [DateTime]::UtcNow.ToString('r', [Globalization.CultureInfo]::InvariantCulture)
    $url = "$($env:COSMOS_ENDPOINT.TrimEnd('/'))/dbs/$($env:COSMOS_DATABASE_NAME)"
    az rest --method get --url $url --skip-authorization-header `
        --headers "Authorization=type%3Daad%26ver%3D1.0%26sig%3D$token" "x-ms-date=$date" 'x-ms-version=2018-12-31' `
        --only-show-errors --output none 2>$null | Out-Null
    return $LASTEXITCODE -eq 0
}

$clock = [Diagnostics.Stopwatch]::StartNew()
$storage = 'waiting'
$cosmos = 'waiting'
Say "checking that new role assignments have applied to Blob Storage and Cosmos DB (at most $timeoutSeconds s)."
while ($true) {
    if ($storage -eq 'waiting' -and (Test-Storage)) {
        $storage = 'ready'
        Say "Blob Storage accepts the new role assignments ($([int]$clock.Elapsed.TotalSeconds) s)."
    }
    if ($cosmos -eq 'waiting' -and (Test-Cosmos)) {
        $cosmos = 'ready'
        Say "Cosmos DB accepts the new role assignments ($([int]$clock.Elapsed.TotalSeconds) s)."
    }
    if ($storage -eq 'ready' -and $cosmos -eq 'ready') {
        Say 'access is in place; deploying.'
        exit 0
    }

    $elapsed = [int]$clock.Elapsed.TotalSeconds
    if ($elapsed -ge $timeoutSeconds) {
        [Console]::Error.WriteLine("wait-for-access: gave up after $timeoutSeconds s: Blob Storage $storage, Cosmos DB $cosmos. Role assignments can take longer to apply; run azd deploy in a few minutes (raise ACCESS_WAIT_TIMEOUT_SECONDS to wait longer).")
        exit 1
    }
    Say "waiting for role assignments to apply: Blob Storage $storage, Cosmos DB $cosmos ($elapsed s of $timeoutSeconds s)."
    Start-Sleep -Seconds $intervalSeconds
}
