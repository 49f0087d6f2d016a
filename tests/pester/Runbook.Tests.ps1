# Runbooks, run as a scheduler runs them: a child `pwsh -NoProfile -NonInteractive -File runbook.ps1` (from
# $PSHOME), with a temporary HOME (so neither the user's profile nor their SecretManagement vault registry is
# touched), its own environment, no standard input, against the emulator.

BeforeDiscovery {
    $HasSecretManagement = [bool](Get-Module -ListAvailable -Name Microsoft.PowerShell.SecretManagement)
    if (-not $HasSecretManagement -and $env:CLOUDTHREAD_TEST_STRICT -eq '1') {
        throw 'CLOUDTHREAD_TEST_STRICT=1, but Microsoft.PowerShell.SecretManagement is not on PSModulePath (CI puts ../shared/tools there).'
    }
    $SecretManagementSkipReason = 'Microsoft.PowerShell.SecretManagement is not on PSModulePath (Install-PSResource Microsoft.PowerShell.SecretManagement)'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $Emulator = Start-TestEmulator
    $Shell = Get-TestShell
    $ModulePath = Get-TestModuleManifest
    $VaultModule = Join-Path $PSScriptRoot 'TestVault'

    function Invoke-Runbook {
        <#
        Runs $Script as a scheduled job would: its own file, a fresh non-interactive pwsh, a temporary HOME, the
        given environment (and no CLOUDTHREAD_* variable of ours), standard input closed. Returns ExitCode, Output
        (stdout lines) and Errors (stderr text). -Home reuses a HOME (a registered vault).
        #>
        param(
            [Parameter(Mandatory)] [string] $Script,
            [hashtable] $Environment = @{},
            [string] $HomeDirectory,
            [int] $TimeoutSec = 120,
            [scriptblock] $WhileRunning
        )
        if (-not $HomeDirectory) { $HomeDirectory = Join-Path $TestDrive ('home-' + [guid]::NewGuid().ToString('N')) }
        New-Item -ItemType Directory -Path $HomeDirectory -Force | Out-Null
        $file = Join-Path $TestDrive ('runbook-' + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -LiteralPath $file -Value $Script

        $start = [System.Diagnostics.ProcessStartInfo]::new($Shell)
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $file, '-ModulePath', $ModulePath, '-BaseUri', $Emulator.BaseUri) {
            $start.ArgumentList.Add($argument)
        }
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.RedirectStandardInput = $true
        $start.WorkingDirectory = $TestDrive
        $start.Environment['HOME'] = $HomeDirectory
        $start.Environment['USERPROFILE'] = $HomeDirectory
        foreach ($name in 'CLOUDTHREAD_API_KEY', 'CLOUDTHREAD_DATA_STREAM_TOKEN', 'CLOUDTHREAD_BASE_URI', 'CLOUDTHREAD_TEST_MODULE') {
            $null = $start.Environment.Remove($name)
        }
        foreach ($name in $Environment.Keys) { $start.Environment[$name] = $Environment[$name] }

        $process = [System.Diagnostics.Process]::Start($start)
        try {
            $process.StandardInput.Close()
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if ($WhileRunning) { & $WhileRunning $process }
            if (-not $process.WaitForExit($TimeoutSec * 1000)) {
                $process.Kill($true)
                throw "The runbook did not end within $TimeoutSec s (a prompt waiting for input?). Output so far: $($stdout.Result)"
            }
            $process.WaitForExit()
            [pscustomobject]@{
                ExitCode = $process.ExitCode
                Output   = @($stdout.Result -split '\r?\n' | Where-Object { $_ -ne '' })
                Errors   = $stderr.Result
                Home     = $HomeDirectory
            }
        }
        finally {
            $process.Dispose()
        }
    }

    # Every runbook starts the same way: the module under test, the emulator's address.
    $Prologue = @'
param([string] $ModulePath, [string] $BaseUri)
Import-Module $ModulePath -ErrorAction Stop
'@

    $CsvPath = Join-Path $TestDrive 'usage.csv'
    $rows = foreach ($hour in 0..5) { "2031-10-01T0${hour}:00:00Z,runbook-requests,$($hour + 1),checkout" }
    Set-Content -LiteralPath $CsvPath -Value (@('timestamp,metric_name,metric_value,service') + $rows)
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator $Emulator }
}

Describe 'A runbook with its secrets in a SecretManagement vault' -Skip:(-not $HasSecretManagement) {
    BeforeAll {
        Reset-TestEmulator $Emulator
        # Register the vault in a HOME of the test's own, the way an operator sets up the job's account once.
        $VaultHome = Join-Path $TestDrive 'vault-home'
        $secretsFile = Join-Path $TestDrive 'vault-secrets.json'
        $setup = Invoke-Runbook -HomeDirectory $VaultHome -Script ($Prologue + @"

Import-Module Microsoft.PowerShell.SecretManagement -ErrorAction Stop
Register-SecretVault -Name CtTest -ModuleName '$VaultModule' -VaultParameters @{ Path = '$secretsFile' } -ErrorAction Stop
Set-Secret -Vault CtTest -Name CloudthreadApiKey -Secret '$($Emulator.ApiKey)' -ErrorAction Stop
Set-Secret -Vault CtTest -Name CloudthreadStream -Secret '$($Emulator.DataStreamToken)' -ErrorAction Stop
'registered'
"@)
        if ($setup.ExitCode -ne 0 -or $setup.Output -notcontains 'registered') {
            throw "Could not register the test vault: $($setup.Errors) $($setup.Output)"
        }
    }

    It 'connects with the key and token from the vault, sends, and says where the key came from but never what it is' {
        $run = Invoke-Runbook -HomeDirectory $VaultHome -Script ($Prologue + @'

Connect-Cloudthread -BaseUri $BaseUri -Vault CtTest -SecretName CloudthreadApiKey -DataStreamTokenSecretName CloudthreadStream -ErrorAction Stop
$connection = Get-CtConnection
"source=$($connection.ApiKeySource)"
"token=$($connection.HasDataStreamToken)"
$connection | Format-List * | Out-String -Width 200
Send-CtCustomData -MetricName runbook-vault -MetricValue 5 -Timestamp ([datetime]'2031-10-02T00:00:00Z').ToUniversalTime() -ErrorAction Stop
"teams=$(@(Get-CtTeam).Count)"
'@)
        $run.Errors | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Contain 'source=Vault'
        $run.Output | Should -Contain 'token=True'
        $run.Output | Should -Contain 'teams=3'
        @(Get-TestEmulatorCustomData $Emulator | Where-Object metric_name -eq 'runbook-vault') | Should -HaveCount 1
        ($run.Output -join "`n") + $run.Errors | Should -Not -Match ([regex]::Escape($Emulator.ApiKey))
        ($run.Output -join "`n") + $run.Errors | Should -Not -Match ([regex]::Escape($Emulator.DataStreamToken))
    }

    It 'fails with SecretRetrievalFailed, naming the secret, when the secret is not in the vault' {
        $run = Invoke-Runbook -HomeDirectory $VaultHome -Script ($Prologue + @'

try { Connect-Cloudthread -BaseUri $BaseUri -Vault CtTest -SecretName NoSuchSecret -ErrorAction Stop }
catch { "id=$($_.FullyQualifiedErrorId)"; "message=$($_.Exception.Message)"; exit 3 }
'@)
        $run.ExitCode | Should -Be 3
        $run.Output | Should -Contain 'id=SecretRetrievalFailed,Cloudthread.PowerShell.Cmdlets.ConnectCloudthreadCommand'
        ($run.Output -join "`n") | Should -Match 'NoSuchSecret'
    }
}

Describe 'A runbook without SecretManagement' {
    It 'fails with SecretManagementNotAvailable, saying how to install it' {
        # PSModulePath without any folder that holds SecretManagement: the module is hidden from this run.
        $separator = [System.IO.Path]::PathSeparator
        $visible = @($env:PSModulePath -split $separator | Where-Object {
                $_ -and -not (Test-Path -LiteralPath (Join-Path $_ 'Microsoft.PowerShell.SecretManagement'))
            })
        $run = Invoke-Runbook -Environment @{ PSModulePath = ($visible -join $separator) } -Script ($Prologue + @'

if (Get-Module -ListAvailable Microsoft.PowerShell.SecretManagement) { 'still visible'; exit 9 }
try { Connect-Cloudthread -BaseUri $BaseUri -Vault CtTest -SecretName CloudthreadApiKey -ErrorAction Stop }
catch { "id=$($_.FullyQualifiedErrorId)"; "action=$($_.ErrorDetails.RecommendedAction) $($_.CategoryInfo.Reason)"; "message=$($_.Exception.Message)"; exit 3 }
'@)
        $run.ExitCode | Should -Be 3
        $run.Output | Should -Contain 'id=SecretManagementNotAvailable,Cloudthread.PowerShell.Cmdlets.ConnectCloudthreadCommand'
        ($run.Output -join "`n") | Should -Match 'Install-PSResource Microsoft\.PowerShell\.SecretManagement'
    }
}

Describe 'A runbook with its secrets in environment variables' {
    BeforeAll { Reset-TestEmulator $Emulator }

    It 'connects from CLOUDTHREAD_API_KEY and CLOUDTHREAD_DATA_STREAM_TOKEN and sends' {
        $run = Invoke-Runbook -Environment @{ CLOUDTHREAD_API_KEY = $Emulator.ApiKey; CLOUDTHREAD_DATA_STREAM_TOKEN = $Emulator.DataStreamToken } -Script ($Prologue + @'

Connect-Cloudthread -BaseUri $BaseUri -ErrorAction Stop
$connection = Get-CtConnection
"source=$($connection.ApiKeySource)"
"token=$($connection.HasDataStreamToken)"
Send-CtCustomData -Path ./usage.csv -ErrorAction Stop
'done'
'@)
        $run.Errors | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Contain 'source=Environment'
        $run.Output | Should -Contain 'token=True'
        $run.Output | Should -Contain 'done'
        @(Get-TestEmulatorCustomData $Emulator | Where-Object metric_name -eq 'runbook-requests') | Should -HaveCount 6
        ($run.Output -join "`n") + $run.Errors | Should -Not -Match ([regex]::Escape($Emulator.ApiKey))
    }
}

Describe 'What a scheduler sees when an upload fails' {
    BeforeEach {
        Reset-TestEmulator $Emulator
        Set-TestEmulatorFault $Emulator @{ error_rate = 1; error_status = 503 }
    }
    AfterAll { Reset-TestEmulator $Emulator }

    It 'with -ErrorAction Stop: the process exits non-zero with the error on stderr, and stops there' {
        $run = Invoke-Runbook -Environment @{ CLOUDTHREAD_API_KEY = $Emulator.ApiKey; CLOUDTHREAD_DATA_STREAM_TOKEN = $Emulator.DataStreamToken } -Script ($Prologue + @'

Connect-Cloudthread -BaseUri $BaseUri -MaxRetries 0 -ErrorAction Stop
Send-CtCustomData -Path ./usage.csv -BatchSize 2 -ErrorAction Stop
'not reached'
'@)
        $run.ExitCode | Should -Not -Be 0
        $run.Output | Should -Not -Contain 'not reached'
        $run.Errors | Should -Match '503|ServiceUnavailable|Service Unavailable'
        $run.Errors | Should -Not -Match ([regex]::Escape($Emulator.DataStreamToken))
    }

    It 'without it: the runbook finishes, and $Error holds each failed request with its points' {
        $run = Invoke-Runbook -Environment @{ CLOUDTHREAD_API_KEY = $Emulator.ApiKey; CLOUDTHREAD_DATA_STREAM_TOKEN = $Emulator.DataStreamToken } -Script ($Prologue + @'

Connect-Cloudthread -BaseUri $BaseUri -MaxRetries 0 -ErrorAction Stop
$Error.Clear()
Send-CtCustomData -Path ./usage.csv -BatchSize 2 -ErrorAction SilentlyContinue
"errors=$($Error.Count)"
"ids=$(@($Error | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] } | Sort-Object -Unique) -join ';')"
"points=$(@($Error | ForEach-Object { $_.TargetObject }).Count)"
'finished'
'@)
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Contain 'finished'
        $run.Output | Should -Contain 'errors=3'
        $run.Output | Should -Contain 'ids=CustomDataBatchFailed'
        $run.Output | Should -Contain 'points=6'
    }
}

Describe 'No prompt, ever' {
    BeforeAll {
        Import-TestModule
        Connect-TestEmulator $Emulator
        Reset-TestEmulator $Emulator
        $MembersBefore = @(Get-CtTeamMember -TeamId data).Id
    }
    AfterAll { Disconnect-Cloudthread }
    BeforeEach { Reset-TestEmulator $Emulator }

    It '<Name> with <Parameter> runs without a prompt in a non-interactive shell' -ForEach @(
        @{ Name = 'Get-CtTeam'; Parameter = '-Debug'; Command = 'Get-CtTeam -Debug' }
        @{ Name = 'Get-CtTeam'; Parameter = '-Verbose'; Command = 'Get-CtTeam -Verbose' }
        @{ Name = 'Get-CtUser'; Parameter = '-Debug'; Command = 'Get-CtUser -Debug' }
        @{ Name = 'Add-CtEvent'; Parameter = '-Debug'; Command = "Add-CtEvent -Type Deploy -Description 'runbook' -Debug" }
        @{ Name = 'Send-CtCustomData'; Parameter = '-Debug'; Command = 'Send-CtCustomData -Path ./usage.csv -Debug' }
        @{ Name = 'New-CtTeam'; Parameter = '-Debug'; Command = "New-CtTeam -Id runbook -Name 'Runbook' -Debug" }
        @{ Name = 'Remove-CtTeam'; Parameter = '-Confirm:$false -Debug'; Command = 'Remove-CtTeam -TeamId data -Confirm:$false -Debug' }
        @{ Name = 'Invoke-CtApiRequest'; Parameter = '-Debug'; Command = 'Invoke-CtApiRequest -Path /teams -Debug' }
    ) {
        $run = Invoke-Runbook -TimeoutSec 60 -Environment @{ CLOUDTHREAD_API_KEY = $Emulator.ApiKey; CLOUDTHREAD_DATA_STREAM_TOKEN = $Emulator.DataStreamToken } -Script ($Prologue + @"

Connect-Cloudthread -BaseUri `$BaseUri -ErrorAction Stop
$Command -ErrorAction Stop | Out-Null
'finished'
"@)
        $run.Errors | Should -Not -Match 'NonInteractive'
        $run.ExitCode | Should -Be 0 -Because "$Command must not need a prompt: $($run.Errors)"
        $run.Output | Should -Contain 'finished'
    }

    It '<Command> fails fast, saying to add -Confirm:$false' -ForEach @(
        @{ Command = 'Remove-CtTeam -TeamId data'; Class = 'RemoveCtTeamCommand' }
        @{ Command = 'Remove-CtTeamMember -TeamId data -UserId u-1001'; Class = 'RemoveCtTeamMemberCommand' }
        @{ Command = "Set-CtTeam -TeamId data -SlackChannel '#runbook' -Confirm"; Class = 'SetCtTeamCommand' }
    ) {
        $run = Invoke-Runbook -TimeoutSec 60 -Environment @{ CLOUDTHREAD_API_KEY = $Emulator.ApiKey } -Script ($Prologue + @"

Connect-Cloudthread -BaseUri `$BaseUri -ErrorAction Stop
try { $Command -ErrorAction Stop; 'not reached' }
catch { "id=`$(`$_.FullyQualifiedErrorId)"; "message=`$(`$_.Exception.Message)"; exit 4 }
"@)
        $run.ExitCode | Should -Be 4
        $run.Output | Should -Contain "id=ConfirmationNotPossible,Cloudthread.PowerShell.Cmdlets.$Class"
        ($run.Output -join "`n") | Should -Match ([regex]::Escape('-Confirm:$false'))
        ($run.Output -join "`n") | Should -Not -Match 'Read and Prompt functionality is not available'
        # Nothing changed.
        $team = Get-CtTeam -Id data
        $team.SlackChannel | Should -Not -Be '#runbook'
        @(Get-CtTeamMember -TeamId data).Id | Should -Be $MembersBefore
    }
}

Describe 'A runbook interrupted mid-upload' -Skip:$IsWindows {
    # A scheduler cancels a job with SIGTERM (Azure Automation's hybrid workers, docker stop, systemd) or SIGINT
    # (Ctrl+C at a console): either way the job's log ends with the report of what was sent.
    BeforeAll {
        $BigCsv = Join-Path $TestDrive 'big.csv'
        $start = [datetime]::new(2032, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
        $lines = [System.Collections.Generic.List[string]]::new()
        $lines.Add('timestamp,metric_name,metric_value')
        for ($i = 0; $i -lt 5000; $i++) { $lines.Add($start.AddHours($i).ToString('yyyy-MM-ddTHH:00:00Z') + ",runbook-interrupted,$i") }
        [System.IO.File]::WriteAllLines($BigCsv, $lines)
    }
    BeforeEach {
        Reset-TestEmulator $Emulator
        # Slow enough that the upload is still going when the signal comes.
        Set-TestEmulatorFault $Emulator @{ latency_ms = 400 }
    }
    AfterAll { Reset-TestEmulator $Emulator }

    It 'ends with the report of what was sent, and the points not confirmed in the failed-points file, on SIG<_>' -ForEach @('TERM', 'INT') {
        $signal = $_
        $failedFile = Join-Path $TestDrive "failed-$signal.csv"
        $run = Invoke-Runbook -TimeoutSec 90 -Environment @{ CLOUDTHREAD_API_KEY = $Emulator.ApiKey; CLOUDTHREAD_DATA_STREAM_TOKEN = $Emulator.DataStreamToken } -Script ($Prologue + @"

Connect-Cloudthread -BaseUri `$BaseUri -ErrorAction Stop
Send-CtCustomData -Path '$BigCsv' -BatchSize 250 -ThrottleLimit 1 -FailedPointsPath '$failedFile'
'not reached'
"@) -WhileRunning {
            param($process)
            # Wait until the emulator has seen the upload start, then signal the job as a scheduler would.
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ([DateTime]::UtcNow -lt $deadline -and (Get-TestEmulatorStat $Emulator).ingest_requests -lt 2) { Start-Sleep -Milliseconds 200 }
            & kill "-$signal" $process.Id
        }

        $all = ($run.Output -join "`n") + "`n" + $run.Errors
        $all | Should -Match 'stopped' -Because "the job's log must say the upload was stopped: $all"
        $all | Should -Match '\d+ (point\(s\) )?(were )?(stored|sent)'
        $all | Should -Not -Match ([regex]::Escape($Emulator.DataStreamToken))
        $run.Output | Should -Not -Contain 'not reached'
        $failedFile | Should -Exist
        $stored = @(Get-TestEmulatorCustomData $Emulator | Where-Object metric_name -eq 'runbook-interrupted').Count
        $notConfirmed = @(Import-Csv -LiteralPath $failedFile).Count
        $stored | Should -BeGreaterThan 0
        # Every point is stored or in the file (points in flight at the stop may be both: ingest is an upsert).
        ($stored + $notConfirmed) | Should -BeGreaterOrEqual 5000
    }
}
