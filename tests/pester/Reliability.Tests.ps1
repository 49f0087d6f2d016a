# Interrupted runs and honest reports: every stop of Send-CtCustomData ends with one report; "not stored" only when
# an answer proves it; -FailedPointsPath / -FailedEventsPath files that the cmdlets take back as they are; retries
# in the per-request results; and the chaos run of bench/Invoke-ChaosRun.ps1 at 20k points.
# Needs PowerShell 7.4+ and Pester 5.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-TestModule
    $script:Emulator = Start-TestEmulator
    $script:Manifest = Join-Path (Get-Module Cloudthread).ModuleBase 'Cloudthread.psd1'

    function New-PointCsv {
        param([string] $Path, [int] $Count, [string] $Prefix = 'rel-')
        $lines = [System.Collections.Generic.List[string]]::new()
        $lines.Add('Timestamp,MetricName,MetricValue,AggregationFunction,Region')
        $start = [datetime]::new(2032, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
        for ($i = 0; $i -lt $Count; $i++) {
            $lines.Add(('{0:yyyy-MM-dd HH:00:00},{1}{2},{3},{4},r{5}' -f $start.AddHours($i), $Prefix, ($i % 3), $i, ('Sum', 'Maximum')[$i % 2], ($i % 4)))
        }
        Set-Content -LiteralPath $Path -Value $lines
    }

    # Runs a script in its own runspace and stops it (as Ctrl+C does) once the emulator's stats satisfy $Until
    # (so that a slow start on a busy machine cannot stop it too early); returns the instance.
    function Invoke-AndStop {
        param([scriptblock] $Script, [object[]] $Arguments, [scriptblock] $Until)
        $shell = [powershell]::Create()
        $null = $shell.AddScript($Script)
        foreach ($argument in $Arguments) { $null = $shell.AddArgument($argument) }
        $null = $shell.BeginInvoke()
        $deadline = [datetime]::UtcNow.AddSeconds(60)
        while (-not (& $Until (Get-TestEmulatorStat $script:Emulator)) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Start-Sleep -Milliseconds 300
        $shell.Stop()
        $shell
    }

    function Get-StoredCount {
        param([string] $Prefix = 'rel-')
        @(Get-TestEmulatorCustomData $script:Emulator | Where-Object { $_.metric_name.StartsWith($Prefix) }).Count
    }

    # Every request throttled at this rate, and no retry: the failures the resend tests start from.
    function Set-ThrottledWithoutRetry {
        param([double] $Rate)
        Connect-TestEmulator $script:Emulator -With @{ MaxRetries = 0 }
        Set-TestEmulatorFault $script:Emulator @{ throttle_rate = $Rate; retry_after_seconds = 0 }
    }

    $script:SendFromPath = {
        param($Manifest, $BaseUri, $Key, $Token, $Csv, $Extra)
        Import-Module $Manifest
        Connect-Cloudthread -BaseUri $BaseUri -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force) -DataStreamToken (ConvertTo-SecureString $Token -AsPlainText -Force)
        Send-CtCustomData -Path $Csv @Extra
    }
}

AfterAll {
    Disconnect-Cloudthread -ErrorAction Ignore
    Stop-TestEmulator $script:Emulator
}

Describe 'Every stop ends with one report' {
    BeforeEach { Reset-TestEmulator $script:Emulator }

    It 'a -Path -PassThru run stopped while reading reports what was stored, may have been and was not' {
        $csv = Join-Path $TestDrive 'stop-read.csv'
        New-PointCsv -Path $csv -Count 20000
        Set-TestEmulatorFault $script:Emulator @{ latency_ms = 400 }
        $shell = Invoke-AndStop $script:SendFromPath @($script:Manifest, $script:Emulator.BaseUri, $script:Emulator.ApiKey, $script:Emulator.DataStreamToken, $csv, @{ PassThru = $true; BatchSize = 200 }) -Until { param($stats) $stats.ingest_requests -ge 4 }
        try {
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            @($shell.Streams.Warning) | Should -HaveCount 1
            $report = $shell.Streams.Warning[0].Message
            $report | Should -Match 'stopped after \d+ input item\(s\): (\d+) point\(s\) stored \(confirmed\), (\d+) may or may not have been stored'
            $null = $report -match ': (?<sent>\d+) point\(s\) stored \(confirmed\), (?<maybe>\d+) may'
            Set-TestEmulatorFault $script:Emulator @{ latency_ms = 0 }
            $stored = Get-StoredCount
            $stored | Should -BeGreaterOrEqual ([int]$Matches['sent'])
            $stored | Should -BeLessOrEqual ([int]$Matches['sent'] + [int]$Matches['maybe'])
        }
        finally { $shell.Dispose() }
    }

    It 'a -Path run stopped during the final flush reports too (with and without -PassThru)' -ForEach @(@{ PassThru = $true }, @{ PassThru = $false }) {
        $csv = Join-Path $TestDrive 'stop-flush.csv'
        New-PointCsv -Path $csv -Count 300
        Set-TestEmulatorFault $script:Emulator @{ latency_ms = 5000 }
        $shell = Invoke-AndStop $script:SendFromPath @($script:Manifest, $script:Emulator.BaseUri, $script:Emulator.ApiKey, $script:Emulator.DataStreamToken, $csv, @{ PassThru = $PassThru }) -Until { param($stats) $stats.requests -ge 1 }
        try {
            @($shell.Streams.Warning) | Should -HaveCount 1
            $shell.Streams.Warning[0].Message | Should -Match '0 point\(s\) stored \(confirmed\), 300 may or may not have been stored'
        }
        finally {
            $shell.Dispose()
            Set-TestEmulatorFault $script:Emulator @{ latency_ms = 0 }
        }
    }

    It 'piped input with -PassThru stopped during the final flush reports too, and keeps its points in -FailedPointsPath' {
        $failed = Join-Path $TestDrive 'stop-piped-failed.csv'
        Set-TestEmulatorFault $script:Emulator @{ latency_ms = 5000 }
        $shell = Invoke-AndStop {
            param($Manifest, $BaseUri, $Key, $Token, $Failed)
            Import-Module $Manifest
            Connect-Cloudthread -BaseUri $BaseUri -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force) -DataStreamToken (ConvertTo-SecureString $Token -AsPlainText -Force)
            $start = [datetime]::new(2032, 6, 1, 0, 0, 0, [DateTimeKind]::Utc)
            0..49 | ForEach-Object { [pscustomobject]@{ Timestamp = $start.AddHours($_); MetricName = 'rel-piped'; MetricValue = $_; Team = 'a,b "c"' } } |
                Send-CtCustomData -PassThru -FailedPointsPath $Failed
        } @($script:Manifest, $script:Emulator.BaseUri, $script:Emulator.ApiKey, $script:Emulator.DataStreamToken, $failed) -Until { param($stats) $stats.requests -ge 1 }
        try {
            @($shell.Streams.Warning) | Should -HaveCount 1
            $shell.Streams.Warning[0].Message | Should -Match '50 may or may not have been stored'
            $shell.Streams.Warning[0].Message | Should -Match ([regex]::Escape($failed))
            $rows = @(Import-Csv -LiteralPath $failed)
            $rows | Should -HaveCount 50
            $rows[0].Team | Should -Be 'a,b "c"'
            $rows[0].FailureReason | Should -Match 'in flight'
        }
        finally {
            $shell.Dispose()
            Set-TestEmulatorFault $script:Emulator @{ latency_ms = 0 }
        }
    }
}

Describe '"Not stored" only when an answer proves it' {
    BeforeEach { Reset-TestEmulator $script:Emulator }
    AfterEach { Connect-TestEmulator $script:Emulator }

    It 'a dropped connection: the batch error says "may or may not have been stored", the result MayHaveBeenStored' {
        Connect-TestEmulator $script:Emulator -With @{ MaxRetries = 0 }
        Set-TestEmulatorFault $script:Emulator @{ drop_rate = 1.0 }
        $results = Send-CtCustomData -MetricName 'rel-drop' -MetricValue 1 -Timestamp ([datetime]'2032-02-01T00:00:00Z') -PassThru -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'CustomDataBatchFailed' 'SendCtCustomDataCommand')
        $err[0].ErrorDetails.Message | Should -Match 'may or may not have been stored'
        $err[0].ErrorDetails.Message | Should -Not -Match 'were not stored'
        ($results | Where-Object { $_.PSObject.TypeNames -contains 'Cloudthread.Client.Models.CustomDataRequestResult' }).MayHaveBeenStored | Should -BeTrue
        ($results | Where-Object { $_.PSObject.TypeNames -contains 'Cloudthread.Client.Models.IngestSummary' }).MayHaveBeenStored | Should -Be 1
    }

    It 'a 429 answer proves it: "not stored", MayHaveBeenStored false' {
        Set-ThrottledWithoutRetry 1.0
        $results = Send-CtCustomData -MetricName 'rel-429' -MetricValue 1 -Timestamp ([datetime]'2032-02-01T00:00:00Z') -PassThru -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].ErrorDetails.Message | Should -Match 'were not stored'
        ($results | Where-Object { $_.PSObject.TypeNames -contains 'Cloudthread.Client.Models.CustomDataRequestResult' }).MayHaveBeenStored | Should -BeFalse
    }

    It 'an event NetworkError after a dropped connection says a resend may duplicate it' {
        Connect-TestEmulator $script:Emulator -With @{ MaxRetries = 0 }
        Set-TestEmulatorFault $script:Emulator @{ drop_rate = 1.0 }
        Add-CtEvent -Type Deploy -Timestamp ([datetime]'2032-02-01T00:00:00Z') -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'NetworkError' 'AddCtEventCommand')
        $err[0].ErrorDetails.Message | Should -Match 'may or may not have been stored'
        $err[0].ErrorDetails.Message | Should -Match 'duplicates'
    }
}

Describe 'Resend is one line' {
    BeforeEach { Reset-TestEmulator $script:Emulator }
    AfterEach { Connect-TestEmulator $script:Emulator }

    It 'Send-CtCustomData -FailedPointsPath writes every point not confirmed, and -Path takes the file as it is' {
        $csv = Join-Path $TestDrive 'resend.csv'
        $failed = Join-Path $TestDrive 'failed.csv'
        New-PointCsv -Path $csv -Count 500 -Prefix 'rel-resend-'
        Set-ThrottledWithoutRetry 1.0
        Send-CtCustomData -Path $csv -BatchSize 100 -FailedPointsPath $failed -ErrorAction SilentlyContinue -WarningVariable warn -WarningAction SilentlyContinue
        $warn | Should -HaveCount 1
        $warn[0] | Should -Match ([regex]::Escape("Send-CtCustomData -Path '$failed'"))
        $rows = @(Import-Csv -LiteralPath $failed)
        $rows | Should -HaveCount 500
        $rows[0].FailureReason | Should -Match 'not stored'
        Get-StoredCount 'rel-resend-' | Should -Be 0

        Set-TestEmulatorFault $script:Emulator @{ throttle_rate = 0 }
        Send-CtCustomData -Path $failed -ErrorAction Stop
        $stored = @(Get-TestEmulatorCustomData $script:Emulator | Where-Object { $_.metric_name.StartsWith('rel-resend-') })
        $stored | Should -HaveCount 500
        @($stored | Where-Object { $_.custom_dimensions.PSObject.Properties.Name -contains 'FailureReason' }) | Should -HaveCount 0
        @($stored | Where-Object metric_agg_func -eq 'Maximum') | Should -HaveCount 250
        ($stored.custom_dimensions.Region | Sort-Object -Unique) | Should -Be @('r0', 'r1', 'r2', 'r3')
    }

    It 'a -Path run ended by -ErrorAction Stop keeps the failed, the stopped and the unread points: one resend finishes the file' {
        $csv = Join-Path $TestDrive 'runbook.csv'
        $failed = Join-Path $TestDrive 'runbook-failed.csv'
        New-PointCsv -Path $csv -Count 3000 -Prefix 'rel-runbook-'
        Set-ThrottledWithoutRetry 0.5
        $caught = $null
        try { Send-CtCustomData -Path $csv -BatchSize 100 -ThrottleLimit 1 -FailedPointsPath $failed -ErrorAction Stop -WarningVariable warn -WarningAction SilentlyContinue }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'CustomDataBatchFailed' 'SendCtCustomDataCommand')
        $warn | Should -HaveCount 1
        $warn[0] | Should -Match 'more point\(s\) of the file were not read'
        $stored = Get-StoredCount 'rel-runbook-'
        # Every point is stored or in the file (a request cancelled in flight may be both).
        (@(Import-Csv -LiteralPath $failed).Count + $stored) | Should -BeGreaterOrEqual 3000

        Set-TestEmulatorFault $script:Emulator @{ throttle_rate = 0 }
        Send-CtCustomData -Path $failed -ErrorAction Stop
        Get-StoredCount 'rel-runbook-' | Should -Be 3000
    }

    It 'Add-CtEvent -FailedEventsPath writes the events not confirmed, and Import-Csv | Add-CtEvent sends them' {
        $failed = Join-Path $TestDrive 'failed-events.csv'
        Set-ThrottledWithoutRetry 1.0
        $events = 0..2 | ForEach-Object { [pscustomobject]@{ Type = 'Deploy'; Description = "v$_, ""quoted"""; TeamId = 'platform'; Timestamp = [datetime]::new(2032, 3, 1, $_, 0, 0, [DateTimeKind]::Utc) } }
        $events | Add-CtEvent -FailedEventsPath $failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $rows = @(Import-Csv -LiteralPath $failed)
        $rows | Should -HaveCount 3
        $rows.MayHaveBeenStored | Should -Be @('False', 'False', 'False')

        Set-TestEmulatorFault $script:Emulator @{ throttle_rate = 0 }
        Import-Csv -LiteralPath $failed | Add-CtEvent -ErrorAction Stop
        $stored = @(Get-TestEmulatorEvent $script:Emulator)
        $stored | Should -HaveCount 3
        $stored.payload.description | Should -Be @('v0, "quoted"', 'v1, "quoted"', 'v2, "quoted"')
        ([datetimeoffset]$stored[2].timestamp).UtcDateTime | Should -Be ([datetime]::new(2032, 3, 1, 2, 0, 0, [DateTimeKind]::Utc))
    }
}

Describe 'Retries visible in results' {
    BeforeEach { Reset-TestEmulator $script:Emulator }
    AfterEach { Connect-TestEmulator $script:Emulator }

    It 'each request result carries its attempts and the reasons of its retries' {
        Connect-TestEmulator $script:Emulator -With @{ MaxRetries = 10; MaxRetryDelay = 0 }
        Set-TestEmulatorFault $script:Emulator @{ error_rate = 0.5; error_status = 503 }
        $csv = Join-Path $TestDrive 'retries.csv'
        New-PointCsv -Path $csv -Count 2000 -Prefix 'rel-retry-'
        $results = @(Send-CtCustomData -Path $csv -BatchSize 100 -PassThru -ErrorAction Stop |
                Where-Object { $_.PSObject.TypeNames -contains 'Cloudthread.Client.Models.CustomDataRequestResult' })
        $results | Should -HaveCount 20
        $results | ForEach-Object { $_.Attempts | Should -Be ($_.RetryReasons.Count + 1) }
        $retried = @($results | Where-Object Attempts -GT 1)
        $retried.Count | Should -BeGreaterThan 0
        $retried[0].RetryReasons[0] | Should -Match '503'
    }
}

Describe 'The chaos run, 20k points' {
    It 'stores every point exactly once with the right value through faults and dropped connections' {
        Reset-TestEmulator $script:Emulator
        $result = & (Join-Path (Get-TestRepoRoot) 'bench/Invoke-ChaosRun.ps1') -Points 20000 -BatchSize 100 -BaseUri $script:Emulator.BaseUri -WorkFolder $TestDrive
        $result.Lost | Should -Be 0
        $result.Duplicated | Should -Be 0
        $result.Wrong | Should -Be 0
        $result.Stored | Should -Be 20000
        $result.FaultsInjected | Should -BeGreaterThan 10
    }
}
