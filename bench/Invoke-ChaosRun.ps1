<#
.SYNOPSIS
The chaos run: sends -Points custom-data points from a CSV file through injected faults (about 20% of requests
answered 503 or 429, 2% of connections dropped), sends what was not confirmed again from -FailedPointsPath, then
compares the emulator's store with the input and prints lost / duplicated / wrong counts and the time.

.DESCRIPTION
Run by hand or in a nightly job (not in .ci/run: a million points take minutes):

    ./build.ps1 -Task Build
    ./bench/Invoke-ChaosRun.ps1                     # 1,000,000 points against an emulator it starts
    ./bench/Invoke-ChaosRun.ps1 -Points 20000       # the size the Pester suite runs (tests/pester/Reliability.Tests.ps1)

The module is $env:CLOUDTHREAD_TEST_MODULE or the newest out/Cloudthread/*/Cloudthread.psd1; the emulator is
$env:CLOUDTHREAD_EMULATOR_DLL or the newest build (tests/pester/Common.ps1 finds both). Loopback only. Writes the
result object (Points, Stored, Lost, Duplicated, Wrong, Rounds, NotConfirmedAfterFirstRound, FaultsInjected, Seconds).
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 100000000)]
    [int] $Points = 1000000,
    [ValidateRange(0.0, 1.0)]
    [double] $ErrorRate = 0.12,
    [ValidateRange(0.0, 1.0)]
    [double] $ThrottleRate = 0.08,
    [ValidateRange(0.0, 1.0)]
    [double] $DropRate = 0.02,
    # Points per request: smaller means more requests, so more of them faulted.
    [ValidateRange(1, 100000)]
    [int] $BatchSize = 1000,
    # An emulator already running (its data and faults are reset); without it, one is started and stopped.
    [string] $BaseUri,
    [string] $WorkFolder = [System.IO.Path]::GetTempPath(),
    # Sends of the points not confirmed, after the first, before giving up.
    [ValidateRange(0, 20)]
    [int] $MaxResends = 5
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../tests/pester/Common.ps1')
if (-not (Get-Module Cloudthread)) { Import-TestModule }

$started = $null
if (-not $BaseUri) {
    $started = Start-TestEmulator
    $BaseUri = $started.BaseUri
}
$emulator = [pscustomobject]@{ BaseUri = $BaseUri.TrimEnd('/') }

# Point i has a key of its own (metric i % 10, shard (i / 10) % 100, hour i / 1000) and the value i / 2.
$hourZero = [datetime]::new(2030, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
$csvPath = Join-Path $WorkFolder "chaos-$Points.csv"
$writer = [System.IO.StreamWriter]::new($csvPath, $false, [System.Text.UTF8Encoding]::new($false))
try {
    $writer.WriteLine('Timestamp,MetricName,MetricValue,Shard')
    for ($i = 0; $i -lt $Points; $i++) {
        $writer.Write($hourZero.AddHours([math]::Floor($i / 1000)).ToString('yyyy-MM-ddTHH:00:00Z', [cultureinfo]::InvariantCulture))
        $writer.Write(',chaos-')
        $writer.Write($i % 10)
        $writer.Write(',')
        $writer.Write(($i / 2).ToString('R', [cultureinfo]::InvariantCulture))
        $writer.Write(',s')
        $writer.WriteLine([math]::Floor($i / 10) % 100)
    }
}
finally { $writer.Dispose() }

$watch = [System.Diagnostics.Stopwatch]::StartNew()
try {
    Reset-TestEmulator $emulator
    Connect-Cloudthread -BaseUri $BaseUri -ApiKey (ConvertTo-TestSecureString 'ct-demo-api-key') `
        -DataStreamToken (ConvertTo-TestSecureString 'ct-demo-stream-token') -MaxRetries 6 -MaxRetryDelay 1
    Set-TestEmulatorFault $emulator @{ error_rate = $ErrorRate; error_status = 503; throttle_rate = $ThrottleRate; retry_after_seconds = 0; drop_rate = $DropRate }

    # The first send, then the points not confirmed again from the file the previous send wrote, as a runbook would.
    $source = $csvPath
    $rounds = 0
    $notConfirmedFirst = $null
    do {
        $failed = Join-Path $WorkFolder "chaos-failed-$rounds.csv"
        Send-CtCustomData -Path $source -BatchSize $BatchSize -FailedPointsPath $failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $left = [math]::Max(0, @(Get-Content -LiteralPath $failed -ReadCount 0).Count - 1)
        if ($null -eq $notConfirmedFirst) { $notConfirmedFirst = $left }
        $source = $failed
        $rounds++
    } while ($left -gt 0 -and $rounds -le $MaxResends)

    $sent = $watch.Elapsed
    $faults = (Get-TestEmulatorStat $emulator).faults_injected
    Set-TestEmulatorFault $emulator @{ error_rate = 0; throttle_rate = 0; drop_rate = 0 }

    # The store, read as a stream of records (a million of them would not fit ConvertFrom-Json's objects).
    $dump = Join-Path $WorkFolder 'chaos-store.json'
    Invoke-WebRequest -Uri "$($emulator.BaseUri)/_emulator/custom-data" -OutFile $dump -UseBasicParsing
    $seen = [bool[]]::new($Points)
    $stored = 0; $duplicated = 0; $wrong = 0
    $file = [System.IO.File]::OpenRead($dump)
    try {
        $document = [System.Text.Json.JsonDocument]::Parse($file)
        foreach ($record in $document.RootElement.EnumerateArray()) {
            $name = $record.GetProperty('metric_name').GetString()
            if (-not $name.StartsWith('chaos-')) { continue }
            $stored++
            $hour = [int](([datetimeoffset]::Parse($record.GetProperty('timestamp').GetString(), [cultureinfo]::InvariantCulture).UtcDateTime - $hourZero).TotalHours)
            $shard = [int]$record.GetProperty('custom_dimensions').GetProperty('Shard').GetString().Substring(1)
            $i = $hour * 1000 + $shard * 10 + [int]$name.Substring(6)
            if ($i -lt 0 -or $i -ge $Points -or $record.GetProperty('metric_value').GetDouble() -ne ($i / 2)) { $wrong++; continue }
            if ($seen[$i]) { $duplicated++ } else { $seen[$i] = $true }
        }
        $document.Dispose()
    }
    finally { $file.Dispose() }

    $found = 0
    foreach ($flag in $seen) { if ($flag) { $found++ } }
    $result = [pscustomobject]@{
        Points                      = $Points
        Stored                      = $stored
        Lost                        = $Points - $found
        Duplicated                  = $duplicated
        Wrong                       = $wrong
        Rounds                      = $rounds
        NotConfirmedAfterFirstRound = $notConfirmedFirst
        FaultsInjected              = $faults
        Seconds                     = [math]::Round($sent.TotalSeconds, 1)
    }
    Write-Host ("chaos run: {0:N0} points, {1:N0} lost, {2:N0} duplicated, {3:N0} wrong; {4:N0} faults injected; {5:N0} not confirmed after the first send, {6} send(s); {7:N1} s" -f
        $Points, $result.Lost, $duplicated, $wrong, $faults, $notConfirmedFirst, $rounds, $sent.TotalSeconds)
    $result
}
finally {
    Disconnect-Cloudthread -ErrorAction Ignore
    if ($started) { Stop-TestEmulator $started }
    else { Set-TestEmulatorFault $emulator @{ error_rate = 0; throttle_rate = 0; drop_rate = 0 } }
}
