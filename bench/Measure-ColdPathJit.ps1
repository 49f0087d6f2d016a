<#
.SYNOPSIS
    What a cold `Send-CtCustomData -Path` spends in the JIT, and what precompiling the module (ReadyToRun) would buy.

.DESCRIPTION
    Each run starts one fresh process of the ReadyToRun pwsh host (bench/Cloudthread.Bench.PwshHost, published on first
    use) per variant, as item 6 of the benchmark does (docs/performance.md): import the module and the no-op cmdlet,
    connect to the emulator (its own process, loopback), import the 100k-row CSV with Import-Csv (rows in memory, as
    in item 6), then time one way in with a Stopwatch. The variants:

      -Path, as shipped                       the built layout (out/Cloudthread/<version>/), IL only
      -Path, module + Dependencies R2R        a temporary copy of that layout whose assemblies (ours and every one in
                                              Dependencies/) crossgen2 has precompiled for this machine
      -Path, module assemblies R2R            the same, only Cloudthread.PowerShell(.Isolation) and Cloudthread.Client
      -Path, DOTNET_TieredCompilation=0       as shipped; every JIT'd method compiled optimized once, no tier 0
      -Path, DOTNET_TieredPGO=0               as shipped; no instrumented tier
      -Path, DOTNET_TC_QuickJitForLoops=0     as shipped; methods with loops go straight to optimized code (no OSR)
      -Path, R2R + DOTNET_TieredPGO=0         both
      -Path, as shipped, result assigned      `$r = Send-CtCustomData -Path`: without formatting the summary
      no-op binary cmdlet                     `$rows | Send-CtNoop`, the binding ceiling of item 6
      hand-written loop                       ConvertTo-Json + Invoke-RestMethod, 1000 rows a request (item 6's)

    Variants are interleaved run by run (run 1 of every variant, then run 2...), so each ratio compares processes that
    ran under the same load. Per process: points/s, the time to the first request (the first byte the client sent
    after the clock started, seen by a relay between the client and the emulator), the methods the JIT compiled and
    the time it spent (System.Runtime.JitInfo: all threads, and the pipeline thread alone) during the send, and the
    methods compiled in the whole process. Then, once per variant that differs in code (as shipped, R2R), a process
    with DOTNET_JitStdOutFile + DOTNET_JitDisasmSummary lists the methods compiled during the send (those not compiled
    by the same process without the send), grouped by whose code they are.

    Prints numbers; asserts nothing. Does not change how the product is built: the R2R layouts are temporary copies.

.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Build; dotnet build -c Release bench/Cloudthread.Bench.Cmdlets
    dotnet pwsh -NoProfile -File bench/Measure-ColdPathJit.ps1

.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-ColdPathJit.ps1 -Runs 5 -SkipJitListing
#>
param(
    [string] $ModulePath,
    [ValidateRange(1, 50)] [int] $Runs = 3,
    [ValidateRange(1000, 10000000)] [int] $Points = 100000,
    # Skip the per-assembly listing of JIT'd methods (two extra processes per code variant).
    [switch] $SkipJitListing
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
. (Join-Path $root 'tests/pester/Common.ps1')

. (Join-Path $PSScriptRoot 'BenchShells.ps1')
$ModulePath = Resolve-BuiltModule $ModulePath $root
$moduleDirectory = Split-Path -Parent $ModulePath
$noopPath = Find-NoopCmdlet $root
if (-not $env:CLOUDTHREAD_EMULATOR_DLL -and (Test-Path (Join-Path $root 'out/emulator/Cloudthread.Emulator.dll'))) {
    $env:CLOUDTHREAD_EMULATOR_DLL = Join-Path $root 'out/emulator/Cloudthread.Emulator.dll'
}

$rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
$pwsh = Get-ReadyToRunPwsh $root
$hostDirectory = Split-Path -Parent $pwsh

# crossgen2 of the runtime this script runs on, from the NuGet cache (restored on demand through a throwaway project).
function Get-Crossgen2 {
    $version = [System.Environment]::Version.ToString()
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $tool = Join-Path $packages "microsoft.netcore.app.crossgen2.$rid/$version/tools/crossgen2"
    if ($IsWindows) { $tool += '.exe' }
    if (Test-Path -LiteralPath $tool) { return $tool }
    Write-Host "Restoring Microsoft.NETCore.App.Crossgen2.$rid $version once..."
    $project = New-BenchFolder 'crossgen'
    try {
        Set-Content -LiteralPath (Join-Path $project 'Restore.csproj') -Value @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net$([Environment]::Version.Major).0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageDownload Include="Microsoft.NETCore.App.Crossgen2.$rid" Version="[$version]" /></ItemGroup>
</Project>
"@
        & dotnet restore (Join-Path $project 'Restore.csproj') --nologo | Out-Null
    }
    finally { Remove-Item -LiteralPath $project -Recurse -Force -ErrorAction Ignore }
    if (-not (Test-Path -LiteralPath $tool)) { throw "No crossgen2 at $tool after restoring it." }
    $tool
}

# A copy of the module layout with the chosen assemblies precompiled (per-assembly version bubbles, as
# PublishReadyToRun does). References: the shared framework first (what the default context binds), then the module's
# own files, then the host's (System.Management.Automation); each simple name once.
function New-ReadyToRunLayout([string] $Destination, [scriptblock] $Include,
    [string] $TargetOS = ($IsWindows ? 'windows' : ($IsMacOS ? 'osx' : 'linux')),
    [string] $TargetArch = [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()) {
    $crossgen = Get-Crossgen2
    Copy-Item -LiteralPath $moduleDirectory -Destination $Destination -Recurse
    $framework = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
    $byName = [ordered]@{}
    foreach ($file in @(Get-ChildItem (Join-Path $framework '*.dll')) + @(Get-ChildItem (Join-Path $moduleDirectory 'Dependencies/*.dll')) +
        @(Get-ChildItem (Join-Path $moduleDirectory '*.dll')) + @(Get-ChildItem (Join-Path $hostDirectory '*.dll'))) {
        if (-not $byName.Contains($file.BaseName)) { $byName[$file.BaseName] = $file.FullName }
    }
    $compiled = [System.Collections.Generic.List[string]]::new()
    foreach ($assembly in @(Get-ChildItem (Join-Path $moduleDirectory '*.dll')) + @(Get-ChildItem (Join-Path $moduleDirectory 'Dependencies/*.dll'))) {
        if (-not (& $Include $assembly)) { continue }
        $relative = [System.IO.Path]::GetRelativePath($moduleDirectory, $assembly.FullName)
        $arguments = [System.Collections.Generic.List[string]]::new()
        $arguments.AddRange([string[]]@($assembly.FullName, '-o', (Join-Path $Destination $relative), '-O', '--targetos', $TargetOS, '--targetarch', $TargetArch))
        foreach ($name in $byName.Keys) {
            if ($name -ne $assembly.BaseName) { $arguments.Add('-r'); $arguments.Add($byName[$name]) }
        }
        $text = & $crossgen @arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "crossgen2 $($assembly.Name) failed ($LASTEXITCODE): $text" }
        $compiled.Add($assembly.Name)
    }
    $compiled
}

# A relay between the measured process and the emulator that stamps every chunk the client sends: the first stamp
# after a process's clock started is its time to first request. Runs on the thread pool of this (the measuring) process.
Add-Type -TypeDefinition @'
using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

public sealed class CtBenchStampingRelay : IDisposable
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly ConcurrentQueue<long> _stamps = new ConcurrentQueue<long>();

    public CtBenchStampingRelay(string host, int port)
    {
        _host = host;
        _port = port;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Clear() { while (_stamps.TryDequeue(out _)) { } }

    /// <summary>The first Stopwatch timestamp after <paramref name="after"/> at which the client sent bytes; 0 if none.</summary>
    public long FirstAfter(long after)
    {
        long first = 0;
        foreach (var stamp in _stamps)
        {
            if (stamp > after && (first == 0 || stamp < first)) { first = stamp; }
        }
        return first;
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(); }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { return; }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                client.NoDelay = true;
                server.NoDelay = true;
                await server.ConnectAsync(_host, _port);
                await Task.WhenAny(PumpAsync(client.GetStream(), server.GetStream(), true), PumpAsync(server.GetStream(), client.GetStream(), false));
            }
            catch (IOException) { }
            catch (SocketException) { }
        }
    }

    private async Task PumpAsync(Stream from, Stream to, bool stamp)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, 0, buffer.Length)) > 0)
            {
                if (stamp) { _stamps.Enqueue(Stopwatch.GetTimestamp()); }
                await to.WriteAsync(buffer, 0, read);
            }
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    }

    public void Dispose() => _listener.Stop();
}
'@

# The script each fresh process runs. Prints KEY=VALUE lines the parent reads.
$child = $ChildPrelude + @'
$rows = $null; [GC]::Collect(); $rows = Import-Csv $Csv
$methods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
$jit = [System.Runtime.JitInfo]::GetCompilationTime($false)
$jitHere = [System.Runtime.JitInfo]::GetCompilationTime($true)
$start = [System.Diagnostics.Stopwatch]::GetTimestamp()
switch ($Way) {
    'path' { Send-CtCustomData -Path $Csv }
    'path-assigned' { $summary = Send-CtCustomData -Path $Csv }
    'noop' { $null = $rows | Send-CtNoop }
    'loop' {
        for ($i = 0; $i -lt $rows.Count; $i += 1000) {
            $chunk = $rows[$i..([Math]::Min($i + 1000, $rows.Count) - 1)]
            $data = foreach ($r in $chunk) {
                @{
                    timestamp = ([datetime]::Parse($r.Timestamp, [cultureinfo]::InvariantCulture)).ToString('yyyy-MM-dd HH:mm:ss')
                    metric_name = $r.MetricName
                    metric_value = [double]::Parse($r.MetricValue, [cultureinfo]::InvariantCulture)
                    custom_dimensions = @{ region = $r.region; team = $r.team }
                }
            }
            $body = @{ data_stream_token = $Token; metric_agg_func = 'Sum'; data = @($data) } | ConvertTo-Json -Depth 5 -Compress
            $null = Invoke-RestMethod -Method Post -Uri "$Base/streams/ingest" -Headers @{ 'x-api-key' = $Key } -Body $body -ContentType 'application/json'
        }
    }
    'none' { }
}
$end = [System.Diagnostics.Stopwatch]::GetTimestamp()
$invariant = [cultureinfo]::InvariantCulture
'START=' + $start
'ELAPSED_MS=' + [System.Diagnostics.Stopwatch]::GetElapsedTime($start, $end).TotalMilliseconds.ToString($invariant)
'JIT_METHODS=' + ([System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $methods)
'JIT_MS=' + ([System.Runtime.JitInfo]::GetCompilationTime($false) - $jit).TotalMilliseconds.ToString($invariant)
'JIT_PIPELINE_THREAD_MS=' + ([System.Runtime.JitInfo]::GetCompilationTime($true) - $jitHere).TotalMilliseconds.ToString($invariant)
'JIT_METHODS_PROCESS=' + [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
'ASSEMBLIES=' + (([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -match '^(Cloudthread|Microsoft\.Extensions|System\.Text\.Json|System\.Net\.Http$)' } |
    ForEach-Object { $_.GetName().Name + ' ' + $_.GetName().Version + ' (' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name + ')' } | Sort-Object) -join '; ')
'@

$work = New-BenchFolder 'coldpath'
$emulator = $null
$relay = $null
try {
    $childScript = Join-Path $work 'Send-Once.ps1'
    Set-Content -LiteralPath $childScript -Value $child

    $csv = Join-Path $work 'points.csv'
    Write-PointsCsv $csv $Points

    Write-Host 'Precompiling module layouts with crossgen2...'
    $r2rAllDirectory = Join-Path $work 'r2r-all/Cloudthread'
    $r2rOwnDirectory = Join-Path $work 'r2r-own/Cloudthread'
    New-Item -ItemType Directory -Path (Split-Path $r2rAllDirectory), (Split-Path $r2rOwnDirectory) | Out-Null
    $all = New-ReadyToRunLayout $r2rAllDirectory { $true }
    $own = New-ReadyToRunLayout $r2rOwnDirectory { param($f) $f.BaseName -like 'Cloudthread.*' }
    $manifestName = Split-Path -Leaf $ModulePath
    $shipped = $ModulePath
    $r2rAll = Join-Path $r2rAllDirectory $manifestName
    $r2rOwn = Join-Path $r2rOwnDirectory $manifestName

    $emulator = Start-TestEmulator
    $emulatorUri = [uri]$emulator.BaseUri
    $relay = [CtBenchStampingRelay]::new($emulatorUri.Host, $emulatorUri.Port)
    $base = "http://127.0.0.1:$($relay.Port)"

    $variants = @(
        [pscustomobject]@{ Name = '-Path, as shipped'; Module = $shipped; Environment = @{}; Way = 'path' }
        [pscustomobject]@{ Name = '-Path, module + Dependencies R2R'; Module = $r2rAll; Environment = @{}; Way = 'path' }
        [pscustomobject]@{ Name = '-Path, module assemblies R2R'; Module = $r2rOwn; Environment = @{}; Way = 'path' }
        [pscustomobject]@{ Name = '-Path, TieredCompilation=0'; Module = $shipped; Environment = @{ DOTNET_TieredCompilation = '0' }; Way = 'path' }
        [pscustomobject]@{ Name = '-Path, TieredPGO=0'; Module = $shipped; Environment = @{ DOTNET_TieredPGO = '0' }; Way = 'path' }
        [pscustomobject]@{ Name = '-Path, TC_QuickJitForLoops=0'; Module = $shipped; Environment = @{ DOTNET_TC_QuickJitForLoops = '0' }; Way = 'path' }
        [pscustomobject]@{ Name = '-Path, R2R + TieredPGO=0'; Module = $r2rAll; Environment = @{ DOTNET_TieredPGO = '0' }; Way = 'path' }
        [pscustomobject]@{ Name = '-Path, as shipped, result assigned'; Module = $shipped; Environment = @{}; Way = 'path-assigned' }
        [pscustomobject]@{ Name = 'no-op binary cmdlet'; Module = $shipped; Environment = @{}; Way = 'noop' }
        [pscustomobject]@{ Name = 'hand-written loop'; Module = $shipped; Environment = @{}; Way = 'loop' }
    )

    function Invoke-Child($Variant, [hashtable] $ExtraEnvironment = @{}, [string] $Way = $Variant.Way) {
        Reset-TestEmulator -Emulator $emulator
        $relay.Clear()
        $environment = @{}
        foreach ($name in $Variant.Environment.Keys) { $environment[$name] = $Variant.Environment[$name] }
        foreach ($name in $ExtraEnvironment.Keys) { $environment[$name] = $ExtraEnvironment[$name] }
        $output = Invoke-PwshProcess $pwsh @('-File', $childScript, $Variant.Module, $noopPath, $base, $emulator.ApiKey, $emulator.DataStreamToken, $csv, $Way) $environment $Variant.Name
        $values = @{}
        foreach ($line in $output -split "`n") {
            if ($line -match '^([A-Z_]+)=(.*)$') { $values[$Matches[1]] = $Matches[2].Trim() }
        }
        $started = [long]$values.START
        $first = $relay.FirstAfter($started)
        [pscustomobject]@{
            Rate = $Points / ([double]::Parse($values.ELAPSED_MS, [cultureinfo]::InvariantCulture) / 1000)
            FirstRequestMs = if ($first -gt 0) { [System.Diagnostics.Stopwatch]::GetElapsedTime($started, $first).TotalMilliseconds } else { [double]::NaN }
            JitMethods = [int]$values.JIT_METHODS
            JitMs = [double]::Parse($values.JIT_MS, [cultureinfo]::InvariantCulture)
            JitPipelineMs = [double]::Parse($values.JIT_PIPELINE_THREAD_MS, [cultureinfo]::InvariantCulture)
            ProcessMethods = [int]$values.JIT_METHODS_PROCESS
            Assemblies = $values.ASSEMBLIES
        }
    }

    $load = if (Test-Path /proc/loadavg) { ' (load average ' + ((Get-Content /proc/loadavg) -split ' ')[0] + ' at the start)' } else { '' }
    "Module: $ModulePath"
    "Host: $pwsh (ReadyToRun)"
    "Precompiled, module + Dependencies: $($all -join ', ')"
    "Precompiled, module assemblies: $($own -join ', ')"
    "{0:N0} points, {1} fresh processes per variant interleaved, medians, {2} cores{3}" -f $Points, $Runs, [Environment]::ProcessorCount, $load

    $samples = @{}
    for ($run = 1; $run -le $Runs; $run++) {
        foreach ($variant in $variants) {
            $sample = Invoke-Child $variant
            if (-not $samples[$variant.Name]) { $samples[$variant.Name] = [System.Collections.Generic.List[object]]::new() }
            $samples[$variant.Name].Add($sample)
            Write-Host ('  run {0}, {1}: {2:N0} points/s, first request {3:N0} ms, JIT {4} methods {5:N0} ms' -f $run, $variant.Name, $sample.Rate, $sample.FirstRequestMs, $sample.JitMethods, $sample.JitMs)
        }
    }

    $loopRate = Get-Median $samples['hand-written loop'].Rate
    $noopRate = Get-Median $samples['no-op binary cmdlet'].Rate
    $shippedRate = Get-Median $samples['-Path, as shipped'].Rate
    ''
    ('| way in, {0:N0} points, R2R pwsh, cold | points/s' -f $Points) + ' | / as shipped | / loop | first request | JIT during the send: methods, time (all threads) | pipeline thread JIT | methods JIT''d in the process | runs (k points/s) |'
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |'
    foreach ($variant in $variants) {
        $s = $samples[$variant.Name]
        $rate = Get-Median $s.Rate
        '| {0} | {1:N0} | {2:0.00} | {3:0.0}x | {4:N0} ms | {5:N0}, {6:N0} ms | {7:N0} ms | {8:N0} | {9} |' -f $variant.Name, $rate, ($rate / $shippedRate), ($rate / $loopRate),
            (Get-Median $s.FirstRequestMs), (Get-Median $s.JitMethods), (Get-Median $s.JitMs), (Get-Median $s.JitPipelineMs), (Get-Median $s.ProcessMethods),
            (($s.Rate | ForEach-Object { ($_ / 1000).ToString('0', [cultureinfo]::InvariantCulture) }) -join ', ')
    }
    ''
    'Target: -Path >= 5x the loop, cold. As shipped: {0:0.0}x ({1}); no-op / loop {2:0.00}.' -f ($shippedRate / $loopRate), (($shippedRate / $loopRate) -ge 5 ? 'met' : 'NOT met'), ($noopRate / $loopRate)
    'Assemblies after -Path (as shipped): ' + $samples['-Path, as shipped'][0].Assemblies

    # What this runtime does with images precompiled for another platform: the same layout compiled for another OS
    # and for another architecture, imported and sent with here (one process each).
    ''
    'Images precompiled for another platform, loaded by this one:'
    foreach ($target in @(@{ OS = 'windows'; Arch = 'x64' }, @{ OS = 'linux'; Arch = 'arm64' })) {
        $foreignDirectory = Join-Path $work "r2r-$($target.OS)-$($target.Arch)/Cloudthread"
        New-Item -ItemType Directory -Path (Split-Path $foreignDirectory) | Out-Null
        $null = New-ReadyToRunLayout $foreignDirectory { $true } $target.OS $target.Arch
        $foreign = [pscustomobject]@{ Name = "-Path, R2R for $($target.OS)-$($target.Arch)"; Module = (Join-Path $foreignDirectory $manifestName); Environment = @{}; Way = 'path' }
        try {
            $sample = Invoke-Child $foreign
            '  {0}: sent, {1:N0} points/s, JIT {2} methods during the send' -f $foreign.Name, $sample.Rate, $sample.JitMethods
        }
        catch {
            $message = $_.Exception.Message -replace '\e\[[0-9;]*m', ''
            $reason = (($message -split "`n" | Where-Object { $_ -match 'Exception|format|load' } | Select-Object -First 2) -join ' ') -replace '\s+', ' '
            '  {0}: FAILED: {1}' -f $foreign.Name, ($reason ? $reason : ($message -split "`n")[0])
        }
    }

    if (-not $SkipJitListing) {
        # Methods compiled because of the send: those a process with the send compiled and the same process without it
        # did not (name and tier), grouped by the first part of the owning type's namespace.
        ''
        'Methods JIT-compiled during the send (DOTNET_JitDisasmSummary; a process with the send minus one without), by owner:'
        foreach ($variant in $variants | Where-Object { $_.Name -in '-Path, as shipped', '-Path, module + Dependencies R2R' }) {
            $lists = @{}
            foreach ($way in 'none', $variant.Way) {
                $file = Join-Path $work "jit-$way-$([guid]::NewGuid().ToString('n')).txt"
                $null = Invoke-Child $variant @{ DOTNET_JitStdOutFile = $file; DOTNET_JitDisasmSummary = '1' } $way
                $lists[$way] = @(Get-Content -LiteralPath $file | Where-Object { $_ -match 'JIT compiled (.+) \[([^,\]]+)' } | ForEach-Object { $Matches[1] + ' [' + $Matches[2] + ']' })
            }
            $before = [System.Collections.Generic.HashSet[string]]::new([string[]]$lists['none'])
            $during = @($lists[$variant.Way] | Where-Object { -not $before.Contains($_) })
            $owner = {
                param($entry)
                $type = ($entry -split ':')[0]
                if ($type -match '^(Cloudthread|Microsoft\.Extensions|System\.Text\.Json|System\.Net\.Http|System\.Management\.Automation|Microsoft\.PowerShell)') { return $Matches[1] }
                if ($type -match '^System\.') { return 'System.* (other)' }
                if ($type -match '^\(dynamicClass\)') { return 'dynamic methods (PowerShell script, stubs)' }
                'other'
            }
            "  {0}: {1} methods" -f $variant.Name, $during.Count
            $during | Group-Object { & $owner $_ } | Sort-Object Count -Descending | ForEach-Object {
                $tiers = ($_.Group | ForEach-Object { ($_ -split '\[')[-1].TrimEnd(']') } | Group-Object | Sort-Object Count -Descending | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '
                '    {0,-45} {1,5}  ({2})' -f $_.Name, $_.Count, $tiers
                if ($_.Name -eq 'System.* (other)') {
                    # Which framework types: generic instantiations over the module's types cannot be precompiled
                    # into the module's own image (the framework is outside its version bubble).
                    $overOurs = @($_.Group | Where-Object { $_ -match 'Cloudthread|Microsoft\.Extensions' }).Count
                    '      of which over the module''s or its dependencies'' types (in the signature): {0}' -f $overOurs
                    $_.Group | Group-Object { (($_ -split ':')[0] -replace '\[.*$', '') } | Sort-Object Count -Descending | Select-Object -First 6 |
                        ForEach-Object { '      {0,-60} {1,4}' -f $_.Name, $_.Count }
                }
            }
        }
    }
}
finally {
    if ($relay) { $relay.Dispose() }
    if ($emulator) { Stop-TestEmulator -Emulator $emulator }
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
}
