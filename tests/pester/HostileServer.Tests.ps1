# What the module reads from a broken or hostile server (HostileServer.ps1 on loopback): bounded answers
# (ResponseTooLarge), error bodies read only as far as a message needs, redirects and malformed answers under
# their own ErrorIds; and a base URI that carries credentials is refused without showing them.
# Needs PowerShell 7.4+ and Pester 5.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-TestModule
    $script:Hostile = Start-TestHostileServer
    $script:Key = ConvertTo-TestSecureString 'hostile-test-key'

    # Connects to one mode of the hostile server (its first path segment).
    function Connect-Hostile {
        param([string] $Mode, [hashtable] $With = @{})
        Connect-Cloudthread -BaseUri "$($script:Hostile.BaseUri)/$Mode/" -ApiKey $script:Key -MaxRetries 0 -TimeoutSec 60 @With
    }

    function Get-WorkingSetMB {
        $process = [System.Diagnostics.Process]::GetCurrentProcess()
        $process.Refresh()
        [math]::Round($process.WorkingSet64 / 1MB)
    }
}

AfterAll {
    Disconnect-Cloudthread -ErrorAction Ignore
    Stop-TestEmulator $script:Hostile
}

Describe 'Answers larger than the limit' {
    It 'an endless 200 stream ends in ResponseTooLarge at -MaxResponseBytes, naming the request and the limit' {
        Connect-Hostile 'endless' @{ MaxResponseBytes = 1MB }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $record = { Get-CtTeam -ErrorAction Stop } | Should -Throw -ErrorId (Get-ExpectedErrorId 'ResponseTooLarge' 'GetCtTeamCommand') -PassThru
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
        $record.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $record.Exception.Message | Should -Match 'GET /teams'
        $record.Exception.Message | Should -Match '1\.0 MB'
        $record.ErrorDetails.RecommendedAction | Should -Match 'MaxResponseBytes'
    }

    It 'a gzip bomb (256 MiB of zeros) ends in ResponseTooLarge under the default limit, without the memory' {
        Connect-Hostile 'gzip-bomb'
        (Get-CtConnection).MaxResponseBytes | Should -Be 64MB
        $before = Get-WorkingSetMB
        $record = { Invoke-CtApiRequest -Method Get -Path /anything -ErrorAction Stop } |
            Should -Throw -ErrorId (Get-ExpectedErrorId 'ResponseTooLarge' 'InvokeCtApiRequestCommand') -PassThru
        $record.Exception.Message | Should -Match '64\.0 MB'
        ((Get-WorkingSetMB) - $before) | Should -BeLessThan 600
    }

    It 'an endless error body is read only as far as a message needs' {
        Connect-Hostile 'endless-error'
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $record = { Get-CtTeam -ErrorAction Stop } | Should -Throw -ErrorId (Get-ExpectedErrorId 'ValidationFailed' 'GetCtTeamCommand') -PassThru
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
        $record.ErrorDetails.Message | Should -Match 'xxxx'
        $record.ErrorDetails.Message.Length | Should -BeLessThan 2000
    }

    It '-MaxResponseBytes below 1 KB is refused' {
        { Connect-Hostile 'endless' @{ MaxResponseBytes = 10 } } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Cloudthread.PowerShell.Cmdlets.ConnectCloudthreadCommand'
    }
}

Describe 'Answers that are not the API' {
    It 'a redirect is RedirectNotFollowed, not UnexpectedError' {
        Connect-Hostile 'redirect'
        $record = { Get-CtTeam -ErrorAction Stop } | Should -Throw -ErrorId (Get-ExpectedErrorId 'RedirectNotFollowed' 'GetCtTeamCommand') -PassThru
        $record.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $record.Exception.Message | Should -Match 'redirects are not followed'
        $record.ErrorDetails.RecommendedAction | Should -Match 'BaseUri'
    }

    It 'a malformed 200 answer is InvalidResponse, not UnexpectedError' {
        Connect-Hostile 'malformed'
        $record = { Get-CtTeam -ErrorAction Stop } | Should -Throw -ErrorId (Get-ExpectedErrorId 'InvalidResponse' 'GetCtTeamCommand') -PassThru
        $record.CategoryInfo.Category | Should -Be 'InvalidResult'
        $record.Exception.Message | Should -Match 'not the JSON the client expects'
    }
}

Describe 'Credentials in a base URI' {
    BeforeAll { $script:Secret = 'S3cretInTheUri' }

    It 'Connect-Cloudthread refuses user information, and shows it nowhere' {
        # Every stream, the error included.
        $all = & {
            try { Connect-Cloudthread -BaseUri "http://user:$($script:Secret)@127.0.0.1:9/" -ApiKey $script:Key -Verbose -ErrorAction Stop }
            catch { $_ }
        } *>&1 | Out-String -Width 400
        $all | Should -Match 'user information'
        $record = { Connect-Cloudthread -BaseUri "http://user:$($script:Secret)@127.0.0.1:9/" -ApiKey $script:Key -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidConfiguration,Cloudthread.PowerShell.Cmdlets.ConnectCloudthreadCommand' -PassThru
        $record.Exception.Message | Should -Match 'user information'
        ($record | Out-String -Width 400) | Should -Not -Match $script:Secret
        "$($record.TargetObject)" | Should -Not -Match $script:Secret
        $all | Should -Not -Match $script:Secret
    }

    It 'a one-call -BaseUri with user information is refused too' {
        Disconnect-Cloudthread -ErrorAction Ignore
        $record = { Get-CtTeam -BaseUri "http://user:$($script:Secret)@127.0.0.1:9/" -ApiKey $script:Key -ErrorAction Stop } |
            Should -Throw -ErrorId (Get-ExpectedErrorId 'InvalidConfiguration' 'GetCtTeamCommand') -PassThru
        ($record | Out-String -Width 400) | Should -Not -Match $script:Secret
        "$($record.TargetObject)" | Should -Not -Match $script:Secret
    }
}
