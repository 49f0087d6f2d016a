# The pieces every benchmark script needs: the built module, the two pwsh hosts the figures are measured in, a median.
# Dot-sourced by Measure-ImportTime.ps1, Measure-ColdPathJit.ps1 and Measure-ColdPiped.ps1, so that all measure the same hosts and rows.

function Resolve-BuiltModule([string] $ModulePath, [string] $Root) {
    if (-not $ModulePath) {
        $built = @(Get-ChildItem -Path (Join-Path $Root 'out/Cloudthread/*/Cloudthread.psd1') -ErrorAction Ignore |
            Sort-Object LastWriteTimeUtc -Descending)
        if ($built.Count -eq 0) { throw 'No built module: run ./build.ps1 -Task Build first, or pass -ModulePath.' }
        $ModulePath = $built[0].FullName
    }
    (Resolve-Path -LiteralPath $ModulePath).ProviderPath
}

# The ReadyToRun pwsh (bench/Cloudthread.Bench.PwshHost), published on first use: official pwsh packages are ReadyToRun.
function Get-ReadyToRunPwsh([string] $Root) {
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    $project = Join-Path $Root 'bench/Cloudthread.Bench.PwshHost'
    $output = Join-Path $project "bin/pwsh-r2r/$rid"
    $pwsh = Join-Path $output $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    if (-not ((Test-Path -LiteralPath $pwsh) -and (Test-Path -LiteralPath (Join-Path $output 'Modules')))) {
        Write-Host "Publishing the ReadyToRun pwsh host once ($output; a few minutes)..."
        & dotnet publish $project -c Release -r $rid -o $output --nologo | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "dotnet publish $project failed ($LASTEXITCODE)." }
    }
    $pwsh
}

# The .NET tool pwsh: its process is dotnet, so its own pwsh executable is found through its $PSHOME.
function Get-ToolPwsh([string] $Root) {
    Push-Location $Root
    try { $toolHome = (& dotnet pwsh -NoProfile -NonInteractive -Command '$PSHOME' | Select-Object -Last 1).Trim() }
    finally { Pop-Location }
    Join-Path $toolHome $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $middle = [int][math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2 -eq 1) { return $sorted[$middle] }
    ($sorted[$middle - 1] + $sorted[$middle]) / 2
}

# A new empty folder under the temp path, named ct-<Name>-<guid>, for one script's files; the caller removes it.
function New-BenchFolder([string] $Name) {
    $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('ct-' + $Name + '-' + [guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory -Path $folder | Out-Null
    $folder
}

# The no-op binary cmdlet (bench/Cloudthread.Bench.Cmdlets): item 6's binding ceiling.
function Find-NoopCmdlet([string] $Root) {
    $noop = @(Get-ChildItem -Path (Join-Path $Root 'bench/Cloudthread.Bench.Cmdlets/bin/*/netstandard2.0/Cloudthread.Bench.Cmdlets.dll') -ErrorAction Ignore |
        Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1)
    if ($noop.Count -eq 0) { throw 'The no-op cmdlet is not built: dotnet build -c Release bench/Cloudthread.Bench.Cmdlets' }
    $noop[0].FullName
}

# The points of item 6 (bench/Cloudthread.Bench/PointSource.cs): point i is metric i % 10 at hour i / 10 from
# $BenchPointOrigin, value i, region $BenchPointRegions[i % 3], team $BenchPointTeams[i % 4].
$BenchPointOrigin = [datetime]::new(2000, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
$BenchPointRegions = 'us-east-1', 'eu-west-1', 'ap-south-1'
$BenchPointTeams = 'platform', 'data', 'web', 'mobile'

# Those points as a CSV file, with the columns Import-Csv rows of item 6 have.
function Write-PointsCsv([string] $Path, [int] $Points) {
    $writer = [System.IO.StreamWriter]::new($Path)
    try {
        $writer.WriteLine('Timestamp,MetricName,MetricValue,region,team')
        for ($i = 0; $i -lt $Points; $i++) {
            $writer.WriteLine(('{0},bench-m{1},{2},{3},{4}' -f $BenchPointOrigin.AddHours([math]::Floor($i / 10)).ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture), ($i % 10), $i, $BenchPointRegions[$i % 3], $BenchPointTeams[$i % 4]))
        }
    }
    finally { $writer.Dispose() }
}

# Runs one fresh process of $Pwsh (-NoProfile -NonInteractive, then $Arguments) and returns its standard output; throws
# with its errors when it fails.
function Invoke-PwshProcess([string] $Pwsh, [string[]] $Arguments, [hashtable] $Environment = @{}, [string] $Name = 'pwsh') {
    $start = [System.Diagnostics.ProcessStartInfo]::new($Pwsh)
    foreach ($argument in @('-NoProfile', '-NonInteractive') + $Arguments) { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.Environment['NO_COLOR'] = '1'
    foreach ($key in $Environment.Keys) { $start.Environment[$key] = $Environment[$key] }
    $process = [System.Diagnostics.Process]::Start($start)
    $errors = $process.StandardError.ReadToEndAsync()
    $output = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    if ($process.ExitCode -ne 0) { throw "$Name failed ($($process.ExitCode)): $($errors.Result) $output" }
    $output
}

# How the script of each measured process starts: its arguments, the module and the no-op imported, connected.
$ChildPrelude = @'
param([string] $Module, [string] $Noop, [string] $Base, [string] $Key, [string] $Token, [string] $Csv, [string] $Way)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $Module
Import-Module $Noop
Connect-Cloudthread -BaseUri $Base -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force) -DataStreamToken (ConvertTo-SecureString $Token -AsPlainText -Force) | Out-Null

'@
