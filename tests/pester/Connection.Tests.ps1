# Connect-Cloudthread, Get-CtConnection, Disconnect-Cloudthread, and the one-call -ApiKey/-BaseUri of every cmdlet.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-TestModule
    $Emulator = Start-TestEmulator
    $SavedEnvironment = Clear-CloudthreadEnvironment
    $Key = ConvertTo-TestSecureString $Emulator.ApiKey
}

AfterAll {
    Disconnect-Cloudthread
    Restore-CloudthreadEnvironment $SavedEnvironment
    Stop-TestEmulator $Emulator
}

Describe 'Connect-Cloudthread' {
    AfterEach {
        Disconnect-Cloudthread
        Clear-CloudthreadEnvironment | Out-Null
    }

    It 'connects with a SecureString key and describes the connection without the key' {
        $info = Connect-Cloudthread -ApiKey $Key -BaseUri $Emulator.BaseUri -PassThru
        $info.PSObject.TypeNames[0] | Should -Be 'Cloudthread.PowerShell.CloudthreadConnectionInfo'
        $info.BaseUri.AbsoluteUri.TrimEnd('/') | Should -Be $Emulator.BaseUri
        $info.ApiKeySource | Should -Be 'Parameter'
        $info.ApiKeyHint | Should -Not -Match 'ct-demo'
        ($info | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($Emulator.ApiKey))
        ($info | ConvertTo-Json) | Should -Not -Match ([regex]::Escape($Emulator.ApiKey))
        (Get-CtTeam).Id | Should -Contain 'platform'
    }

    It 'writes nothing without -PassThru' {
        Connect-Cloudthread -ApiKey $Key -BaseUri $Emulator.BaseUri | Should -BeNullOrEmpty
    }

    It 'keeps retry, timeout and timestamp settings, taking seconds or TimeSpans' {
        Connect-Cloudthread -ApiKey $Key -BaseUri $Emulator.BaseUri -MaxRetries 2 -MaxRetryDelay 5 -RetryBudget ([timespan]'00:01:30') -TimeoutSec 30 -TimestampFormat SpaceSeparated
        $info = Get-CtConnection
        $info.MaxRetries | Should -Be 2
        $info.MaxRetryDelay | Should -Be ([timespan]::FromSeconds(5))
        $info.RetryBudget | Should -Be ([timespan]::FromSeconds(90))
        $info.Timeout | Should -Be ([timespan]::FromSeconds(30))
        $info.TimestampFormat | Should -Be 'SpaceSeparated'
        $info.Proxy | Should -Be 'System'
    }

    It 'shows a proxy without its credential' {
        $credential = [pscredential]::new('proxyuser', (ConvertTo-TestSecureString 'proxy-password-123'))
        Connect-Cloudthread -ApiKey $Key -BaseUri $Emulator.BaseUri -Proxy 'http://127.0.0.1:3128' -ProxyCredential $credential
        $info = Get-CtConnection
        $info.Proxy | Should -Match '127\.0\.0\.1:3128'
        $info.Proxy | Should -Match 'with credential'
        ($info | Format-List * | Out-String) | Should -Not -Match 'proxy-password-123'
    }

    It 'says whether it holds a data stream token, never the token' {
        $info = Connect-Cloudthread -ApiKey $Key -BaseUri $Emulator.BaseUri -DataStreamToken (ConvertTo-TestSecureString $Emulator.DataStreamToken) -PassThru
        $info.HasDataStreamToken | Should -BeTrue
        ($info | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($Emulator.DataStreamToken))
        (Connect-Cloudthread -ApiKey $Key -BaseUri $Emulator.BaseUri -PassThru).HasDataStreamToken | Should -BeFalse
    }

    It 'takes the key from $env:CLOUDTHREAD_API_KEY' {
        $env:CLOUDTHREAD_API_KEY = $Emulator.ApiKey
        $env:CLOUDTHREAD_DATA_STREAM_TOKEN = $Emulator.DataStreamToken
        $info = Connect-Cloudthread -BaseUri $Emulator.BaseUri -PassThru
        $info.ApiKeySource | Should -Be 'Environment'
        $info.HasDataStreamToken | Should -BeTrue
        (Get-CtUser).Count | Should -Be 5
    }

    It 'fails with ApiKeyMissing, without prompting, when there is no key anywhere' {
        { Connect-Cloudthread -BaseUri $Emulator.BaseUri } |
            Should -Throw -ErrorId (Get-ExpectedErrorId 'ApiKeyMissing' 'ConnectCloudthreadCommand')
        Get-CtConnection | Should -BeNullOrEmpty
    }

    It 'rejects contradictory proxy settings with InvalidConfiguration' {
        { Connect-Cloudthread -ApiKey $Key -BaseUri $Emulator.BaseUri -NoProxy -Proxy 'http://127.0.0.1:3128' } |
            Should -Throw -ErrorId (Get-ExpectedErrorId 'InvalidConfiguration' 'ConnectCloudthreadCommand')
    }

    It 'reads the key from a SecretManagement vault, or says the module is missing' {
        $available = [bool](Get-Module -ListAvailable -Name Microsoft.PowerShell.SecretManagement)
        $expected = if ($available) { 'SecretRetrievalFailed' } else { 'SecretManagementNotAvailable' }
        { Connect-Cloudthread -Vault "NoSuchVault$([guid]::NewGuid().ToString('N'))" -SecretName 'cloudthread' -BaseUri $Emulator.BaseUri } |
            Should -Throw -ErrorId (Get-ExpectedErrorId $expected 'ConnectCloudthreadCommand')
    }

    It 'replaces the previous connection' {
        Connect-Cloudthread -ApiKey $Key -BaseUri $Emulator.BaseUri -MaxRetries 1
        Connect-Cloudthread -ApiKey $Key -BaseUri $Emulator.BaseUri -MaxRetries 3
        @(Get-CtConnection) | Should -HaveCount 1
        (Get-CtConnection).MaxRetries | Should -Be 3
    }
}

Describe 'Disconnect-Cloudthread' {
    It 'forgets the connection; API cmdlets then fail with NotConnected' {
        Connect-Cloudthread -ApiKey $Key -BaseUri $Emulator.BaseUri
        Disconnect-Cloudthread
        Get-CtConnection | Should -BeNullOrEmpty
        { Get-CtTeam } | Should -Throw -ErrorId (Get-ExpectedErrorId 'NotConnected' 'GetCtTeamCommand')
    }

    It 'is harmless when not connected' {
        { Disconnect-Cloudthread; Disconnect-Cloudthread } | Should -Not -Throw
    }
}

Describe 'One-call -ApiKey and -BaseUri' {
    AfterEach { Disconnect-Cloudthread }

    It 'works without any connection' {
        (Get-CtTeam -ApiKey $Key -BaseUri $Emulator.BaseUri).Id | Should -Contain 'data'
        Get-CtConnection | Should -BeNullOrEmpty
    }

    It 'overrides the connection key for one call only' {
        Connect-Cloudthread -ApiKey $Key -BaseUri $Emulator.BaseUri
        $readOnly = ConvertTo-TestSecureString $Emulator.ReadOnlyApiKey
        { New-CtTeam -Id 'one-call' -Name 'One call' -ApiKey $readOnly -ErrorAction Stop } |
            Should -Throw -ErrorId (Get-ExpectedErrorId 'PermissionDenied' 'NewCtTeamCommand')
        (New-CtTeam -Id 'one-call' -Name 'One call').Id | Should -Be 'one-call'
    }

    It 'fails with ApiKeyMissing when -BaseUri is given and no key exists' {
        { Get-CtTeam -BaseUri $Emulator.BaseUri } | Should -Throw -ErrorId (Get-ExpectedErrorId 'ApiKeyMissing' 'GetCtTeamCommand')
    }

    It 'works unattended from $env:CLOUDTHREAD_API_KEY without Connect-Cloudthread' {
        $env:CLOUDTHREAD_API_KEY = $Emulator.ApiKey
        $env:CLOUDTHREAD_BASE_URI = $Emulator.BaseUri
        try {
            (Get-CtUser -Email 'bob@example.com').Name | Should -Be 'Bob Builder'
        }
        finally {
            Clear-CloudthreadEnvironment | Out-Null
        }
    }
}

Describe 'Verbose and debug output' {
    BeforeAll { Connect-TestEmulator $Emulator }
    AfterAll { Disconnect-Cloudthread }

    It '-Verbose shows the requests, never the key' {
        $verbose = Get-CtTeam -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose | Should -Not -BeNullOrEmpty
        ($verbose.Message -join "`n") | Should -Match '/teams'
        ($verbose.Message -join "`n") | Should -Not -Match ([regex]::Escape($Emulator.ApiKey))
    }

    It '-Debug shows bodies with secrets redacted' {
        $DebugPreference = 'Continue'
        $records = New-CtTeam -Id 'debug-team' -Name 'Debug' -CustomStreamToken 'very-secret-stream-token' 5>&1 4>&1
        $DebugPreference = 'SilentlyContinue'
        $debug = $records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        $debug | Should -Not -BeNullOrEmpty
        # The body is shown (so the check below looks at real text), its token masked.
        ($debug.Message -join "`n") | Should -Match '"custom_stream_tokens"\s*:\s*\[\s*"\*\*\*"\s*\]'
        ($debug.Message -join "`n") | Should -Not -Match 'very-secret-stream-token'
        ($debug.Message -join "`n") | Should -Not -Match ([regex]::Escape($Emulator.ApiKey))
    }
}

Describe '-Debug alone' {
    # A runspace without a host: a prompt there fails at once, whether or not this shell is interactive.
    It 'shows request lines and bodies in every kind of cmdlet and never prompts' {
        $shell = [powershell]::Create()
        try {
            $manifest = Join-Path (Get-Module Cloudthread).ModuleBase 'Cloudthread.psd1'
            $null = $shell.AddScript({
                    param($Manifest, $BaseUri, $ApiKey, $Token)
                    Import-Module $Manifest
                    Connect-Cloudthread -Scope Runspace -BaseUri $BaseUri -ApiKey (ConvertTo-SecureString $ApiKey -AsPlainText -Force) -DataStreamToken (ConvertTo-SecureString $Token -AsPlainText -Force) -Debug
                    $null = Get-CtTeam -Debug
                    [pscustomobject]@{ Timestamp = '2031-01-01T00:00:00Z'; MetricName = 'pester-debug'; MetricValue = 1 } | Send-CtCustomData -Debug
                    Add-CtEvent -Type Deploy -Description 'debug' -Timestamp '2031-01-01T00:00:00Z' -Debug
                    Disconnect-Cloudthread -Debug
                }).AddArgument($manifest).AddArgument($Emulator.BaseUri).AddArgument($Emulator.ApiKey).AddArgument($Emulator.DataStreamToken)
            $null = $shell.Invoke()

            @($shell.Streams.Error | ForEach-Object { $_.ToString() }) | Should -BeNullOrEmpty
            $debug = ($shell.Streams.Debug | ForEach-Object Message) -join "`n"
            $debug | Should -Match '--> GET /teams'
            $debug | Should -Match '<-- 200'
            $debug | Should -Match 'POST /streams/ingest'
            $debug | Should -Match 'pester-debug'
            $debug | Should -Match 'Connected to .* for the runspace'
            $debug | Should -Not -Match ([regex]::Escape($Emulator.ApiKey))
            $debug | Should -Not -Match ([regex]::Escape($Emulator.DataStreamToken))
        }
        finally {
            $shell.Dispose()
        }
    }
}

Describe 'One connection for the process' {
    BeforeAll { $Manifest = Join-Path (Get-Module Cloudthread).ModuleBase 'Cloudthread.psd1' }
    BeforeEach { Reset-TestEmulator $Emulator }
    AfterEach { Disconnect-Cloudthread }

    It 'serves ForEach-Object -Parallel: 8 runspaces sending at once, none connected itself' {
        Connect-TestEmulator $Emulator | Out-Null
        # Slow answers, so that the runspaces' requests overlap on the one shared client.
        Set-TestEmulatorFault $Emulator @{ latency_ms = 100 }
        $results = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:Manifest
            $runspace = $_
            $points = 0..23 | ForEach-Object { [pscustomobject]@{ Timestamp = '2031-05-{0:00} {1:00}:00:00' -f $runspace, $_; MetricName = "pester-parallel-$runspace"; MetricValue = $_ } }
            $summary = Send-CtCustomData -InputObject $points -BatchSize 5 -PassThru -ErrorAction Stop | Select-Object -Last 1
            [pscustomobject]@{ Runspace = $runspace; Sent = $summary.Sent; Scope = (Get-CtConnection).Scope }
        }
        $results | Should -HaveCount 8
        $results.Sent | Sort-Object -Unique | Should -Be 24
        $results.Scope | Sort-Object -Unique | Should -Be 'Process'
        @(Get-TestEmulatorCustomData $Emulator | Where-Object { $_.metric_name -like 'pester-parallel-*' }) | Should -HaveCount 192
        (Get-TestEmulatorStat $Emulator).max_concurrent_requests | Should -BeGreaterThan 1
    }

    It 'serves thread jobs, and a connection replaced meanwhile never breaks a command in flight' {
        Connect-TestEmulator $Emulator | Out-Null
        Set-TestEmulatorFault $Emulator @{ latency_ms = 300 }
        $job = Start-ThreadJob -ScriptBlock { Import-Module $using:Manifest; Get-CtTeam -ErrorAction Stop | Measure-Object | Select-Object -ExpandProperty Count }
        Start-Sleep -Milliseconds 100
        Connect-TestEmulator $Emulator -With @{ MaxRetries = 1 } | Out-Null
        $job | Wait-Job -Timeout 60 | Receive-Job -ErrorAction Stop | Should -BeGreaterThan 0
        $job | Remove-Job
    }

    It '-Scope Runspace holds a connection of its own, which wins in its runspace only' {
        Connect-TestEmulator $Emulator | Out-Null
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript({
                    param($Manifest, $BaseUri, $ReadOnlyKey)
                    Import-Module $Manifest
                    Connect-Cloudthread -Scope Runspace -BaseUri $BaseUri -ApiKey (ConvertTo-SecureString $ReadOnlyKey -AsPlainText -Force)
                    (Get-CtConnection).Scope
                    Set-CtTeam -TeamId data -Name 'From the read-only runspace' -ErrorAction SilentlyContinue -ErrorVariable err
                    $err[0].FullyQualifiedErrorId
                }).AddArgument($Manifest).AddArgument($Emulator.BaseUri).AddArgument($Emulator.ReadOnlyApiKey)
            $output = $shell.Invoke()
            $output[0] | Should -Be 'Runspace'
            $output[1] | Should -BeLike 'PermissionDenied,*'
        }
        finally {
            $shell.Dispose()
        }

        (Get-CtConnection).Scope | Should -Be 'Process'
        Set-CtTeam -TeamId data -Name 'Data' -ErrorAction Stop
    }
}

Describe 'Stopping' {
    It 'Ctrl+C (StopProcessing) cancels the request in flight' {
        Set-TestEmulatorFault $Emulator @{ latency_ms = 20000 }
        $shell = [powershell]::Create()
        try {
            $manifest = Join-Path (Get-Module Cloudthread).ModuleBase 'Cloudthread.psd1'
            $null = $shell.AddScript({
                    param($Manifest, $BaseUri, $ApiKey)
                    Import-Module $Manifest
                    Get-CtTeam -BaseUri $BaseUri -ApiKey (ConvertTo-SecureString $ApiKey -AsPlainText -Force)
                }).AddArgument($manifest).AddArgument($Emulator.BaseUri).AddArgument($Emulator.ApiKey)
            $async = $shell.BeginInvoke()
            Start-Sleep -Seconds 2
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
            $async.IsCompleted | Should -BeTrue
            $shell.InvocationStateInfo.State.ToString() | Should -Be 'Stopped'
        }
        finally {
            $shell.Dispose()
            Reset-TestEmulator $Emulator
        }
    }
}
