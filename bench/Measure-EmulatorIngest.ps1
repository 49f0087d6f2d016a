<#
.SYNOPSIS
    The emulator's CPU per 100,000 ingested points, for one or more builds of it, side by side.

.DESCRIPTION
    The emulator runs on the same machine as the module in every local run: the demo, the Pester suites, item 6 of the
    benchmark. On a 2-core machine the CPU it spends on each POST /streams/ingest is taken from the client being
    measured. This script starts each given emulator build in its own process (loopback), and sends it the same 100
    bodies of 1000 points each (the points item 6 sends: ten metrics, two dimensions, hourly timestamps), four
    requests at a time, from this process, whose own work is only the HTTP calls (the bodies are made once, before).
    Each round resets the emulator and reads the emulator process's CPU time before and after. The first rounds warm
    it up (JIT); the median of the rest is printed per build, beside its wall time.

    Builds are measured in turn, round by round interleaved, so their figures share the machine's load.
    Prints numbers; asserts nothing.

.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Build
    dotnet pwsh -NoProfile -File bench/Measure-EmulatorIngest.ps1

.EXAMPLE
    # A build before a change beside the current one.
    dotnet pwsh -NoProfile -File bench/Measure-EmulatorIngest.ps1 -EmulatorPath /tmp/before/Cloudthread.Emulator.dll,out/emulator/Cloudthread.Emulator.dll
#>
param(
    [string[]] $EmulatorPath,
    [ValidateRange(1, 100)] [int] $Rounds = 10,
    [ValidateRange(0, 20)] [int] $WarmupRounds = 3
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
. (Join-Path $root 'tests/pester/Common.ps1')
. (Join-Path $PSScriptRoot 'BenchShells.ps1')
if (-not $EmulatorPath) { $EmulatorPath = @(Join-Path $root 'out/emulator/Cloudthread.Emulator.dll') }
# pwsh -File passes "a,b" as one string: split it, as -Command would have.
$EmulatorPath = @($EmulatorPath | ForEach-Object { $_ -split ',' } | Where-Object { $_ } | ForEach-Object { (Resolve-Path -LiteralPath $_).ProviderPath })

# The points of item 6 ($BenchPointOrigin and the rest: BenchShells.ps1), as ingest bodies.
$bodies = [System.Collections.Generic.List[byte[]]]::new()
for ($b = 0; $b -lt 100; $b++) {
    $text = [System.Text.StringBuilder]::new('{"data_stream_token":"ct-demo-stream-token","metric_agg_func":"Sum","data":[')
    for ($j = 0; $j -lt 1000; $j++) {
        $i = $b * 1000 + $j
        if ($j) { [void]$text.Append(',') }
        [void]$text.Append('{"timestamp":"').Append($BenchPointOrigin.AddHours([math]::Floor($i / 10)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [cultureinfo]::InvariantCulture)).
            Append('","metric_name":"bench-m').Append($i % 10).Append('","metric_value":').Append($i).
            Append(',"custom_dimensions":{"region":"').Append($BenchPointRegions[$i % 3]).Append('","team":"').Append($BenchPointTeams[$i % 4]).Append('"}}')
    }
    [void]$text.Append(']}')
    $bodies.Add([System.Text.Encoding]::UTF8.GetBytes($text.ToString()))
}

$emulators = @()
$http = [System.Net.Http.HttpClient]::new()
try {
    foreach ($path in $EmulatorPath) {
        $env:CLOUDTHREAD_EMULATOR_DLL = $path
        $emulator = Start-TestEmulator
        $emulators += [pscustomobject]@{ Path = $path; Emulator = $emulator; Process = (Get-Process -Id $emulator.Process.Id); Cpu = [System.Collections.Generic.List[double]]::new(); Wall = [System.Collections.Generic.List[double]]::new() }
    }

    for ($round = 1; $round -le $WarmupRounds + $Rounds; $round++) {
        foreach ($entry in $emulators) {
            Reset-TestEmulator -Emulator $entry.Emulator
            $uri = $entry.Emulator.BaseUri.TrimEnd('/') + '/streams/ingest'
            $entry.Process.Refresh()
            $before = $entry.Process.TotalProcessorTime.TotalMilliseconds
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            for ($b = 0; $b -lt $bodies.Count; $b += 4) {
                $sends = foreach ($k in 0..3) {
                    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Post, $uri)
                    $request.Headers.Add('x-api-key', $entry.Emulator.ApiKey)
                    $request.Content = [System.Net.Http.ByteArrayContent]::new($bodies[$b + $k])
                    $request.Content.Headers.ContentType = 'application/json'
                    $http.SendAsync($request)
                }
                [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]]$sends)
                foreach ($send in $sends) {
                    if ([int]$send.Result.StatusCode -ne 201) { throw "The emulator answered $([int]$send.Result.StatusCode): $($send.Result.Content.ReadAsStringAsync().Result)" }
                }
            }
            $watch.Stop()
            $entry.Process.Refresh()
            if ($round -gt $WarmupRounds) {
                $entry.Cpu.Add($entry.Process.TotalProcessorTime.TotalMilliseconds - $before)
                $entry.Wall.Add($watch.Elapsed.TotalMilliseconds)
            }
        }
    }

    $load = if (Test-Path /proc/loadavg) { ', load average ' + ((Get-Content /proc/loadavg) -split ' ')[0] } else { '' }
    "100,000 points a round (100 requests of 1000, 4 at a time), {0} rounds after {1} warm-up rounds, medians, {2} cores{3}" -f $Rounds, $WarmupRounds, [Environment]::ProcessorCount, $load
    ''
    '| emulator build | emulator CPU per 100k points | wall time per 100k points | rounds (CPU ms) |'
    '| --- | ---: | ---: | --- |'
    foreach ($entry in $emulators) {
        $cpu = @($entry.Cpu | Sort-Object)
        $wall = @($entry.Wall | Sort-Object)
        '| {0} | {1:N0} ms | {2:N0} ms | {3} |' -f $entry.Path, $cpu[[int][math]::Floor($cpu.Count / 2)], $wall[[int][math]::Floor($wall.Count / 2)], (($entry.Cpu | ForEach-Object { $_.ToString('0', [cultureinfo]::InvariantCulture) }) -join ', ')
    }
}
finally {
    $http.Dispose()
    foreach ($entry in $emulators) { Stop-TestEmulator $entry.Emulator -ErrorAction Ignore }
}
