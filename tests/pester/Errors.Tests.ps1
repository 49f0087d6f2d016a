# Every ErrorId the module writes for API and invocation failures, with its category, details and target;
# never a secret in any of them. (Per-cmdlet 404s are in the cmdlets' own suites.)

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-TestModule
    $Emulator = Start-TestEmulator
    $SavedEnvironment = Clear-CloudthreadEnvironment
    $Secrets = @($Emulator.ApiKey, $Emulator.ReadOnlyApiKey, $Emulator.DataStreamToken, 'wrong-key-1234567890')

    function Assert-NoSecret {
        param($ErrorRecord)
        $text = @(
            "$ErrorRecord"
            $ErrorRecord.Exception.ToString()
            $ErrorRecord.ErrorDetails.Message
            $ErrorRecord.ErrorDetails.RecommendedAction
            ($ErrorRecord | Format-List * -Force | Out-String)
        ) -join "`n"
        foreach ($secret in $Secrets) { $text | Should -Not -Match ([regex]::Escape($secret)) }
    }
}

AfterAll {
    Disconnect-Cloudthread
    Restore-CloudthreadEnvironment $SavedEnvironment
    Stop-TestEmulator $Emulator
}

Describe 'NotConnected' {
    BeforeAll { Disconnect-Cloudthread }

    It '<Name> fails with NotConnected (terminating) when there is no connection and no key' -ForEach @(
        @{ Name = 'Get-CtTeam'; Class = 'GetCtTeamCommand'; Call = { Get-CtTeam } }
        @{ Name = 'Get-CtUser'; Class = 'GetCtUserCommand'; Call = { Get-CtUser } }
        @{ Name = 'Get-CtTeamMember'; Class = 'GetCtTeamMemberCommand'; Call = { Get-CtTeamMember platform } }
        @{ Name = 'Get-CtTagCatalog'; Class = 'GetCtTagCatalogCommand'; Call = { Get-CtTagCatalog environment } }
        @{ Name = 'Get-CtMetric'; Class = 'GetCtMetricCommand'; Call = { Get-CtMetric cv-total } }
        @{ Name = 'Get-CtSavingsOpportunity'; Class = 'GetCtSavingsOpportunityCommand'; Call = { Get-CtSavingsOpportunity } }
        @{ Name = 'Add-CtEvent'; Class = 'AddCtEventCommand'; Call = { Add-CtEvent -Type deploy } }
        @{ Name = 'New-CtTeam'; Class = 'NewCtTeamCommand'; Call = { New-CtTeam x X } }
        @{ Name = 'Set-CtTeam'; Class = 'SetCtTeamCommand'; Call = { Set-CtTeam platform -Name X } }
        @{ Name = 'Remove-CtTeam'; Class = 'RemoveCtTeamCommand'; Call = { Remove-CtTeam platform -Confirm:$false } }
        @{ Name = 'Add-CtTeamMember'; Class = 'AddCtTeamMemberCommand'; Call = { Add-CtTeamMember platform u-1003 } }
        @{ Name = 'Remove-CtTeamMember'; Class = 'RemoveCtTeamMemberCommand'; Call = { Remove-CtTeamMember platform u-1002 -Confirm:$false } }
        @{ Name = 'New-CtUser'; Class = 'NewCtUserCommand'; Call = { New-CtUser a@example.com A } }
        @{ Name = 'Invoke-CtApiRequest'; Class = 'InvokeCtApiRequestCommand'; Call = { Invoke-CtApiRequest /teams } }
    ) {
        $record = { & $Call } | Should -Throw -ErrorId (Get-ExpectedErrorId 'NotConnected' $Class) -PassThru
        $record.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $record.ErrorDetails.RecommendedAction | Should -Match 'Connect-Cloudthread'
    }
}

Describe 'Errors from the API' {
    BeforeEach { Reset-TestEmulator $Emulator }
    AfterEach { Disconnect-Cloudthread }

    It 'AuthenticationFailed for an unknown key, with the server message and no key in it' {
        $wrong = ConvertTo-TestSecureString 'wrong-key-1234567890'
        $record = { Get-CtTeam -ApiKey $wrong -BaseUri $Emulator.BaseUri -ErrorAction Stop } |
            Should -Throw -ErrorId (Get-ExpectedErrorId 'AuthenticationFailed' 'GetCtTeamCommand') -PassThru
        $record.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $record.ErrorDetails.Message | Should -Match 'not valid'
        $record.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        Assert-NoSecret $record
    }

    It 'PermissionDenied for a read-only key that writes, with the item as target' {
        Connect-Cloudthread -BaseUri $Emulator.BaseUri -ApiKey (ConvertTo-TestSecureString $Emulator.ReadOnlyApiKey)
        Set-CtTeam -TeamId data -Name 'Nope' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'PermissionDenied' 'SetCtTeamCommand')
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err[0].TargetObject | Should -Be 'data'
        Assert-NoSecret $err[0]
    }

    It 'Throttled (LimitsExceeded) when 429 outlasts the retries' {
        Set-TestEmulatorFault $Emulator @{ throttle_rate = 1.0; retry_after_seconds = 0 }
        Connect-TestEmulator $Emulator -With @{ MaxRetries = 1; MaxRetryDelay = 0 }
        $record = { Get-CtUser -ErrorAction Stop } | Should -Throw -ErrorId (Get-ExpectedErrorId 'Throttled' 'GetCtUserCommand') -PassThru
        $record.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $record.ErrorDetails.RecommendedAction | Should -Match 'MaxRetries'
        # One attempt and one retry, both throttled.
        (Get-TestEmulatorStat $Emulator).faults_injected | Should -Be 2
        Assert-NoSecret $record
    }

    It '-Verbose shows each retry' {
        Set-TestEmulatorFault $Emulator @{ throttle_rate = 1.0; retry_after_seconds = 0 }
        Connect-TestEmulator $Emulator -With @{ MaxRetries = 2; MaxRetryDelay = 0 }
        $verbose = Get-CtTeam -Verbose -ErrorAction SilentlyContinue 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'retry 1/2'
        ($verbose.Message -join "`n") | Should -Match 'retry 2/2'
        ($verbose.Message -join "`n") | Should -Not -Match ([regex]::Escape($Emulator.ApiKey))
    }

    It 'ServerError (ConnectionError) when 5xx outlasts the retries' {
        Set-TestEmulatorFault $Emulator @{ error_rate = 1.0; error_status = 500 }
        Connect-TestEmulator $Emulator -With @{ MaxRetries = 1; MaxRetryDelay = 0 }
        $record = { Get-CtTeam -ErrorAction Stop } | Should -Throw -ErrorId (Get-ExpectedErrorId 'ServerError' 'GetCtTeamCommand') -PassThru
        $record.CategoryInfo.Category | Should -Be 'ConnectionError'
        Assert-NoSecret $record
    }

    It 'says "after N attempts" only when there were retries' {
        Set-TestEmulatorFault $Emulator @{ error_rate = 1.0; error_status = 500 }
        Connect-TestEmulator $Emulator -With @{ MaxRetries = 0 }
        $once = { Get-CtTeam -ErrorAction Stop } | Should -Throw -ErrorId (Get-ExpectedErrorId 'ServerError' 'GetCtTeamCommand') -PassThru
        $once.ErrorDetails.RecommendedAction | Should -Not -Match 'retr|attempts'
        Connect-TestEmulator $Emulator -With @{ MaxRetries = 1; MaxRetryDelay = 0 }
        $twice = { Get-CtTeam -ErrorAction Stop } | Should -Throw -ErrorId (Get-ExpectedErrorId 'ServerError' 'GetCtTeamCommand') -PassThru
        $twice.ErrorDetails.RecommendedAction | Should -Match 'after 2 attempts'
    }

    It 'Timeout (ConnectionError) when an attempt outlasts -TimeoutSec' {
        Set-TestEmulatorFault $Emulator @{ latency_ms = 4000 }
        Connect-TestEmulator $Emulator -With @{ MaxRetries = 0; TimeoutSec = 1 }
        $record = { Get-CtTeam -ErrorAction Stop } | Should -Throw -ErrorId (Get-ExpectedErrorId 'Timeout' 'GetCtTeamCommand') -PassThru
        $record.CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'NetworkError (ConnectionError) when nothing listens' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        Connect-Cloudthread -BaseUri "http://127.0.0.1:$port" -ApiKey (ConvertTo-TestSecureString $Emulator.ApiKey) -MaxRetries 0
        $record = { Get-CtTeam -ErrorAction Stop } | Should -Throw -ErrorId (Get-ExpectedErrorId 'NetworkError' 'GetCtTeamCommand') -PassThru
        $record.CategoryInfo.Category | Should -Be 'ConnectionError'
        Assert-NoSecret $record
    }

    It 'InvalidConfiguration for plain HTTP to a remote host (the key would travel unencrypted)' {
        {
            Connect-Cloudthread -BaseUri 'http://api.cloudthread.example' -ApiKey (ConvertTo-TestSecureString $Emulator.ApiKey) -ErrorAction Stop
            Get-CtTeam -ErrorAction Stop
        } | Should -Throw -ErrorId 'InvalidConfiguration,Cloudthread.PowerShell.Cmdlets.*'
    }

    It 'ValidationFailed (InvalidData) carries the server message and its details' {
        Connect-TestEmulator $Emulator
        New-CtTeam -Id 'platform' -Name 'Duplicate' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'ValidationFailed' 'NewCtTeamCommand')
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].ErrorDetails.Message | Should -Match 'platform'
        $err[0].TargetObject.Id | Should -Be 'platform'
    }

    It 'one bad item does not stop the others' {
        Connect-TestEmulator $Emulator
        $teams = 'data', 'missing-1', 'platform', 'missing-2' | Get-CtTeamMember -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 2
        $err.TargetObject | Should -Be @('missing-1', 'missing-2')
        ($teams.TeamId | Sort-Object -Unique) | Should -Be @('data', 'platform')
    }
}
