<#
.SYNOPSIS
    How much importing Cloudthread adds to a PowerShell start (budget: 100 ms on a ReadyToRun pwsh), in both pwsh hosts.

.DESCRIPTION
    For each host (the ReadyToRun pwsh of bench/Cloudthread.Bench.PwshHost, published here on first use, and the
    PowerShell .NET tool of the repository), starts fresh processes, alternating a bare start with a start that
    imports the built module, and prints the median of each and their difference. Then, in more fresh processes,
    the breakdown of the import measured inside the process: the whole Import-Module, the same module without its
    format file (so the format data's share), the format file alone, the isolation nested module alone, the
    methods the JIT compiled during the import, and the assemblies the import loaded.

    The import cost is what a user pays in every session and every runbook job, so it is measured cold, in new
    processes, the way they pay it. Prints numbers; asserts nothing (a warning when the ReadyToRun figure is over
    the budget). Run ./build.ps1 first (it measures out/Cloudthread/<version>/).

.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-ImportTime.ps1

.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-ImportTime.ps1 -Runs 21 -PwshHost ReadyToRun
#>
param(
    [string] $ModulePath,
    [ValidateRange(3, 100)] [int] $Runs = 11,
    [ValidateSet('ReadyToRun', 'Tool')] [string[]] $PwshHost = @('ReadyToRun', 'Tool'),
    [int] $BudgetMilliseconds = 100
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
. (Join-Path $PSScriptRoot 'BenchShells.ps1')
$ModulePath = Resolve-BuiltModule $ModulePath $root
$moduleDirectory = Split-Path -Parent $ModulePath

function Measure-Start([string] $Shell, [string] $Command) {
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    & $Shell -NoProfile -NonInteractive -Command $Command | Out-Null
    $watch.Stop()
    if ($LASTEXITCODE -ne 0) { throw "'$Command' failed with exit code $LASTEXITCODE." }
    $watch.Elapsed.TotalMilliseconds
}

# Variants of the module for the breakdown, each a manifest beside the built files (same folder, so the
# isolation finds Dependencies/): without the format file, the format file alone, the isolation module alone.
$variantDirectory = Join-Path ([System.IO.Path]::GetTempPath()) ("ct-import-" + [guid]::NewGuid().ToString('n'))
Copy-Item -LiteralPath $moduleDirectory -Destination $variantDirectory -Recurse
$manifestText = Get-Content -Raw -LiteralPath (Join-Path $variantDirectory 'Cloudthread.psd1')
$variants = [ordered]@{
    'whole module'           = Join-Path $variantDirectory 'Cloudthread.psd1'
    'without the format file' = Join-Path $variantDirectory 'NoFormat.psd1'
    'format file alone'      = Join-Path $variantDirectory 'FormatOnly.psd1'
    'isolation module alone' = Join-Path $variantDirectory 'IsolationOnly.psd1'
}
Set-Content -LiteralPath $variants['without the format file'] -Value ($manifestText -replace "(?m)^\s*FormatsToProcess\s*=.*$", '')
$guid = [regex]::Match($manifestText, "GUID\s*=\s*'([^']+)'").Groups[1].Value
$empty = "CmdletsToExport = @(); FunctionsToExport = @(); AliasesToExport = @(); VariablesToExport = @()"
Set-Content -LiteralPath $variants['format file alone'] -Value "@{ ModuleVersion = '0.1.0'; GUID = '$guid'; FormatsToProcess = @('Cloudthread.format.ps1xml'); $empty }"
Set-Content -LiteralPath $variants['isolation module alone'] -Value "@{ ModuleVersion = '0.1.0'; GUID = '$guid'; RootModule = 'Cloudthread.PowerShell.Isolation.dll'; $empty }"

# Runs inside a fresh process: times one Import-Module and says what it compiled and loaded.
$probe = Join-Path $variantDirectory 'Measure-OneImport.ps1'
Set-Content -LiteralPath $probe -Value @'
$before = @([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetName().Name })
$methods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
$watch = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module $args[0]
$watch.Stop()
$methods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $methods
$loaded = @([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetName().Name } | Where-Object { $before -notcontains $_ })
'{0}|{1}|{2}' -f $watch.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture), $methods, ($loaded -join ',')
'@

$hosts = [ordered]@{}
foreach ($name in $PwshHost) {
    $hosts[$name] = if ($name -eq 'ReadyToRun') { Get-ReadyToRunPwsh $root } else { Get-ToolPwsh $root }
}

$load = if (Test-Path /proc/loadavg) { ' (load average ' + ((Get-Content /proc/loadavg) -split ' ')[0] + ' at the start)' } else { '' }
"Module: $ModulePath"
"{0} runs per figure, medians, {1} cores{2}" -f $Runs, [Environment]::ProcessorCount, $load
try {
    foreach ($name in $hosts.Keys) {
        $shell = $hosts[$name]
        $import = "Import-Module '$ModulePath'; exit 0"
        # One warm-up of each, not counted: the first start pays for disk caches.
        Measure-Start $shell 'exit 0' | Out-Null
        Measure-Start $shell $import | Out-Null
        $bare = [System.Collections.Generic.List[double]]::new()
        $withModule = [System.Collections.Generic.List[double]]::new()
        for ($i = 0; $i -lt $Runs; $i++) {
            $bare.Add((Measure-Start $shell 'exit 0'))
            $withModule.Add((Measure-Start $shell $import))
        }
        $bareMedian = Get-Median $bare.ToArray()
        $moduleMedian = Get-Median $withModule.ToArray()
        ''
        "== $name pwsh ($shell)"
        'bare start                 {0,8:N1} ms' -f $bareMedian
        'start + Import-Module      {0,8:N1} ms' -f $moduleMedian
        'import adds                {0,8:N1} ms{1}' -f ($moduleMedian - $bareMedian), $(if ($name -eq 'ReadyToRun') { " (budget $BudgetMilliseconds ms)" } else { '' })
        if ($name -eq 'ReadyToRun' -and ($moduleMedian - $bareMedian) -gt $BudgetMilliseconds) {
            Write-Warning "Importing Cloudthread adds $([math]::Round($moduleMedian - $bareMedian)) ms to the ReadyToRun pwsh start, over the $BudgetMilliseconds ms budget."
        }

        'inside the process (Import-Module alone, a fresh process each):'
        $samples = @{}
        for ($i = 0; $i -lt $Runs; $i++) {
            foreach ($variant in $variants.Keys) {
                $line = & $shell -NoProfile -NonInteractive -File $probe $variants[$variant] | Select-Object -Last 1
                $parts = $line -split '\|'
                if (-not $samples[$variant]) { $samples[$variant] = [System.Collections.Generic.List[object]]::new() }
                $samples[$variant].Add([pscustomobject]@{ Ms = [double]::Parse($parts[0], [cultureinfo]::InvariantCulture); Methods = [int]$parts[1]; Loaded = $parts[2] })
            }
        }
        foreach ($variant in $variants.Keys) {
            $s = $samples[$variant]
            '  {0,-24} {1,7:N1} ms  {2,4} methods JIT-compiled' -f $variant, (Get-Median $s.Ms), (Get-Median $s.Methods)
        }
        $whole = Get-Median $samples['whole module'].Ms
        $noFormat = Get-Median $samples['without the format file'].Ms
        '  format data share        {0,7:N1} ms  (whole module - without the format file)' -f ($whole - $noFormat)
        '  assemblies loaded        {0}' -f ($samples['whole module'][0].Loaded -replace ',', ', ')
    }
}
finally {
    Remove-Item -LiteralPath $variantDirectory -Recurse -Force -ErrorAction Ignore
}
