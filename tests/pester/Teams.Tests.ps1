# Get-CtTeam, New-CtTeam, Set-CtTeam (read, merge, send whole), Remove-CtTeam.

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

Describe 'Get-CtTeam' {
    BeforeAll { Reset-TestEmulator $Emulator }

    It 'gets every team as a typed Team' {
        $teams = Get-CtTeam
        $teams | Should -HaveCount 3
        $teams | Assert-TypeName 'Cloudthread.Client.Models.Team'
        $teams.Id | Sort-Object | Should -Be @('42', 'data', 'platform')
    }

    It 'gets one team by id with its filters' {
        $team = Get-CtTeam -Id 'platform'
        $team.Name | Should -Be 'Platform Engineering'
        $team.AwsAccountIds | Should -Be @('111111111111')
        $team.AwsServices | Should -Contain 'Amazon S3'
        (Get-CtTeam 42).Name | Should -Be 'Team Forty-Two'
    }

    It 'matches wildcards on id and name' {
        (Get-CtTeam 'p*').Id | Should -Be 'platform'
        (Get-CtTeam -Name '*Science').Id | Should -Be 'data'
        Get-CtTeam 'zz*' -ErrorVariable err | Should -BeNullOrEmpty
        $err | Should -HaveCount 0
    }

    It 'reports TeamNotFound for an exact id that names no team, and goes on' {
        $teams = Get-CtTeam -Id 'nope', 'data' -ErrorVariable err -ErrorAction SilentlyContinue
        $teams.Id | Should -Be 'data'
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'TeamNotFound' 'GetCtTeamCommand')
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'nope'
        { Get-CtTeam -Id 'nope' -ErrorAction Stop } | Should -Throw -ErrorId (Get-ExpectedErrorId 'TeamNotFound' 'GetCtTeamCommand')
    }

    It 'reports a malformed wildcard as InvalidWildcardPattern and still applies the other patterns' {
        $teams = Get-CtTeam -Id '[pl', 'data' -ErrorVariable err -ErrorAction SilentlyContinue
        $teams.Id | Should -Be 'data'
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'InvalidWildcardPattern' 'GetCtTeamCommand')
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].TargetObject | Should -Be '[pl'
    }

    It 'takes ids from the pipeline' {
        ('data', 'platform' | Get-CtTeam).Id | Sort-Object | Should -Be @('data', 'platform')
    }

    It 'completes team ids' {
        $line = 'Get-CtTeam -Id pl'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'platform'
        $line = 'Get-CtTeamMember -TeamId da'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'data'
    }
}

Describe 'New-CtTeam' {
    BeforeEach { Reset-TestEmulator $Emulator }

    It 'creates a team with its filters' {
        $team = New-CtTeam -Id 'finops' -Name 'FinOps' -SlackChannel '#finops' -AwsService 'Amazon EC2', 'Amazon RDS' -AwsTag @{ env = 'prod' } -GcpProjectName 'fin-prod' -OpportunityPriority 1, 2
        $team | Assert-TypeName 'Cloudthread.Client.Models.Team'
        $team.Id | Should -Be 'finops'
        $stored = Get-CtTeam finops
        $stored.SlackChannel | Should -Be '#finops'
        $stored.AwsServices | Should -Be @('Amazon EC2', 'Amazon RDS')
        $stored.AwsTags[0]['env'] | Should -Be 'prod'
        $stored.GcpProjectNames | Should -Be @('fin-prod')
        $stored.OpportunityPriorities | Should -Be @(1, 2)
    }

    It 'sends tag values as the client writes them: a date as ISO 8601, a boolean lower-case' {
        $null = New-CtTeam -Id 'dated' -Name 'Dated' -AwsTag @{ since = [datetime]::new(2031, 1, 2, 0, 0, 0, [DateTimeKind]::Utc); spot = $true; ratio = 1.5 }
        $tag = (Get-CtTeam dated).AwsTags[0]
        $tag['since'] | Should -BeExactly '2031-01-02T00:00:00.0000000Z'
        $tag['spot'] | Should -BeExactly 'true'
        $tag['ratio'] | Should -BeExactly '1.5'
    }

    It 'creates teams from the pipeline by property name' {
        @(
            [pscustomobject]@{ Id = 'a-team'; Name = 'A' }
            [pscustomobject]@{ Id = 'b-team'; Name = 'B' }
        ) | New-CtTeam | Should -HaveCount 2
        (Get-CtTeam -Id '?-team').Id | Sort-Object | Should -Be @('a-team', 'b-team')
    }

    It 'reports a duplicate id as ValidationFailed' {
        New-CtTeam -Id 'platform' -Name 'Again' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'ValidationFailed' 'NewCtTeamCommand')
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'reports an unknown Slack channel as SlackChannelNotFound' {
        New-CtTeam -Id 'slacky' -Name 'Slacky' -SlackChannel '#nowhere' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'SlackChannelNotFound' 'NewCtTeamCommand')
        Get-CtTeam 'slacky' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses an -OpportunityPriority outside 1 to 3, as its help says, and creates nothing' {
        { New-CtTeam -Id 'prio' -Name 'Prio' -OpportunityPriority 1, 9 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,Cloudthread.PowerShell.Cmdlets.NewCtTeamCommand'
        { Set-CtTeam -TeamId 'data' -OpportunityPriority 4 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,Cloudthread.PowerShell.Cmdlets.SetCtTeamCommand'
        Get-CtTeam 'prio' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It '-WhatIf creates nothing' {
        New-CtTeam -Id 'whatif' -Name 'What if' -WhatIf
        Get-CtTeam 'whatif*' | Should -BeNullOrEmpty
    }

    It 'shows tags, labels and custom dimensions as key=value in Format-List, never type names or tokens' {
        New-CtTeam -Id 'listed' -Name 'Listed' -AwsTag @{ team = 'web'; env = 'prod' }, @{ cost = 'shared' } -GcpLabel @{ app = 'api' } `
            -CustomDimension @{ region = 'eu' } -CustomStreamToken 'list-secret-token' | Out-Null
        $text = Get-CtTeam 'listed' | Format-List | Out-String -Width 200
        $text | Should -Match 'AwsTags\s+: env=prod, team=web; cost=shared'
        $text | Should -Match 'GcpLabels\s+: app=api'
        $text | Should -Match 'CustomDimensions\s+: region=eu'
        $text | Should -Not -Match 'Dictionary'
        $text | Should -Not -Match 'list-secret-token'
    }

    It 'never shows custom stream tokens in the table view' {
        $null = New-CtTeam -Id 'tokens' -Name 'Tokens' -CustomStreamToken 'super-secret-token-value'
        (Get-CtTeam tokens | Format-Table | Out-String) | Should -Not -Match 'super-secret-token-value'
        (Get-CtTeam | Format-Table -AutoSize | Out-String) | Should -Not -Match 'super-secret-token-value'
    }
}

Describe 'Set-CtTeam' {
    BeforeEach { Reset-TestEmulator $Emulator }

    It 'changes only the given fields' {
        Set-CtTeam -TeamId 'platform' -Name 'Platform'
        $team = Get-CtTeam platform
        $team.Name | Should -Be 'Platform'
        $team.AwsAccountIds | Should -Be @('111111111111')
        $team.AwsServices | Should -Contain 'Amazon EC2'
    }

    It 'takes a team from the pipeline and writes the result with -PassThru' {
        $updated = Get-CtTeam platform | Set-CtTeam -SlackChannel '#platform-alerts' -PassThru
        $updated.SlackChannel | Should -Be '#platform-alerts'
        $updated.Name | Should -Be 'Platform Engineering'
        (Get-CtTeam platform).SlackChannel | Should -Be '#platform-alerts'
    }

    It 'clears a filter given an empty array' {
        Set-CtTeam platform -AwsService @()
        (Get-CtTeam platform).AwsServices | Should -BeNullOrEmpty
        (Get-CtTeam platform).AwsAccountIds | Should -Be @('111111111111')
    }

    It 'writes nothing without -PassThru' {
        Set-CtTeam platform -Name 'Quiet' | Should -BeNullOrEmpty
    }

    It 'reports TeamNotFound for an unknown team' {
        Set-CtTeam -TeamId 'nope' -Name 'X' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'TeamNotFound' 'SetCtTeamCommand')
        $err[0].TargetObject | Should -Be 'nope'
    }

    It '-WhatIf changes nothing' {
        Set-CtTeam platform -Name 'Changed' -WhatIf
        (Get-CtTeam platform).Name | Should -Be 'Platform Engineering'
    }
}

Describe 'Remove-CtTeam' {
    BeforeEach { Reset-TestEmulator $Emulator }

    It 'deletes a team' {
        Remove-CtTeam -TeamId '42' -Confirm:$false
        (Get-CtTeam).Id | Should -Not -Contain '42'
    }

    It 'deletes teams piped in' {
        Get-CtTeam 'data', '42' | Remove-CtTeam -Confirm:$false
        (Get-CtTeam).Id | Should -Be 'platform'
    }

    It 'reports TeamNotFound and goes on with the others' {
        Remove-CtTeam 'nope', 'data' -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'TeamNotFound' 'RemoveCtTeamCommand')
        (Get-CtTeam).Id | Should -Not -Contain 'data'
    }

    It '-WhatIf deletes nothing' {
        Get-CtTeam data | Remove-CtTeam -WhatIf
        (Get-CtTeam).Id | Should -Contain 'data'
    }

    It 'asks for confirmation by default (ConfirmImpact High)' {
        (Get-Command Remove-CtTeam).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be ([System.Management.Automation.ConfirmImpact]::High)
    }
}
