<#
.SYNOPSIS
    Piped objects against the no-op binary cmdlet, cold and warm, in fresh processes of the ReadyToRun pwsh host.

.DESCRIPTION
    Item 6 of the benchmark (bench/Cloudthread.Bench/PowerShellScenarios.cs), narrowed to the two ways whose ratio is
    the piped-input target: `$rows | Send-CtCustomData` and `$null = $rows | Send-CtNoop`, over the same 100k
    Import-Csv rows. Each run starts one fresh process of the ReadyToRun pwsh host (bench/Cloudthread.Bench.PwshHost,
    published on first use) per way: import the module and the no-op, connect to the emulator (its own process,
    loopback), then a cold pass (the first in the process) and a warm pass (the same again in the same process), each
    over rows imported again before its clock starts. Ways are interleaved run by run, so each ratio compares processes
    that ran under the same load.

    -ModulePath takes several layouts (say, a copy of the built layout before a change and the layout after it): each
    gets its own piped way in the same interleaved runs, all against the same no-op.

    Prints numbers; asserts nothing.

.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Build; dotnet build -c Release bench/Cloudthread.Bench.Cmdlets
    dotnet pwsh -NoProfile -File bench/Measure-ColdPiped.ps1 -Runs 5
#>
param(
    [string[]] $ModulePath,
    [ValidateRange(1, 50)] [int] $Runs = 5,
    [ValidateRange(1000, 10000000)] [int] $Points = 100000
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
. (Join-Path $root 'tests/pester/Common.ps1')
. (Join-Path $PSScriptRoot 'BenchShells.ps1')

$modules = @(if ($ModulePath) { $ModulePath | ForEach-Object { Resolve-BuiltModule $_ $root } } else { Resolve-BuiltModule $null $root })
$noopPath = Find-NoopCmdlet $root
if (-not $env:CLOUDTHREAD_EMULATOR_DLL -and (Test-Path (Join-Path $root 'out/emulator/Cloudthread.Emulator.dll'))) {
    $env:CLOUDTHREAD_EMULATOR_DLL = Join-Path $root 'out/emulator/Cloudthread.Emulator.dll'
}
$pwsh = Get-ReadyToRunPwsh $root

# The script each fresh process runs (item 6's wrapper): prints ELAPSED_COLD_MS= and ELAPSED_WARM_MS=.
$child = $ChildPrelude + @'
foreach ($pass in 'COLD', 'WARM') {
    # Fresh rows each pass: PowerShell builds an object's member sets the first time its properties are listed.
    $rows = $null; [GC]::Collect(); $rows = Import-Csv $Csv
    $sw = [Diagnostics.Stopwatch]::StartNew()
    switch ($Way) {
        'piped' { $rows | Send-CtCustomData }
        'noop' { $null = $rows | Send-CtNoop }
    }
    $sw.Stop()
    "ELAPSED_${pass}_MS=" + $sw.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)
}
'@

$work = New-BenchFolder 'coldpiped'
$emulator = $null
try {
    $childScript = Join-Path $work 'Send-Twice.ps1'
    Set-Content -LiteralPath $childScript -Value $child

    $csv = Join-Path $work 'points.csv'
    Write-PointsCsv $csv $Points

    $emulator = Start-TestEmulator
    $base = $emulator.BaseUri.ToString().TrimEnd('/')

    $ways = [System.Collections.Generic.List[object]]::new()
    for ($m = 0; $m -lt $modules.Count; $m++) {
        $name = if ($modules.Count -eq 1) { '$rows | Send-CtCustomData' } else { "`$rows | Send-CtCustomData [$($m + 1)]" }
        $ways.Add([pscustomobject]@{ Name = $name; Module = $modules[$m]; Way = 'piped' })
    }
    $noopWay = [pscustomobject]@{ Name = '$null = $rows | Send-CtNoop'; Module = $modules[0]; Way = 'noop' }
    $ways.Add($noopWay)

    function Invoke-Child($Way) {
        Reset-TestEmulator -Emulator $emulator
        $output = Invoke-PwshProcess $pwsh @('-File', $childScript, $Way.Module, $noopPath, $base, $emulator.ApiKey, $emulator.DataStreamToken, $csv, $Way.Way) -Name $Way.Name
        $values = @{}
        foreach ($line in $output -split "`n") {
            if ($line -match '^(ELAPSED_[A-Z]+_MS)=(.*)$') { $values[$Matches[1]] = [double]::Parse($Matches[2].Trim(), [cultureinfo]::InvariantCulture) }
        }
        [pscustomobject]@{ Cold = $Points / ($values.ELAPSED_COLD_MS / 1000); Warm = $Points / ($values.ELAPSED_WARM_MS / 1000) }
    }

    $load = if (Test-Path /proc/loadavg) { ' (load average ' + ((Get-Content /proc/loadavg) -split ' ')[0] + ' at the start)' } else { '' }
    for ($m = 0; $m -lt $modules.Count; $m++) { "Module [$($m + 1)]: $($modules[$m])" }
    "Host: $pwsh (ReadyToRun)"
    "{0:N0} rows, {1} fresh processes per way interleaved, medians, {2} cores{3}" -f $Points, $Runs, [Environment]::ProcessorCount, $load

    $samples = @{}
    foreach ($way in $ways) { $samples[$way.Name] = [System.Collections.Generic.List[object]]::new() }
    for ($run = 1; $run -le $Runs; $run++) {
        foreach ($way in $ways) {
            $sample = Invoke-Child $way
            $samples[$way.Name].Add($sample)
            Write-Host ('  run {0}, {1}: cold {2:N0}, warm {3:N0} points/s' -f $run, $way.Name, $sample.Cold, $sample.Warm)
        }
    }

    $noopSamples = $samples[$noopWay.Name]
    $noopCold = Get-Median $noopSamples.Cold
    $noopWarm = Get-Median $noopSamples.Warm
    ''
    '| way, R2R pwsh | cold points/s | cold / no-op | cold / no-op, same run (median) | warm points/s | warm / no-op | runs, cold (k points/s) | runs, warm |'
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |'
    foreach ($way in $ways) {
        $s = $samples[$way.Name]
        $cold = Get-Median $s.Cold
        $warm = Get-Median $s.Warm
        # The ratio run by run (each against the no-op process that ran next to it), then its median: less noisy under load.
        $paired = Get-Median @(for ($i = 0; $i -lt $s.Count; $i++) { $s[$i].Cold / $noopSamples[$i].Cold })
        $thousands = { param($values) ($values | ForEach-Object { ($_ / 1000).ToString('0.0', [cultureinfo]::InvariantCulture) }) -join ', ' }
        '| {0} | {1:N0} | {2:0.00} | {3:0.00} | {4:N0} | {5:0.00} | {6} | {7} |' -f ($way.Name -replace '\|', '\|'), $cold, ($cold / $noopCold), $paired, $warm, ($warm / $noopWarm),
            (& $thousands $s.Cold), (& $thousands $s.Warm)
    }
}
finally {
    if ($emulator) { Stop-TestEmulator -Emulator $emulator }
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
}
