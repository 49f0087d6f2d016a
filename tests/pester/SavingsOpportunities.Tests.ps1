# Get-CtSavingsOpportunity: a parameter per filter field, combined with AND.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-TestModule
    $Emulator = Start-TestEmulator
    Connect-TestEmulator $Emulator
    $All = @(Get-CtSavingsOpportunity)
}

AfterAll {
    Disconnect-Cloudthread
    Stop-TestEmulator $Emulator
}

Describe 'Get-CtSavingsOpportunity' {
    It 'gets every opportunity as a typed SavingsOpportunity' {
        $All | Should -HaveCount 12
        $All | Assert-TypeName 'Cloudthread.Client.Models.SavingsOpportunity'
        ($All.Id | Sort-Object) | Should -Be (1..12)
    }

    It 'filters by status (positionally too)' {
        $open = Get-CtSavingsOpportunity -Status 'Open'
        $open | Should -Not -BeNullOrEmpty
        $open.Count | Should -BeLessThan 12
        $open.Status | Sort-Object -Unique | Should -Be 'Open'
        (Get-CtSavingsOpportunity 'In Progress').Status | Sort-Object -Unique | Should -Be 'In Progress'
    }

    It 'filters by source' {
        $expected = @($All | Where-Object Source -EQ 'AWS Compute Optimizer')
        $expected | Should -Not -BeNullOrEmpty
        (Get-CtSavingsOpportunity -Source 'AWS Compute Optimizer').Id | Sort-Object | Should -Be ($expected.Id | Sort-Object)
    }

    It 'combines filters with AND' {
        $byStatus = @(Get-CtSavingsOpportunity -Status 'Open')
        $byPriority = @(Get-CtSavingsOpportunity -Priority 1)
        $both = @(Get-CtSavingsOpportunity -Status 'Open' -Priority 1)
        $expected = @($byStatus.Id | Where-Object { $byPriority.Id -contains $_ })
        @($both.Id | Sort-Object) | Should -Be @($expected | Sort-Object)
    }

    It 'filters by region and thread id' {
        (Get-CtSavingsOpportunity -Region 'eu-west-1') | Should -Not -BeNullOrEmpty
        $withThread = @($All | Where-Object { $null -ne $_.ThreadId })
        $withThread | Should -Not -BeNullOrEmpty
        (Get-CtSavingsOpportunity -ThreadId $withThread[0].ThreadId).Id | Should -Contain $withThread[0].Id
    }

    It 'writes nothing, and no error, when nothing matches' {
        Get-CtSavingsOpportunity -Status 'No Such Status' -ErrorVariable err | Should -BeNullOrEmpty
        $err | Should -HaveCount 0
    }

    It 'refuses a -Priority outside 1 to 3, as its help says, and sends nothing' {
        { Get-CtSavingsOpportunity -Priority 7 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Cloudthread.PowerShell.Cmdlets.GetCtSavingsOpportunityCommand'
        { Get-CtSavingsOpportunity -Priority 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Cloudthread.PowerShell.Cmdlets.GetCtSavingsOpportunityCommand'
        @(Get-CtSavingsOpportunity -Priority 3) | Should -Not -BeNullOrEmpty
    }

    It 'accepts every filter parameter' {
        { Get-CtSavingsOpportunity -OpportunityTypeId 'x' -CodeAutomation -Account '1' -Service 'Amazon EC2' -Tag @{ env = 'prod' } `
                -Category 'Compute' -RecordId 'r' -GithubPrKey 'k' -SecondaryId 1 -LastDetectedStart '2026-01-01' -LastDetectedEnd '2026-12-31' `
                -StatusUpdatedStart '2026-01-01' -StatusUpdatedEnd '2026-12-31' -Details -ErrorAction Stop } | Should -Not -Throw
    }

    It 'completes statuses' {
        $line = 'Get-CtSavingsOpportunity -Status In'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain "'In Progress'"
    }

    It 'shows a table whose headers fit an 80-column terminal' {
        Assert-TableFitsWidth (Get-CtSavingsOpportunity)
    }

    It 'shows a table view' {
        (Get-CtSavingsOpportunity -Status Open | Format-Table | Out-String) | Should -Match 'Open'
    }
}
