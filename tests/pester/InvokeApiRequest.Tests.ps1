# Invoke-CtApiRequest: anything not wrapped, with the same auth, retries and errors.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-TestModule
    $Emulator = Start-TestEmulator
    Connect-TestEmulator $Emulator
}

AfterAll {
    Disconnect-Cloudthread
    Stop-TestEmulator $Emulator
}

Describe 'Invoke-CtApiRequest' {
    BeforeEach { Reset-TestEmulator $Emulator }

    It 'GETs JSON as PSObjects, one per array item' {
        $teams = Invoke-CtApiRequest -Path '/teams'
        $teams | Should -HaveCount 3
        $teams[0] | Should -BeOfType ([System.Management.Automation.PSCustomObject])
        $teams.id | Should -Contain 'platform'
        ($teams | Where-Object id -EQ 'platform').aws_account_ids | Should -Be @('111111111111')
    }

    It 'keeps properties in document order' {
        $user = (Invoke-CtApiRequest '/users')[0]
        $user.PSObject.Properties.Name[0] | Should -Be 'id'
    }

    It 'sends -Query parameters' {
        $catalog = Invoke-CtApiRequest -Path '/tag-catalog' -Query @{ catalog_key = 'environment' }
        $catalog.tags | Should -HaveCount 3
        $catalog.tags[0].Key | Should -Be 'environment'
    }

    It '-Raw writes the text' {
        $text = Invoke-CtApiRequest -Path '/users' -Raw
        $text | Should -BeOfType ([string])
        ($text | ConvertFrom-Json) | Should -HaveCount 5
    }

    It 'POSTs a hashtable body as JSON' {
        $created = Invoke-CtApiRequest -Method POST -Path '/teams' -Body @{ id = 'raw-team'; name = 'Raw Team'; aws_services = @('Amazon S3') }
        $created.id | Should -Be 'raw-team'
        (Get-CtTeam raw-team).AwsServices | Should -Be @('Amazon S3')
    }

    It 'POSTs a PSCustomObject body and a JSON string body' {
        $null = Invoke-CtApiRequest -Method Post -Path '/teams' -Body ([pscustomobject]@{ id = 'obj-team'; name = 'Object' })
        $null = Invoke-CtApiRequest -Method Post -Path '/teams' -Body '{"id":"json-team","name":"Json"}'
        (Get-CtTeam 'obj-team', 'json-team').Name | Sort-Object | Should -Be @('Json', 'Object')
    }

    It 'honours -WhatIf for methods that change things' {
        Invoke-CtApiRequest -Method POST -Path '/teams' -Body @{ id = 'whatif-team'; name = 'W' } -WhatIf
        Get-CtTeam 'whatif-team*' | Should -BeNullOrEmpty
        Invoke-CtApiRequest -Method DELETE -Path '/teams/data' -WhatIf
        (Get-CtTeam data).Id | Should -Be 'data'
    }

    It 'DELETEs with -Confirm:$false' {
        Invoke-CtApiRequest -Method DELETE -Path '/teams/42' -Confirm:$false | Should -BeNullOrEmpty
        (Get-CtTeam).Id | Should -Not -Contain '42'
    }

    It 'maps errors like the other cmdlets' {
        Invoke-CtApiRequest -Path '/teams/nope' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'TeamNotFound' 'InvokeCtApiRequestCommand')
        $err[0].TargetObject | Should -Be 'GET /teams/nope'
        Invoke-CtApiRequest -Path '/no/such/operation' -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'NotFound' 'InvokeCtApiRequestCommand')
        Invoke-CtApiRequest -Method POST -Path '/teams' -Body @{ id = 'platform'; name = 'dup' } -ErrorVariable err3 -ErrorAction SilentlyContinue
        $err3[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'ValidationFailed' 'InvokeCtApiRequestCommand')
    }

    It 'refuses an absolute URL (the key would go elsewhere)' {
        Invoke-CtApiRequest -Path 'https://elsewhere.example.com/teams' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'InvalidArgument' 'InvokeCtApiRequestCommand')
    }

    It 'refuses a body JSON cannot express' {
        Invoke-CtApiRequest -Method POST -Path '/teams' -Body @{ value = [double]::NaN } -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'InvalidBody' 'InvokeCtApiRequestCommand')
        $err[0].Exception.Message | Should -BeLike '*body.value: NaN is not valid JSON*'

        $withScript = @{ id = 'script-team'; items = @(1, [pscustomobject]@{ handler = { 'code' } }) }
        Invoke-CtApiRequest -Method POST -Path '/teams' -Body $withScript -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'InvalidBody' 'InvokeCtApiRequestCommand')
        $err2[0].Exception.Message | Should -BeLike '*body.items`[1`].handler: a ScriptBlock cannot be written as JSON*'

        $cycle = @{ id = 'cycle-team' }
        $cycle.self = $cycle
        Invoke-CtApiRequest -Method POST -Path '/teams' -Body $cycle -ErrorVariable err3 -ErrorAction SilentlyContinue
        $err3[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'InvalidBody' 'InvokeCtApiRequestCommand')
        $err3[0].Exception.Message | Should -BeLike '*nested more than 64 levels deep*'
        Get-CtTeam 'script-team', 'cycle-team' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'POSTs an ordered PSCustomObject holding a generic list' {
        $body = [ordered]@{
            id           = 'typed-team'
            name         = 'Typed'
            aws_services = [System.Collections.Generic.List[string]]@('Amazon S3')
        }
        $created = Invoke-CtApiRequest -Method POST -Path '/teams' -Body ([pscustomobject]$body)
        $created.id | Should -Be 'typed-team'
        (Get-CtTeam typed-team).AwsServices | Should -Be @('Amazon S3')
    }

    It 'sends -Headers (shown by -Debug, credentials masked) and refuses an x-api-key header' {
        $debug = Invoke-CtApiRequest /teams -Headers @{ 'X-Request-Id' = 'req-42'; Authorization = 'Bearer hidden-value' } -Debug 5>&1 |
            Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        ($debug.Message -join "`n") | Should -Match 'X-Request-Id: req-42'
        ($debug.Message -join "`n") | Should -Not -Match 'hidden-value'
        Invoke-CtApiRequest /teams -Headers @{ 'x-api-key' = 'other' } -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'InvalidArgument' 'InvokeCtApiRequestCommand')
    }

    It '-AsHashtable keeps keys that differ only in case' {
        $body = '{"id":"case","name":"Case","custom_dimensions":[{"env":"a","Env":"b"}]}'
        $null = Invoke-CtApiRequest -Method Post /teams -Body $body
        $team = Invoke-CtApiRequest /teams/case -AsHashtable
        $team | Should -BeOfType System.Collections.Specialized.OrderedDictionary
        $team['custom_dimensions'][0]['env'] | Should -Be 'a'
        $team['custom_dimensions'][0]['Env'] | Should -Be 'b'
    }

    It 'sets -StatusCodeVariable and -ResponseHeadersVariable, and -SkipHttpErrorCheck writes an error answer as output' {
        $teams = Invoke-CtApiRequest /teams -StatusCodeVariable status -ResponseHeadersVariable headers
        $teams | Should -Not -BeNullOrEmpty
        $status | Should -Be 200
        $headers['Content-Type'] | Should -Match 'application/json'

        $answer = Invoke-CtApiRequest /teams/nope -SkipHttpErrorCheck -StatusCodeVariable missing -ErrorVariable err
        $err | Should -HaveCount 0
        $missing | Should -Be 404
        $answer.code | Should -Be 'TeamNotFound'

        Invoke-CtApiRequest /teams/nope -StatusCodeVariable failed -ErrorAction SilentlyContinue
        $failed | Should -Be 404
    }

    It '-OutFile saves the answer as received and writes nothing' {
        $file = Join-Path $TestDrive 'teams.json'
        Invoke-CtApiRequest /teams -OutFile $file | Should -BeNullOrEmpty
        Get-Content -Raw -LiteralPath $file | Should -Be (Invoke-CtApiRequest /teams -Raw)
    }

    It 'validates the method' {
        { Invoke-CtApiRequest -Method FETCH -Path '/teams' } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,Cloudthread.PowerShell.Cmdlets.InvokeCtApiRequestCommand'
    }
}
