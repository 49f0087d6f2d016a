<#
.SYNOPSIS
    What the first Send-CtCustomData of a fresh pwsh costs whatever the file's size, step by step, and how much of it
    is the JIT.

.DESCRIPTION
    A cold `Send-CtCustomData -Path` pays once for things a warm one does not: PowerShell's parameter metadata for the
    cmdlet, the first run of the module's code and of the framework's code over its types (compiled by the JIT), the
    first request through the HTTP stack. This script isolates that fixed cost with a one-row CSV file, in fresh
    processes of the ReadyToRun pwsh host (as item 6 of the benchmark): import the module, connect to the emulator (its
    own process, loopback), then time, one after the other in the same process:

      metadata        (Get-Command Send-CtCustomData).Parameters: PowerShell builds the cmdlet's parameter metadata
      bad call        Send-CtCustomData -Path on a missing file: binding, BeginProcessing, the terminating error
      dry run         -WhatIf on the one-row file: the CSV reader, the ingestion, its dry-run report (no request)
      first request   the one-row file sent: the HTTP stack's first request
      second send     the same again: what is left once everything ran once

    Each step prints its time, the methods the JIT compiled during it and the JIT's time (System.Runtime.JitInfo, all
    threads). Medians over the processes. Prints numbers; asserts nothing.

.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Build
    dotnet pwsh -NoProfile -File bench/Measure-FirstCall.ps1 -Runs 5
#>
param(
    [string] $ModulePath,
    [ValidateRange(1, 50)] [int] $Runs = 5
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
. (Join-Path $root 'tests/pester/Common.ps1')
. (Join-Path $PSScriptRoot 'BenchShells.ps1')
$ModulePath = Resolve-BuiltModule $ModulePath $root
if (-not $env:CLOUDTHREAD_EMULATOR_DLL -and (Test-Path (Join-Path $root 'out/emulator/Cloudthread.Emulator.dll'))) {
    $env:CLOUDTHREAD_EMULATOR_DLL = Join-Path $root 'out/emulator/Cloudthread.Emulator.dll'
}
$pwsh = Get-ReadyToRunPwsh $root

$child = @'
param([string] $Module, [string] $Base, [string] $Key, [string] $Token, [string] $Csv)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $Module
Connect-Cloudthread -BaseUri $Base -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force) -DataStreamToken (ConvertTo-SecureString $Token -AsPlainText -Force) | Out-Null
$watch = [System.Diagnostics.Stopwatch]::new()
$invariant = [cultureinfo]::InvariantCulture
function Step([string] $Name, [scriptblock] $Block) {
    $methods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
    $jit = [System.Runtime.JitInfo]::GetCompilationTime($false)
    $watch.Restart()
    try { $null = & $Block } catch { }
    $watch.Stop()
    'STEP {0}={1};{2};{3}' -f $Name, $watch.Elapsed.TotalMilliseconds.ToString($invariant),
        ([System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $methods),
        ([System.Runtime.JitInfo]::GetCompilationTime($false) - $jit).TotalMilliseconds.ToString($invariant)
}
Step 'metadata' { (Get-Command Send-CtCustomData).Parameters.Count }
Step 'bad call' { Send-CtCustomData -Path ($Csv + '.missing') }
Step 'dry run' { Send-CtCustomData -Path $Csv -WhatIf 6>$null }
Step 'first request' { Send-CtCustomData -Path $Csv }
Step 'second send' { Send-CtCustomData -Path $Csv }
'@

$work = New-BenchFolder 'firstcall'
$emulator = $null
try {
    $childScript = Join-Path $work 'First-Call.ps1'
    Set-Content -LiteralPath $childScript -Value $child
    $csv = Join-Path $work 'one.csv'
    Set-Content -LiteralPath $csv -Value "Timestamp,MetricName,MetricValue,region`n2000-01-01 00:00:00,bench-m0,1,us-east-1"

    $emulator = Start-TestEmulator
    $steps = [ordered]@{}
    for ($run = 1; $run -le $Runs; $run++) {
        Reset-TestEmulator -Emulator $emulator
        $output = Invoke-PwshProcess $pwsh @('-File', $childScript, $ModulePath, $emulator.BaseUri, $emulator.ApiKey, $emulator.DataStreamToken, $csv)
        foreach ($line in $output -split "`n") {
            if ($line -match '^STEP ([^=]+)=([^;]+);([^;]+);(.+)$') {
                if (-not $steps.Contains($Matches[1])) { $steps[$Matches[1]] = [System.Collections.Generic.List[double[]]]::new() }
                $steps[$Matches[1]].Add([double[]]@([double]::Parse($Matches[2], [cultureinfo]::InvariantCulture), [double]$Matches[3], [double]::Parse($Matches[4].Trim(), [cultureinfo]::InvariantCulture)))
            }
        }
    }

    $load = if (Test-Path /proc/loadavg) { ', load average ' + ((Get-Content /proc/loadavg) -split ' ')[0] } else { '' }
    "Module: $ModulePath"
    "Host: $pwsh (ReadyToRun); {0} fresh processes, medians, {1} cores{2}" -f $Runs, [Environment]::ProcessorCount, $load
    ''
    '| step, in a fresh process (one-row CSV) | time | methods the JIT compiled | JIT time (all threads) | runs (ms) |'
    '| --- | ---: | ---: | ---: | --- |'
    foreach ($name in $steps.Keys) {
        $samples = $steps[$name]
        '| {0} | {1:N1} ms | {2:N0} | {3:N1} ms | {4} |' -f $name, (Get-Median ($samples | ForEach-Object { $_[0] })), (Get-Median ($samples | ForEach-Object { $_[1] })),
            (Get-Median ($samples | ForEach-Object { $_[2] })), (($samples | ForEach-Object { $_[0].ToString('0', [cultureinfo]::InvariantCulture) }) -join ', ')
    }
}
finally {
    if ($emulator) { Stop-TestEmulator $emulator -ErrorAction Ignore }
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
}
