# Get-CtUser (wildcards) and New-CtUser (the POST /users extension).

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

Describe 'Get-CtUser' {
    It 'gets every user as a typed User' {
        $users = Get-CtUser
        $users | Should -HaveCount 5
        $users | Assert-TypeName 'Cloudthread.Client.Models.User'
        $users.Id | Should -Contain 'u-1001'
    }

    It 'filters by exact email (positionally too)' {
        $bob = Get-CtUser -Email 'bob@example.com'
        $bob.Id | Should -Be 'u-1002'
        $bob.Name | Should -Be 'Bob Builder'
        (Get-CtUser 'BOB@example.com').Id | Should -Be 'u-1002'
    }

    It 'filters with wildcards on email and name' {
        Get-CtUser -Email '*@example.com' | Should -HaveCount 5
        (Get-CtUser -Name 'C*').Email | Should -Be 'carol@example.com'
        (Get-CtUser -Email 'a*', 'e*' | Sort-Object Id).Id | Should -Be @('u-1001', 'u-1005')
        Get-CtUser -Email '*@example.com' -Name 'Dan*' | Should -HaveCount 1
    }

    It 'writes nothing and no error for a pattern that matches nobody' {
        Get-CtUser -Email 'zz*' -ErrorVariable err | Should -BeNullOrEmpty
        $err | Should -HaveCount 0
    }

    It 'reports UserNotFound for an exact email that matches nobody' {
        Get-CtUser -Email 'nobody@example.com' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'UserNotFound' 'GetCtUserCommand')
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'nobody@example.com'
    }

    It 'shows a table with the email' {
        (Get-CtUser | Format-Table | Out-String) | Should -Match 'alice\.admin@example\.com'
    }
}

Describe 'New-CtUser' {
    BeforeEach { Reset-TestEmulator $Emulator }

    It 'creates a user' {
        $user = New-CtUser -Email 'new.person@example.com' -Name 'New Person' -Role Admin
        $user | Assert-TypeName 'Cloudthread.Client.Models.User'
        $user.Email | Should -Be 'new.person@example.com'
        $user.Id | Should -Not -BeNullOrEmpty
        (Get-CtUser -Email 'new.person@example.com').Name | Should -Be 'New Person'
    }

    It 'adds the new user to a team' {
        $user = New-CtUser 'teamed@example.com' 'Teamed' -TeamId 'data'
        (Get-CtTeamMember -TeamId 'data').Id | Should -Contain $user.Id
    }

    It 'creates users from the pipeline by property name' {
        @(
            [pscustomobject]@{ Email = 'p1@example.com'; Name = 'P One' }
            [pscustomobject]@{ Email = 'p2@example.com'; Name = 'P Two'; Role = 'Admin' }
        ) | New-CtUser | Should -HaveCount 2
        Get-CtUser -Email 'p?@example.com' | Should -HaveCount 2
    }

    It 'reports a duplicate email as ValidationFailed with the server message' {
        New-CtUser -Email 'bob@example.com' -Name 'Bob Again' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'ValidationFailed' 'NewCtUserCommand')
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].ErrorDetails.Message | Should -Not -BeNullOrEmpty
    }

    It '-WhatIf creates nothing' {
        New-CtUser -Email 'whatif@example.com' -Name 'What If' -WhatIf
        Get-CtUser -Email 'whatif@*' | Should -BeNullOrEmpty
    }

    It 'tells the user to invite in the web app when the server has no user creation' {
        # The emulator answers 404 for any path it does not know, like a server without the extension.
        New-CtUser -Email 'x@example.com' -Name 'X' -BaseUri "$($Emulator.BaseUri)/no-extension" -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'UserCreationNotSupported' 'NewCtUserCommand')
        $err[0].CategoryInfo.Category | Should -Be 'NotImplemented'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'Invite User'
    }

    It 'is refused to a read-only key with PermissionDenied' {
        New-CtUser -Email 'ro@example.com' -Name 'RO' -ApiKey (ConvertTo-TestSecureString $Emulator.ReadOnlyApiKey) -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'PermissionDenied' 'NewCtUserCommand')
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }
}
