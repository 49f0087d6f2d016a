# Shared helpers of the Pester suites: start the emulator, import the module under test, talk to the
# emulator's admin endpoints. Dot-source it in BeforeAll:  . (Join-Path $PSScriptRoot 'Common.ps1')
# Needs PowerShell 7.4+ and Pester 5; the emulator must be built (dotnet build, or dotnet test runs it).

function Get-TestRepoRoot {
    # $PSScriptRoot in a function is the folder of the file defining it: tests/pester.
    Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
}

. (Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'tools/Get-ChildShellPath.ps1')

function Get-TestShell {
    <# The running shell's own executable, to start a child shell (tools/Get-ChildShellPath.ps1). #>
    Get-ChildShellPath
}

function Test-StrictTestRun {
    # CI sets CLOUDTHREAD_TEST_STRICT=1: there a test that would be skipped for a missing tool fails instead.
    $env:CLOUDTHREAD_TEST_STRICT -eq '1'
}

function Get-TestEmulatorAssembly {
    # $env:CLOUDTHREAD_EMULATOR_DLL wins; else the newest build under src/Cloudthread.Emulator/bin/*/net10.0.
    if ($env:CLOUDTHREAD_EMULATOR_DLL) {
        if (-not (Test-Path -LiteralPath $env:CLOUDTHREAD_EMULATOR_DLL)) {
            throw "CLOUDTHREAD_EMULATOR_DLL names '$env:CLOUDTHREAD_EMULATOR_DLL', which does not exist."
        }
        return (Resolve-Path -LiteralPath $env:CLOUDTHREAD_EMULATOR_DLL).ProviderPath
    }

    $candidates = @(Get-ChildItem -Path (Join-Path (Get-TestRepoRoot) 'src/Cloudthread.Emulator/bin/*/net10.0/Cloudthread.Emulator.dll') -ErrorAction Ignore |
        Sort-Object LastWriteTimeUtc -Descending)
    if ($candidates.Count -eq 0) {
        throw "The emulator is not built: run 'dotnet build src/Cloudthread.Emulator' (or set CLOUDTHREAD_EMULATOR_DLL)."
    }
    return $candidates[0].FullName
}

function Start-TestEmulator {
    <#
    .SYNOPSIS
    Starts the emulator on a free loopback port and returns how to reach it.
    .OUTPUTS
    [pscustomobject] with BaseUri, ApiKey, ReadOnlyApiKey, DataStreamToken, Process.
    #>
    [CmdletBinding()]
    param(
        # More emulator options, e.g. '--fault-throttle-rate', '1'.
        [string[]] $ArgumentList = @(),
        [int] $TimeoutSec = 60
    )

    $dll = Get-TestEmulatorAssembly
    $started = Start-TestListeningProcess -FileName 'dotnet' -ArgumentList (@($dll, '--urls', 'http://127.0.0.1:0') + $ArgumentList) `
        -WorkingDirectory (Split-Path -Parent $dll) -TimeoutSec $TimeoutSec -Name 'The emulator'

    [pscustomobject]@{
        PSTypeName      = 'Cloudthread.TestEmulator'
        BaseUri         = $started.BaseUri
        ApiKey          = 'ct-demo-api-key'
        ReadOnlyApiKey  = 'ct-demo-readonly-key'
        DataStreamToken = 'ct-demo-stream-token'
        Process         = $started.Process
    }
}

function Start-TestHostileServer {
    <#
    .SYNOPSIS
    Starts HostileServer.ps1 (endless, gzip-bomb, endless-error, redirect and malformed answers on loopback) in a
    child pwsh; returns BaseUri and Process. Stop it with Stop-TestEmulator.
    #>
    [CmdletBinding()]
    param([int] $TimeoutSec = 60)
    $script = Join-Path $PSScriptRoot 'HostileServer.ps1'
    $started = Start-TestListeningProcess -FileName (Join-Path $PSHOME 'pwsh') -ArgumentList @('-NoProfile', '-NonInteractive', '-File', $script) `
        -WorkingDirectory $PSScriptRoot -TimeoutSec $TimeoutSec -Name 'The hostile test server'
    [pscustomobject]@{ BaseUri = $started.BaseUri; Process = $started.Process }
}

function Start-TestListeningProcess {
    <#
    Starts a server process and waits for its first "listening on <uri>" line; returns BaseUri (no trailing /)
    and Process. Plain .NET reads, no engine events: stderr is read to its end in the background (kept for a failure
    message); stdout line by line up to the address, then drained in the background, so that the server never
    blocks on a full pipe.
    #>
    param([string] $FileName, [string[]] $ArgumentList, [string] $WorkingDirectory, [int] $TimeoutSec, [string] $Name)

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($FileName)
    foreach ($argument in $ArgumentList) { $startInfo.ArgumentList.Add($argument) }
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.RedirectStandardInput = $true
    $startInfo.WorkingDirectory = $WorkingDirectory

    $process = [System.Diagnostics.Process]::new()
    $process.StartInfo = $startInfo

    $log = [System.Collections.Generic.List[string]]::new()
    $baseUri = $null
    try {
        if (-not $process.Start()) { throw "Could not start '$FileName $ArgumentList'." }
        $stderr = $process.StandardError.ReadToEndAsync()
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
        while (-not $baseUri) {
            $remaining = $deadline - [DateTime]::UtcNow
            if ($remaining -le [TimeSpan]::Zero) { break }
            $next = $process.StandardOutput.ReadLineAsync()
            if (-not $next.Wait($remaining)) { break }
            $line = $next.Result
            if ($null -eq $line) { break } # stdout closed: the process exited
            $log.Add($line)
            if ($line -match 'listening on (?<uri>\S+)') {
                $baseUri = $Matches['uri'].TrimEnd('/')
            }
        }

        if (-not $baseUri) {
            if (-not $process.HasExited) { $process.Kill($true) }
            $null = $process.WaitForExit(10000)
            if ($stderr.Wait(5000) -and $stderr.Result) { $log.Add('stderr: ' + $stderr.Result) }
            throw "$Name exited or did not report its address within $TimeoutSec s. Output:`n$($log -join "`n")"
        }

        $null = $process.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null)
    }
    catch {
        Stop-EmulatorProcess -Process $process
        throw
    }

    [pscustomobject]@{ BaseUri = $baseUri; Process = $process }
}

function Stop-EmulatorProcess {
    param([System.Diagnostics.Process] $Process)
    try {
        if (-not $Process.HasExited) {
            $Process.Kill($true)
            $null = $Process.WaitForExit(10000)
        }
    }
    catch [System.InvalidOperationException] {
        # Never started, or already gone.
    }
    finally {
        $Process.Dispose()
    }
}

function Stop-TestEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Emulator)
    process {
        if ($null -ne $Emulator -and $null -ne $Emulator.Process) {
            Stop-EmulatorProcess -Process $Emulator.Process
        }
    }
}

function Reset-TestEmulator {
    <# Back to the demo org, faults off, stats zeroed. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUri)/_emulator/reset"
}

function Set-TestEmulatorFault {
    <# PUT /_emulator/faults with the given fields (throttle_rate, retry_after_seconds, error_rate, error_status, latency_ms, drop_rate). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Fault)
    $body = $Fault | ConvertTo-Json -Compress
    $null = Invoke-RestMethod -Method Put -Uri "$($Emulator.BaseUri)/_emulator/faults" -ContentType 'application/json' -Body $body
}

function Get-TestEmulatorList {
    # Writes each item of a JSON array on its own (nothing for []), like any PowerShell command: Invoke-RestMethod
    # would write the whole array as one object, which "| Should -HaveCount" and "| Where-Object" then see as one
    # item. Callers that want an array wrap the call: @(Get-TestEmulatorEvent $Emulator).
    param([Parameter(Mandatory)] [string] $Uri)
    $content = (Invoke-WebRequest -Uri $Uri -UseBasicParsing).Content
    if ($content -is [byte[]]) { $content = [System.Text.Encoding]::UTF8.GetString($content) }
    # Assigned first: the one array the parser returns becomes $items itself (never an array around it).
    $items = $content | ConvertFrom-Json -NoEnumerate
    foreach ($item in $items) { $item }
}

function Get-TestEmulatorEvent {
    <# Every stored event, one object each (in arrival order). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Get-TestEmulatorList -Uri "$($Emulator.BaseUri)/_emulator/events"
}

function Get-TestEmulatorCustomData {
    <# Every stored custom-data record, one object each (in the dump's stable order). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Get-TestEmulatorList -Uri "$($Emulator.BaseUri)/_emulator/custom-data"
}

function Get-TestEmulatorStat {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Uri "$($Emulator.BaseUri)/_emulator/stats"
}

function Get-TestModuleManifest {
    <#
    .SYNOPSIS
    The module under test: $env:CLOUDTHREAD_TEST_MODULE, else the newest out/Cloudthread/*/Cloudthread.psd1,
    else the build output src/Cloudthread.PowerShell/bin/Debug/netstandard2.0/Cloudthread.psd1.
    #>
    if ($env:CLOUDTHREAD_TEST_MODULE) { return $env:CLOUDTHREAD_TEST_MODULE }
    $packaged = @(Get-ChildItem -Path (Join-Path (Get-TestRepoRoot) 'out/Cloudthread/*/Cloudthread.psd1') -ErrorAction Ignore |
        Sort-Object LastWriteTimeUtc -Descending)
    if ($packaged.Count -gt 0) { return $packaged[0].FullName }
    Join-Path (Get-TestRepoRoot) 'src/Cloudthread.PowerShell/bin/Debug/netstandard2.0/Cloudthread.psd1'
}

function Import-TestModule {
    <# Imports the module under test (Get-TestModuleManifest). #>
    [CmdletBinding()]
    param()

    $manifest = Get-TestModuleManifest
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "The module is not built: '$manifest' does not exist (dotnet build src/Cloudthread.PowerShell)."
    }
    Import-Module -Name $manifest -Force -ErrorAction Stop
}

function ConvertTo-TestSecureString {
    param([Parameter(Mandatory)] [string] $Text)
    ConvertTo-SecureString -String $Text -AsPlainText -Force
}

function Connect-TestEmulator {
    <# Connect-Cloudthread to the emulator with its full-access key (extra parameters are passed on). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [hashtable] $With = @{})
    $parameters = @{
        BaseUri         = $Emulator.BaseUri
        ApiKey          = ConvertTo-TestSecureString $Emulator.ApiKey
        DataStreamToken = ConvertTo-TestSecureString $Emulator.DataStreamToken
    }
    foreach ($key in $With.Keys) { $parameters[$key] = $With[$key] }
    Connect-Cloudthread @parameters
}

function Clear-CloudthreadEnvironment {
    <# Removes the module's environment variables (so that "no key" tests mean it); returns what was there. #>
    $saved = @{}
    foreach ($name in 'CLOUDTHREAD_API_KEY', 'CLOUDTHREAD_DATA_STREAM_TOKEN', 'CLOUDTHREAD_BASE_URI') {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }
    $saved
}

function Restore-CloudthreadEnvironment {
    param([hashtable] $Saved)
    foreach ($name in $Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $Saved[$name]) }
}

function Assert-TypeName {
    <#
    Every object piped in carries the type name (by PSTypeNames, so that the check holds however the module
    loads its client assembly). At least one object is required.
    #>
    param([Parameter(Mandatory)] [string] $TypeName, [Parameter(ValueFromPipeline)] $InputObject)
    begin { $count = 0 }
    process {
        $count++
        if ($InputObject.PSObject.TypeNames -notcontains $TypeName) {
            throw "Expected an object of type $TypeName, got $($InputObject.PSObject.TypeNames[0])."
        }
    }
    end { if ($count -eq 0) { throw "Expected objects of type $TypeName, got none." } }
}

# The FullyQualifiedErrorId of a binary cmdlet's error is '<ErrorId>,<cmdlet class>'.
function Get-ExpectedErrorId {
    param([Parameter(Mandatory)] [string] $ErrorId, [Parameter(Mandatory)] [string] $CmdletClass)
    "$ErrorId,Cloudthread.PowerShell.Cmdlets.$CmdletClass"
}

function Assert-TableFitsWidth {
    <#
    The objects' default table, as an 80-column terminal shows it: every header on one line (the line after the
    headers is the dashes; a wrapped header pushes its second half there).
    #>
    param([Parameter(Mandatory)] [object[]] $InputObject, [int] $Width = 80)
    $lines = @(($InputObject | Out-String -Width $Width) -split "`r?`n" | Where-Object { $_.Trim() })
    if ($lines.Count -lt 2 -or $lines[1] -notmatch '^-+( +-+)*\s*$') {
        throw "The table's headers do not fit in $Width columns:`n$($lines[0..([Math]::Min(2, $lines.Count - 1))] -join "`n")"
    }
}
