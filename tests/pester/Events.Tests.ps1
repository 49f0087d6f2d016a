# Add-CtEvent: parameters, pipeline of events, per-item errors, -WhatIf; checked through the emulator's dump.

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

Describe 'Add-CtEvent' {
    BeforeEach { Reset-TestEmulator $Emulator }

    It 'stores an event with every field' {
        Add-CtEvent -Type 'deploy' -Description 'v1.2.3 to production' -Url 'https://ci.example.com/run/42' -TeamId 'platform' -Timestamp ([datetime]::new(2026, 1, 5, 10, 0, 0, [DateTimeKind]::Utc))
        $stored = @(Get-TestEmulatorEvent $Emulator)
        $stored | Should -HaveCount 1
        $stored[0].payload.type | Should -Be 'deploy'
        $stored[0].payload.description | Should -Be 'v1.2.3 to production'
        $stored[0].payload.event_url | Should -Be 'https://ci.example.com/run/42'
        $stored[0].team_id | Should -Be 'platform'
        ([datetimeoffset]$stored[0].timestamp).UtcDateTime | Should -Be ([datetime]::new(2026, 1, 5, 10, 0, 0, [DateTimeKind]::Utc))
    }

    It 'sends an all-digits team id as a number' {
        Add-CtEvent -Type 'outage' -TeamId '42' -Timestamp '2026-01-05 11:00:00'
        $stored = @(Get-TestEmulatorEvent $Emulator)
        $stored[0].team_id | Should -Be 42
        $stored[0].team_id | Should -BeOfType ([long])
    }

    It 'defaults the timestamp to the start of the current hour' {
        $sent = Add-CtEvent -Type 'note' -PassThru
        $sent.Timestamp.Minute | Should -Be 0
        $sent.Timestamp.Second | Should -Be 0
        ([datetime]::UtcNow - $sent.Timestamp).TotalHours | Should -BeLessThan 1.01
        Get-TestEmulatorEvent $Emulator | Should -HaveCount 1
    }

    It '-PassThru writes what was sent, as CloudthreadEvent' {
        $sent = Add-CtEvent -Type 'deploy' -Timestamp '2026-01-05 10:00:00' -PassThru
        $sent | Assert-TypeName 'Cloudthread.Client.Models.CloudthreadEvent'
        $sent.Type | Should -Be 'deploy'
    }

    It 'takes a pipeline of events by property name (Import-Csv) and sends them together' {
        $csv = Join-Path $TestDrive 'events.csv'
        @(
            'Type,Description,EventUrl,TeamId,Timestamp'
            'deploy,first,https://example.com/1,platform,2026-01-05 10:00:00'
            'deploy,second,,data,2026-01-05 11:00:00'
            'outage,third,,,2026-01-05 12:00:00'
        ) | Set-Content -LiteralPath $csv
        $before = (Get-TestEmulatorStat $Emulator).requests
        Import-Csv -LiteralPath $csv | Add-CtEvent
        ((Get-TestEmulatorStat $Emulator).requests - $before) | Should -Be 1
        $stored = @(Get-TestEmulatorEvent $Emulator)
        $stored | Should -HaveCount 3
        $stored.payload.description | Should -Be @('first', 'second', 'third')
        $stored[0].payload.event_url | Should -Be 'https://example.com/1'
        $stored[2].team_id | Should -BeNullOrEmpty
    }

    It 'reports an invalid event on its own and still sends the others' {
        $events = @(
            [pscustomobject]@{ Type = 'deploy'; Description = 'good 1'; Timestamp = '2026-01-05 10:00:00' }
            [pscustomobject]@{ Type = 'deploy'; Description = 'not on the hour'; Timestamp = '2026-01-05 10:30:00' }
            [pscustomobject]@{ Type = 'deploy'; Description = 'good 2'; Timestamp = '2026-01-05 12:00:00' }
        )
        $events | Add-CtEvent -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'InvalidArgument' 'AddCtEventCommand')
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].TargetObject.Description | Should -Be 'not on the hour'
        "$($err[0])" | Should -Match 'hour'
        (Get-TestEmulatorEvent $Emulator).payload.description | Should -Be @('good 1', 'good 2')
    }

    It 'rejects a bad URL naming the field' {
        Add-CtEvent -Type 'deploy' -Url 'not a url' -Timestamp '2026-01-05 10:00:00' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'InvalidArgument' 'AddCtEventCommand')
        "$($err[0])" | Should -Match 'event_url'
        Get-TestEmulatorEvent $Emulator | Should -HaveCount 0
    }

    It 'fails with TeamNotFound for an unknown team' {
        Add-CtEvent -Type 'deploy' -TeamId 'no-such-team' -Timestamp '2026-01-05 10:00:00' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'TeamNotFound' 'AddCtEventCommand')
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].ErrorDetails.Message | Should -Match 'no-such-team'
        Get-TestEmulatorEvent $Emulator | Should -HaveCount 0
    }

    It 'stores the other piped events when one names an unknown team, and reports that event on its own' {
        $events = 1..4 | ForEach-Object {
            [pscustomobject]@{ Type = 'deploy'; Description = "e$_"; TeamId = if ($_ -eq 2) { 'no-such-team' } else { 'platform' }; Timestamp = "2026-01-05 1$($_):00:00" }
        }
        $events | Add-CtEvent -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'TeamNotFound' 'AddCtEventCommand')
        $err[0].TargetObject.Description | Should -Be 'e2'
        (Get-TestEmulatorEvent $Emulator).payload.description | Should -Be @('e1', 'e3', 'e4')
    }

    It 'shows an event in an error as what it is, not as its type name' {
        Add-CtEvent -Type 'deploy' -Description 'v9' -TeamId 'no-such-team' -Timestamp '2026-01-05 10:00:00' -ErrorVariable err -ErrorAction SilentlyContinue
        "$($err[0].TargetObject)" | Should -Be "deploy at 2026-01-05 10:00 UTC for team 'no-such-team': v9"
    }

    It '-WhatIf sends nothing' {
        Add-CtEvent -Type 'deploy' -Timestamp '2026-01-05 10:00:00' -WhatIf
        Get-TestEmulatorEvent $Emulator | Should -HaveCount 0
    }

    It 'reports a description over 1000 characters as InvalidArgument for that event, and sends the others' {
        $before = @(Get-TestEmulatorEvent $Emulator).Count
        $events = @(
            [pscustomobject]@{ Type = 'deploy'; Description = 'x' * 1001; Timestamp = '2026-01-05 10:00:00' }
            [pscustomobject]@{ Type = 'deploy'; Description = 'fits'; Timestamp = '2026-01-05 11:00:00' }
        )
        $events | Add-CtEvent -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'InvalidArgument' 'AddCtEventCommand')
        $err[0].Exception.Message | Should -Match '1001 characters'
        @(Get-TestEmulatorEvent $Emulator).Count | Should -Be ($before + 1)
    }
}
