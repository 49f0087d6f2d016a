# Get-CtTeamMember, Add-CtTeamMember, Remove-CtTeamMember and the pipelines between teams, users and members.

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

Describe 'Get-CtTeamMember' {
    BeforeAll { Reset-TestEmulator $Emulator }

    It 'gets the members of a team, each with its team id' {
        $members = Get-CtTeamMember -TeamId 'platform'
        $members.Id | Sort-Object | Should -Be @('u-1001', 'u-1002')
        $members | Assert-TypeName 'Cloudthread.Client.Models.User'
        $members.TeamId | Sort-Object -Unique | Should -Be 'platform'
        $members[0].PSObject.TypeNames[0] | Should -Be 'Cloudthread.TeamMember'
    }

    It 'takes teams from the pipeline: Get-CtTeam platform | Get-CtTeamMember' {
        (Get-CtTeam platform | Get-CtTeamMember).Id | Sort-Object | Should -Be @('u-1001', 'u-1002')
        $all = Get-CtTeam | Get-CtTeamMember
        $all | Should -HaveCount 3
        ($all | Where-Object TeamId -EQ 'data').Id | Should -Be 'u-1003'
    }

    It 'reports TeamNotFound for an unknown team' {
        Get-CtTeamMember -TeamId 'nope' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'TeamNotFound' 'GetCtTeamMemberCommand')
        $err[0].TargetObject | Should -Be 'nope'
    }

    It 'shows a table with the team id' {
        (Get-CtTeamMember platform | Format-Table | Out-String) | Should -Match 'TeamId'
    }
}

Describe 'Add-CtTeamMember' {
    BeforeEach { Reset-TestEmulator $Emulator }

    It 'adds users piped in: Get-CtUser -Email carol@example.com | Add-CtTeamMember -TeamId platform' {
        Get-CtUser -Email 'carol@example.com' | Add-CtTeamMember -TeamId 'platform'
        (Get-CtTeamMember platform).Id | Sort-Object | Should -Be @('u-1001', 'u-1002', 'u-1003')
    }

    It 'sends one request per team for the whole pipeline, and -PassThru writes the members' {
        $before = (Get-TestEmulatorStat $Emulator).requests
        $members = Get-CtUser -Email 'dan@example.com', 'erin@example.com' | Add-CtTeamMember -TeamId 'data' -PassThru
        # One GET /users and one POST /teams/data/members/assign.
        ((Get-TestEmulatorStat $Emulator).requests - $before) | Should -Be 2
        $members.Id | Sort-Object | Should -Be @('u-1003', 'u-1004', 'u-1005')
        $members.TeamId | Sort-Object -Unique | Should -Be 'data'
    }

    It 'takes user ids positionally' {
        Add-CtTeamMember 42 u-1004, u-1005
        (Get-CtTeamMember 42).Id | Sort-Object | Should -Be @('u-1004', 'u-1005')
    }

    It 'reports TeamNotFound for an unknown team' {
        Add-CtTeamMember -TeamId 'nope' -UserId 'u-1001' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'TeamNotFound' 'AddCtTeamMemberCommand')
        $err[0].TargetObject | Should -Be 'nope'
    }

    It 'reports UserNotFound for an unknown user' {
        Add-CtTeamMember -TeamId 'platform' -UserId 'u-9999' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'UserNotFound' 'AddCtTeamMemberCommand')
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].ErrorDetails.Message | Should -Match 'u-9999'
    }

    It 'adds the good users piped in and reports each unknown one on its own' {
        'u-1004', 'u-9999', 'u-1005' | Add-CtTeamMember -TeamId 'data' -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'UserNotFound' 'AddCtTeamMemberCommand')
        $err[0].TargetObject | Should -Be 'u-9999'
        $members = (Get-CtTeamMember -TeamId 'data').Id
        $members | Should -Contain 'u-1004'
        $members | Should -Contain 'u-1005'
    }

    It '-WhatIf adds nobody' {
        Get-CtUser -Email 'erin@example.com' | Add-CtTeamMember -TeamId 'platform' -WhatIf
        (Get-CtTeamMember platform).Id | Should -Not -Contain 'u-1005'
    }
}

Describe 'Remove-CtTeamMember' {
    BeforeEach { Reset-TestEmulator $Emulator }

    It 'removes members piped from Get-CtTeamMember (team and user both bind)' {
        Get-CtTeamMember platform | Where-Object Email -EQ 'bob@example.com' | Remove-CtTeamMember -Confirm:$false
        (Get-CtTeamMember platform).Id | Should -Be 'u-1001'
    }

    It 'removes users piped from Get-CtUser' {
        Get-CtUser -Email 'carol@example.com' | Remove-CtTeamMember -TeamId 'data' -Confirm:$false
        Get-CtTeamMember data | Should -BeNullOrEmpty
    }

    It 'removes the good users and reports each unknown one on its own' {
        'u-1002', 'u-9999' | Remove-CtTeamMember -TeamId 'platform' -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'UserNotFound' 'RemoveCtTeamMemberCommand')
        $err[0].TargetObject | Should -Be 'u-9999'
        (Get-CtTeamMember -TeamId 'platform').Id | Should -Not -Contain 'u-1002'
    }

    It '-WhatIf removes nobody' {
        Remove-CtTeamMember -TeamId 'platform' -UserId 'u-1002' -WhatIf
        (Get-CtTeamMember platform).Id | Should -Contain 'u-1002'
    }

    It 'reports TeamNotFound for an unknown team' {
        Remove-CtTeamMember -TeamId 'nope' -UserId 'u-1001' -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'TeamNotFound' 'RemoveCtTeamMemberCommand')
    }
}
