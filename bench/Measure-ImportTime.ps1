<#
.SYNOPSIS
    How much importing Cloudthread adds to a PowerShell start (budget: 100 ms on a ReadyToRun pwsh).

.DESCRIPTION
    Starts fresh PowerShell processes, alternating a bare start with a start that imports the built module,
    and prints the median of each and their difference. Run ./build.ps1 first (it measures out/Cloudthread/<version>/).
    The import cost is what a user pays in every session and every runbook job, so it is measured cold, in
    new processes, the way they pay it. Prints numbers; exits 1 when the median difference exceeds the budget.

.EXAMPLE
    ./bench/Measure-ImportTime.ps1 -Runs 15

.EXAMPLE
    bench/Cloudthread.Bench.PwshHost/bin/pwsh-r2r/linux-x64/pwsh -NoProfile -File bench/Measure-ImportTime.ps1

    The same in the ReadyToRun host of the benchmark (published by its first item-6 run), which the budget is about.
#>
param(
    [string] $ModulePath,
    [ValidateRange(3, 100)] [int] $Runs = 11,
    [int] $BudgetMilliseconds = 100
)

$ErrorActionPreference = 'Stop'
if (-not $ModulePath) {
    $built = @(Get-ChildItem -Path (Join-Path (Split-Path -Parent $PSScriptRoot) 'out/Cloudthread/*/Cloudthread.psd1') -ErrorAction Ignore |
        Sort-Object LastWriteTimeUtc -Descending)
    if ($built.Count -eq 0) { throw 'No built module: run ./build.ps1 first, or pass -ModulePath.' }
    $ModulePath = $built[0].FullName
}
. (Join-Path (Join-Path (Split-Path -Parent $PSScriptRoot) 'tools') 'Get-ChildShellPath.ps1')
$shell = Get-ChildShellPath

function Measure-Start([string] $Command) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    & $shell -NoProfile -NonInteractive -Command $Command | Out-Null
    $watch.Stop()
    if ($LASTEXITCODE -ne 0) { throw "'$Command' failed with exit code $LASTEXITCODE." }
    $watch.Elapsed.TotalMilliseconds
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $middle = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2 -eq 1) { return $sorted[$middle] }
    ($sorted[$middle - 1] + $sorted[$middle]) / 2
}

# One warm-up of each, not counted: the first start pays for disk caches.
Measure-Start 'exit 0' | Out-Null
Measure-Start "Import-Module '$ModulePath'; exit 0" | Out-Null

$bare = New-Object System.Collections.Generic.List[double]
$withModule = New-Object System.Collections.Generic.List[double]
for ($i = 0; $i -lt $Runs; $i++) {
    $bare.Add((Measure-Start 'exit 0'))
    $withModule.Add((Measure-Start "Import-Module '$ModulePath'; exit 0"))
}

$bareMedian = Get-Median $bare.ToArray()
$moduleMedian = Get-Median $withModule.ToArray()
$added = $moduleMedian - $bareMedian
'{0} {1}, {2} runs each' -f $PSVersionTable.PSEdition, $PSVersionTable.PSVersion, $Runs
'bare start           median {0,8:N1} ms' -f $bareMedian
'start + Import-Module median {0,8:N1} ms' -f $moduleMedian
'import adds                 {0,8:N1} ms (budget {1} ms)' -f $added, $BudgetMilliseconds
if ($added -gt $BudgetMilliseconds) {
    Write-Warning "Importing Cloudthread adds $([math]::Round($added)) ms, over the $BudgetMilliseconds ms budget."
    exit 1
}
