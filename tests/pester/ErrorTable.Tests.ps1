# Every ErrorId of docs/errors.md, raised through the case its row gives: the table and the module say the
# same, and a new row without a case here fails. (Details of each error are in the area suites.)

BeforeDiscovery {
    $script:Cases = @(
        @{ Id = 'NotConnected'; Class = 'GetCtTeamCommand'; Setup = 'Disconnected'; Call = { Get-CtTeam } }
        @{ Id = 'ApiKeyMissing'; Class = 'ConnectCloudthreadCommand'; Setup = 'Disconnected'; Call = { Connect-Cloudthread -BaseUri $Emulator.BaseUri } }
        @{ Id = 'SecretManagementNotAvailable'; Class = 'ConnectCloudthreadCommand'; Setup = 'NoSecretManagement'; Call = { Connect-Cloudthread -Vault Ops -SecretName ct -BaseUri $Emulator.BaseUri } }
        @{ Id = 'SecretRetrievalFailed'; Class = 'ConnectCloudthreadCommand'; Setup = 'SecretManagement'; Call = { Connect-Cloudthread -Vault "NoSuchVault$([guid]::NewGuid().ToString('N'))" -SecretName ct -BaseUri $Emulator.BaseUri } }
        @{ Id = 'InvalidConfiguration'; Class = 'ConnectCloudthreadCommand'; Call = { Connect-Cloudthread -ApiKey $Key -BaseUri $Emulator.BaseUri -NoProxy -Proxy 'http://127.0.0.1:3128' } }
        @{ Id = 'InvalidWildcardPattern'; Class = 'GetCtTeamCommand'; Call = { Get-CtTeam -Id '[a' } }
        @{ Id = 'AuthenticationFailed'; Class = 'GetCtTeamCommand'; Call = { Get-CtTeam -ApiKey (ConvertTo-TestSecureString 'wrong-key') -BaseUri $Emulator.BaseUri } }
        @{ Id = 'PermissionDenied'; Class = 'SetCtTeamCommand'; Call = { Set-CtTeam -TeamId data -Name Nope -ApiKey (ConvertTo-TestSecureString $Emulator.ReadOnlyApiKey) } }
        @{ Id = 'TeamNotFound'; Class = 'SetCtTeamCommand'; Call = { Set-CtTeam -TeamId nope -Name Nope } }
        @{ Id = 'UserNotFound'; Class = 'AddCtTeamMemberCommand'; Call = { Add-CtTeamMember -TeamId data -UserId u-9999 } }
        @{ Id = 'MetricNotFound'; Class = 'GetCtMetricCommand'; Call = { Get-CtMetric -CostViewId nope -Start 2026-03-01 -End 2026-03-02 } }
        @{ Id = 'CatalogNotFound'; Class = 'GetCtTagCatalogCommand'; Call = { Get-CtTagCatalog nope } }
        @{ Id = 'StreamNotFound'; Class = 'InvokeCtApiRequestCommand'; Call = {
                Invoke-CtApiRequest -Method Post /streams/ingest -Body @{ data_stream_token = 'no-such-token'; metric_agg_func = 'Sum'; data = @(@{ timestamp = '2031-01-01T00:00:00Z'; metric_name = 'm'; metric_value = 1 }) } } }
        @{ Id = 'SlackChannelNotFound'; Class = 'NewCtTeamCommand'; Call = { New-CtTeam -Id slack -Name Slack -SlackChannel '#no-such-channel' } }
        @{ Id = 'NotFound'; Class = 'InvokeCtApiRequestCommand'; Call = { Invoke-CtApiRequest /no-such-path } }
        @{ Id = 'InvalidArgument'; Class = 'AddCtEventCommand'; Call = { Add-CtEvent -Type deploy -Description ('x' * 1001) } }
        @{ Id = 'InvalidArgument'; Class = 'GetCtMetricCommand'; Call = { Get-CtMetric -CostViewId cv-total -Start 2026-03-31 -End 2026-03-01 } }
        @{ Id = 'ValidationFailed'; Class = 'NewCtTeamCommand'; Call = { New-CtTeam -Id platform -Name Duplicate } }
        @{ Id = 'InvalidBody'; Class = 'InvokeCtApiRequestCommand'; Call = { Invoke-CtApiRequest -Method Post /teams -Body @{ id = 'nan'; value = [double]::NaN } } }
        @{ Id = 'AmbiguousJsonKeys'; Class = 'InvokeCtApiRequestCommand'; Setup = 'CaseTeam'; Call = { Invoke-CtApiRequest /teams/case } }
        @{ Id = 'OutFileFailed'; Class = 'InvokeCtApiRequestCommand'; Call = { Invoke-CtApiRequest /teams -OutFile (Join-Path $TestDrive 'no-such-folder/teams.json') } }
        @{ Id = 'PayloadTooLarge'; Class = 'InvokeCtApiRequestCommand'; Call = { Invoke-CtApiRequest -Method Post /teams -Body @{ id = 'big'; name = 'x' * 70000 } } }
        @{ Id = 'Throttled'; Class = 'GetCtUserCommand'; Fault = @{ throttle_rate = 1.0; retry_after_seconds = 0 }; Call = { Get-CtUser } }
        @{ Id = 'ServerError'; Class = 'GetCtTeamCommand'; Fault = @{ error_rate = 1.0; error_status = 500 }; Call = { Get-CtTeam } }
        @{ Id = 'NetworkError'; Class = 'GetCtTeamCommand'; Call = { Get-CtTeam -BaseUri "http://127.0.0.1:$(Get-FreePort)" -ApiKey $Key } }
        @{ Id = 'Timeout'; Class = 'GetCtTeamCommand'; Fault = @{ latency_ms = 3000 }; Call = { Get-CtTeam } }
        @{ Id = 'UserCreationNotSupported'; Class = 'NewCtUserCommand'; Call = { New-CtUser -Email 'x@example.com' -Name X -BaseUri "$($Emulator.BaseUri)/no-extension" } }
        @{ Id = 'NotSupported'; Class = 'InvokeCtApiRequestCommand'; Call = { Invoke-CtApiRequest -Method Put /users } }
        @{ Id = 'InvalidCustomDataPoint'; Class = 'SendCtCustomDataCommand'; Call = { [pscustomobject]@{ Timestamp = '2031-01-01T00:00:00Z'; MetricValue = 1 } | Send-CtCustomData } }
        @{ Id = 'CustomDataBatchFailed'; Class = 'SendCtCustomDataCommand'; Call = { Send-CtCustomData -MetricName m -MetricValue 1 -Timestamp '2031-01-01T00:00:00Z' -DataStreamToken (ConvertTo-TestSecureString 'no-such-token') } }
        @{ Id = 'DataStreamTokenMissing'; Class = 'SendCtCustomDataCommand'; Setup = 'NoToken'; Call = { Send-CtCustomData -MetricName m -MetricValue 1 -Timestamp '2031-01-01T00:00:00Z' } }
        @{ Id = 'InvalidCustomDataCsv'; Class = 'SendCtCustomDataCommand'; Setup = 'BadCsv'; Call = { Send-CtCustomData -Path (Join-Path $TestDrive 'bad.csv') } }
        @{ Id = 'CsvPathNotFound'; Class = 'SendCtCustomDataCommand'; Call = { Send-CtCustomData -Path (Join-Path $TestDrive 'none.csv') } }
        @{ Id = 'FailedItemsFileNotWritten'; Class = 'SendCtCustomDataCommand'; Call = {
                Send-CtCustomData -MetricName m -MetricValue 1 -Timestamp '2031-01-01T00:00:00Z' -DataStreamToken (ConvertTo-TestSecureString 'no-such-token') -FailedPointsPath (Join-Path $TestDrive 'no-such-folder/failed.csv') -ErrorAction SilentlyContinue -ErrorVariable failures
                foreach ($failure in $failures) { if ("$($failure.FullyQualifiedErrorId)" -like 'FailedItemsFileNotWritten,*') { throw $failure } } } }
        @{ Id = 'InvalidTeamsFile'; Class = 'ExportCtTeamCommand'; Call = { Export-CtTeam -Path (Join-Path $TestDrive 'teams.yaml') } }
        @{ Id = 'TeamsFileNotFound'; Class = 'CompareCtTeamCommand'; Call = { Compare-CtTeam -Path (Join-Path $TestDrive 'missing.json') } }
        @{ Id = 'TeamsFileNotWritten'; Class = 'ExportCtTeamCommand'; Call = { Export-CtTeam -Path (Join-Path $TestDrive 'no/such/folder/teams.json') } }
    )
    # Raised where this process cannot: each in the suite named, which asserts its FullyQualifiedErrorId.
    $script:CoveredElsewhere = @{
        ConfirmationNotPossible = 'Runbook.Tests.ps1'   # needs a non-interactive child shell
        ResponseTooLarge        = 'HostileServer.Tests.ps1'   # needs a hostile server
        RedirectNotFollowed     = 'HostileServer.Tests.ps1'
        InvalidResponse         = 'HostileServer.Tests.ps1'
    }
    # A bug by definition: no case can raise it on purpose.
    $script:NotRaisable = @('UnexpectedError')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-TestModule
    # A small body limit, so that PayloadTooLarge takes a small request.
    $Emulator = Start-TestEmulator -ArgumentList '--max-body-bytes', '65536'
    $SavedEnvironment = Clear-CloudthreadEnvironment
    $Key = ConvertTo-TestSecureString $Emulator.ApiKey
    $Documented = [regex]::Matches((Get-Content -Raw (Join-Path (Get-TestRepoRoot) 'docs/errors.md')), '(?m)^\| `(?<id>\w+)` \|') |
        ForEach-Object { $_.Groups['id'].Value }

    function Get-FreePort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }
}

AfterAll {
    Disconnect-Cloudthread
    Restore-CloudthreadEnvironment $SavedEnvironment
    Stop-TestEmulator $Emulator
}

Describe 'The error table of docs/errors.md' {
    It 'has a case here for every ErrorId it documents' {
        $covered = @($Cases.Id) + $NotRaisable + @($CoveredElsewhere.Keys)
        @($Documented | Where-Object { $_ -notin $covered }) | Should -BeNullOrEmpty
        @($Cases.Id | Where-Object { $_ -notin $Documented }) | Should -BeNullOrEmpty
    }

    It '<Name> asserts <Id> itself' -ForEach @($CoveredElsewhere.GetEnumerator() | ForEach-Object { @{ Id = $_.Key; Name = $_.Value } }) {
        Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot $Name) | Should -Match ("Get-ExpectedErrorId '" + $Id + "'|id=" + $Id + ",")
    }

    It '<Id> is raised by <Class>' -ForEach $Cases {
        Reset-TestEmulator $Emulator
        Connect-TestEmulator $Emulator -With @{ MaxRetries = 0; TimeoutSec = 1 }
        $savedModulePath = $env:PSModulePath
        try {
            switch ($Setup) {
                'Disconnected' { Disconnect-Cloudthread }
                'NoToken' {
                    Disconnect-Cloudthread
                    Connect-Cloudthread -BaseUri $Emulator.BaseUri -ApiKey $Key
                }
                'NoSecretManagement' {
                    Remove-Module Microsoft.PowerShell.SecretManagement -ErrorAction Ignore
                    $env:PSModulePath = $TestDrive
                }
                'SecretManagement' {
                    if (-not (Get-Module -ListAvailable Microsoft.PowerShell.SecretManagement)) {
                        Set-ItResult -Skipped -Because 'Microsoft.PowerShell.SecretManagement is not installed'
                        return
                    }
                }
                'BadCsv' { Set-Content -LiteralPath (Join-Path $TestDrive 'bad.csv') -Value 'When,What', '2031-01-01 00:00:00,1' }
                'CaseTeam' {
                    $body = '{"id":"case","name":"Case","custom_dimensions":[{"env":"a","Env":"b"}]}'
                    $null = Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUri)/teams" -Headers @{ 'x-api-key' = $Emulator.ApiKey } -ContentType 'application/json' -Body $body
                }
            }
            if ($Fault) { Set-TestEmulatorFault $Emulator $Fault }

            $ErrorActionPreference = 'Stop'
            { & $Call } | Should -Throw -ErrorId (Get-ExpectedErrorId $Id $Class)
        }
        finally {
            $env:PSModulePath = $savedModulePath
        }
    }
}
