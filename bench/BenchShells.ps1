# The pieces every benchmark script needs: the built module, the two pwsh hosts the figures are measured in, a median.
# Dot-sourced by Measure-ImportTime.ps1 and Measure-ColdPathJit.ps1, so that both measure the same hosts.

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
