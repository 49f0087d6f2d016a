# Get-CtMetric: cost views and unit metrics, one typed object per period with a DateTime date.

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

Describe 'Get-CtMetric -CostViewId' {
    It 'writes one CostViewDataPoint per day, end date inclusive' {
        $points = Get-CtMetric -CostViewId 'cv-total' -Start '2026-01-01' -End '2026-01-07'
        $points | Should -HaveCount 7
        $points | Assert-TypeName 'Cloudthread.Client.Models.CostViewDataPoint'
        $points[0].Date | Should -BeOfType ([datetime])
        $points[0].Date | Should -Be ([datetime]'2026-01-01')
        $points[-1].Date | Should -Be ([datetime]'2026-01-07')
        $points.CostViewId | Sort-Object -Unique | Should -Be 'cv-total'
        $points | ForEach-Object { $_.CurrentTimeframeCost | Should -BeGreaterThan 0 }
    }

    It 'is deterministic' {
        $first = Get-CtMetric cv-compute -Start '2026-02-01' -End '2026-02-03'
        $second = Get-CtMetric cv-compute -Start '2026-02-01' -End '2026-02-03'
        $second.CurrentTimeframeCost | Should -Be $first.CurrentTimeframeCost
    }

    It 'honours -Granularity' {
        $hours = Get-CtMetric -CostViewId 'cv-total' -Start '2026-01-01' -End '2026-01-01' -Granularity Hour
        $hours | Should -HaveCount 24
        $hours[5].Date | Should -Be ([datetime]'2026-01-01 05:00')
        $hours[0].Granularity | Should -Be 'Hour'
        $months = Get-CtMetric -CostViewId 'cv-total' -Start '2026-01-01' -End '2026-03-31' -Granularity Month
        $months | Should -HaveCount 3
        $months.Date.Month | Should -Be @(1, 2, 3)
    }

    It 'takes several cost view ids from the pipeline' {
        $points = 'cv-compute', 'cv-storage' | Get-CtMetric -Start '2026-01-01' -End '2026-01-02'
        $points | Should -HaveCount 4
        ($points.CostViewId | Sort-Object -Unique) | Should -Be @('cv-compute', 'cv-storage')
    }

    It 'passes -CostType, -Amortization and -Exclude without error' {
        $points = Get-CtMetric -CostViewId 'cv-total' -Start '2026-01-01' -End '2026-01-02' -CostType 'Unblended' -Amortization -Exclude 'Credit', 'Refund'
        $points | Should -HaveCount 2
    }

    It 'reports an unknown id as MetricNotFound' {
        Get-CtMetric -CostViewId 'cv-nope' -Start '2026-01-01' -End '2026-01-02' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'MetricNotFound' 'GetCtMetricCommand')
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'cv-nope'
    }

    It 'rejects a start after the end before sending' {
        Get-CtMetric -CostViewId 'cv-total' -Start '2026-01-10' -End '2026-01-01' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'InvalidArgument' 'GetCtMetricCommand')
        "$($err[0])" | Should -Match 'start_date'
    }

    It 'shows cost-view and unit-metric tables whose headers fit an 80-column terminal' {
        Assert-TableFitsWidth (Get-CtMetric -UnitMetricId um-cost-per-request -Start '2026-03-01' -End '2026-03-03')
        Assert-TableFitsWidth (Get-CtMetric -CostViewId cv-total -Start '2026-03-01' -End '2026-03-03')
    }

    It 'shows a table view' {
        (Get-CtMetric cv-total -Start '2026-01-01' -End '2026-01-01' | Format-Table | Out-String) | Should -Match '2026-01-01'
    }
}

Describe 'Get-CtMetric -UnitMetricId' {
    It 'writes UnitMetricDataPoint objects from ingested denominators' {
        $points = Get-CtMetric -UnitMetricId 'um-cost-per-request' -Start '2026-01-01' -End '2026-01-03'
        $points | Should -HaveCount 3
        $points | Assert-TypeName 'Cloudthread.Client.Models.UnitMetricDataPoint'
        $points.UnitMetricId | Sort-Object -Unique | Should -Be 'um-cost-per-request'
        $points[0].Date | Should -Be ([datetime]'2026-01-01')
        $points | ForEach-Object { $_.CurrentTimeframeDenominator | Should -BeGreaterThan 0 }
    }

    It 'binds UnitMetricId by property name' {
        $points = [pscustomobject]@{ UnitMetricId = 'um-cost-per-customer' } | Get-CtMetric -Start '2026-01-01' -End '2026-01-02'
        $points | Should -HaveCount 2
    }

    It 'reports an unknown unit metric as MetricNotFound' {
        Get-CtMetric -UnitMetricId 'um-nope' -Start '2026-01-01' -End '2026-01-02' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'MetricNotFound' 'GetCtMetricCommand')
    }
}

Describe 'Argument completion' {
    It 'completes metric ids used earlier on the connection' {
        $null = Get-CtMetric -CostViewId 'cv-storage' -Start '2026-01-01' -End '2026-01-01'
        $null = Get-CtMetric -UnitMetricId 'um-cost-per-customer' -Start '2026-01-01' -End '2026-01-01'
        $line = 'Get-CtMetric -CostViewId cv-st'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'cv-storage'
        $line = 'Get-CtMetric -UnitMetricId um-cost-per-c'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'um-cost-per-customer'
    }

    It 'completes granularities from the enumeration' {
        $line = 'Get-CtMetric -Granularity Mo'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'Month'
    }
}
