# Send-CtCustomData: the three ways in (pipeline, -InputObject array, -Path CSV), -WhatIf, per-point and
# per-request errors, -PassThru; what arrived is checked through the emulator's dump (/_emulator/custom-data).
# Needs PowerShell 7.4+ and Pester 5.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-TestModule
    $script:Emulator = Start-TestEmulator
    Connect-Cloudthread -BaseUri $script:Emulator.BaseUri `
        -ApiKey (ConvertTo-SecureString $script:Emulator.ApiKey -AsPlainText -Force) `
        -DataStreamToken (ConvertTo-SecureString $script:Emulator.DataStreamToken -AsPlainText -Force) | Out-Null

    $script:CmdletClass = 'Cloudthread.PowerShell.Cmdlets.SendCtCustomDataCommand'

    # Stored records of our test metrics (the demo org seeds others), in the dump's stable order.
    # (Not Invoke-RestMethod: it writes a JSON array as one object, which Where-Object would see as one item.)
    function Get-StoredPoint {
        param([string] $Prefix = 'pester-')
        Get-TestEmulatorCustomData $script:Emulator | Where-Object { $_.metric_name.StartsWith($Prefix) }
    }

    function Get-IngestRequestCount {
        (Get-TestEmulatorStat $script:Emulator).ingest_requests
    }

    # A comparable text form of what was stored: one line per record.
    function Format-StoredPoint {
        param([object[]] $Records)
        foreach ($record in $Records) {
            $dimensions = if ($null -ne $record.custom_dimensions) {
                ($record.custom_dimensions.PSObject.Properties | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ';'
            }
            '{0}|{1}|{2:o}|{3}|{4}' -f $record.metric_name, $record.metric_agg_func, ([datetimeoffset]$record.timestamp).UtcDateTime, $record.metric_value, $dimensions
        }
    }

    function New-TestCsv {
        param([string] $Path, [int] $Count)
        $lines = [System.Collections.Generic.List[string]]::new()
        $lines.Add('Timestamp,MetricName,MetricValue,Region,Team')
        $start = [datetime]::new(2031, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
        for ($i = 0; $i -lt $Count; $i++) {
            $timestamp = $start.AddHours($i).ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture)
            $lines.Add(('{0},pester-csv-{1},{2},r{3},t{4}' -f $timestamp, ($i % 3), ($i * 1.5).ToString([cultureinfo]::InvariantCulture), ($i % 4), ($i % 2)))
        }
        Set-Content -LiteralPath $Path -Value $lines
    }
}

AfterAll {
    Disconnect-Cloudthread -ErrorAction Ignore
    Stop-TestEmulator $script:Emulator
}

Describe 'Send-CtCustomData' {
    BeforeEach { Reset-TestEmulator $script:Emulator }

    It 'sends piped objects, with the other properties as dimensions' {
        $start = [datetime]::new(2031, 2, 1, 0, 0, 0, [DateTimeKind]::Utc)
        0..4 | ForEach-Object {
            [pscustomobject]@{ Timestamp = $start.AddHours($_); MetricName = 'pester-pipe'; MetricValue = $_ * 10; Region = 'eu' }
        } | Send-CtCustomData

        $stored = @(Get-StoredPoint 'pester-pipe')
        $stored | Should -HaveCount 5
        $stored.metric_value | Sort-Object | Should -Be @(0, 10, 20, 30, 40)
        $stored | ForEach-Object { $_.custom_dimensions.Region | Should -Be 'eu' }
        $stored | ForEach-Object { $_.metric_agg_func | Should -Be 'Sum' }
        ([datetimeoffset]$stored[0].timestamp).UtcDateTime | Should -Be $start
        Get-IngestRequestCount | Should -Be 1
    }

    It 'sends Import-Csv rows end to end, exactly once each' {
        $csv = Join-Path $TestDrive 'points.csv'
        New-TestCsv -Path $csv -Count 2500

        Import-Csv -LiteralPath $csv | Send-CtCustomData

        $stored = @(Get-StoredPoint 'pester-csv-')
        $stored | Should -HaveCount 2500
        ($stored.metric_value | Sort-Object -Unique) | Should -HaveCount 2500
        $point = $stored | Where-Object { $_.metric_value -eq 15 }
        $point.metric_name | Should -Be 'pester-csv-1'
        $point.custom_dimensions.Region | Should -Be 'r2'
        $point.custom_dimensions.Team | Should -Be 't0'
        ([datetimeoffset]$point.timestamp).UtcDateTime | Should -Be ([datetime]::new(2031, 1, 1, 10, 0, 0, [DateTimeKind]::Utc))
        Get-IngestRequestCount | Should -Be 3
    }

    It 'sends the same requests from the pipeline, an -InputObject array and -Path' {
        $csv = Join-Path $TestDrive 'same.csv'
        New-TestCsv -Path $csv -Count 1200
        $rows = Import-Csv -LiteralPath $csv

        $rows | Send-CtCustomData
        $piped = Format-StoredPoint (Get-StoredPoint)
        $pipedRequests = Get-IngestRequestCount

        Reset-TestEmulator $script:Emulator
        Send-CtCustomData -InputObject $rows
        $array = Format-StoredPoint (Get-StoredPoint)
        $arrayRequests = Get-IngestRequestCount

        Reset-TestEmulator $script:Emulator
        Send-CtCustomData -Path $csv
        $file = Format-StoredPoint (Get-StoredPoint)
        $fileRequests = Get-IngestRequestCount

        $piped | Should -HaveCount 1200
        $array | Should -Be $piped
        $file | Should -Be $piped
        $arrayRequests | Should -Be $pipedRequests
        $fileRequests | Should -Be $pipedRequests
    }

    It 'resolves a relative -Path against the current location' {
        New-TestCsv -Path (Join-Path $TestDrive 'relative.csv') -Count 10
        Push-Location $TestDrive
        try { Send-CtCustomData -Path './relative.csv' }
        finally { Pop-Location }
        Get-StoredPoint 'pester-csv-' | Should -HaveCount 10
    }

    It 'matches common spellings of the point fields and takes dimensions from -DimensionProperty only' {
        @(
            [pscustomobject]@{ time = '2031-03-01T00:00:00Z'; metric = 'pester-alias'; value = '1.5'; region = 'us'; note = 'not a dimension' }
            [pscustomobject]@{ time = '2031-03-01T01:00:00Z'; metric = 'pester-alias'; value = '2.5'; region = 'eu'; note = 'not a dimension' }
        ) | Send-CtCustomData -DimensionProperty region

        $stored = @(Get-StoredPoint 'pester-alias')
        $stored | Should -HaveCount 2
        $stored.metric_value | Sort-Object | Should -Be @(1.5, 2.5)
        $stored | ForEach-Object { @($_.custom_dimensions.PSObject.Properties.Name) | Should -Be @('region') }
    }

    It 'groups mixed aggregation functions into separate requests instead of rejecting them' {
        @(
            [pscustomobject]@{ Timestamp = '2031-04-01 00:00:00'; MetricName = 'pester-agg'; MetricValue = 1; AggregationFunction = 'Average' }
            [pscustomobject]@{ Timestamp = '2031-04-01 01:00:00'; MetricName = 'pester-agg'; MetricValue = 2; AggregationFunction = '' }
            [pscustomobject]@{ Timestamp = '2031-04-01 02:00:00'; MetricName = 'pester-agg'; MetricValue = 3; AggregationFunction = 'Average' }
        ) | Send-CtCustomData -AggregationFunction Maximum

        $stored = @(Get-StoredPoint 'pester-agg')
        ($stored | Where-Object metric_agg_func -eq 'Average').metric_value | Sort-Object | Should -Be @(1, 3)
        ($stored | Where-Object metric_agg_func -eq 'Maximum').metric_value | Should -Be 2
        Get-IngestRequestCount | Should -Be 2
    }

    It 'sends one point given as parameters' {
        Send-CtCustomData -MetricName 'pester-param' -MetricValue 42 -Timestamp ([datetime]::new(2031, 5, 1, 7, 0, 0, [DateTimeKind]::Utc)) -Dimension @{ env = 'prod' } -AggregationFunction Minimum

        $stored = @(Get-StoredPoint 'pester-param')
        $stored | Should -HaveCount 1
        $stored[0].metric_value | Should -Be 42
        $stored[0].metric_agg_func | Should -Be 'Minimum'
        $stored[0].custom_dimensions.env | Should -Be 'prod'
    }

    It 'sends -Dimension values as the client writes them: a date as ISO 8601, a boolean lower-case, whatever the culture' {
        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            Send-CtCustomData -MetricName 'pester-dimension-text' -MetricValue 1 -Timestamp ([datetime]::new(2031, 5, 1, 8, 0, 0, [DateTimeKind]::Utc)) `
                -Dimension @{ since = [datetime]::new(2031, 1, 2, 0, 0, 0, [DateTimeKind]::Utc); spot = $true; ratio = 1.5 }
        }
        finally {
            [cultureinfo]::CurrentCulture = $saved
        }

        @(Get-StoredPoint 'pester-dimension-text') | Should -HaveCount 1
        # The stored JSON text: ConvertFrom-Json would turn the date back into a DateTime.
        $json = (Invoke-WebRequest -Uri "$($script:Emulator.BaseUri)/_emulator/custom-data").Content
        $json | Should -Match '"since"\s*:\s*"2031-01-02T00:00:00\.0000000Z"'
        $json | Should -Match '"spot"\s*:\s*"true"'
        $json | Should -Match '"ratio"\s*:\s*"1\.5"'
    }

    It 'with -DimensionProperty stores objects read by name as a full read would' {
        $start = [datetime]::new(2031, 9, 1, 0, 0, 0, [DateTimeKind]::Utc)
        $rows = @(
            0..2 | ForEach-Object { [pscustomobject]@{ Timestamp = $start.AddHours($_); MetricName = 'pester-byname'; MetricValue = $_; Region = 'eu'; Team = 'a'; Note = 'x' } }
            [pscustomobject]@{ Timestamp = $start.AddHours(3); MetricName = 'pester-byname'; MetricValue = 3; Region = 'us'; Team = 'b'; AggregationFunction = 'Maximum' }
        )

        $rows | Send-CtCustomData -DimensionProperty Region, Team

        $stored = @(Get-StoredPoint 'pester-byname')
        $stored | Should -HaveCount 4
        ($stored | Where-Object metric_agg_func -EQ 'Maximum').metric_value | Should -Be 3
        @($stored | Where-Object metric_agg_func -EQ 'Sum' | ForEach-Object { $_.custom_dimensions.Team }) | Should -Be @('a', 'a', 'a')
        @($stored | ForEach-Object { @($_.custom_dimensions.psobject.Properties.Name) -join ',' } | Sort-Object -Unique) | Should -Be @('Region,Team')
    }

    It 'without -DimensionProperty reads objects of one shape by name, and still takes a property that types.ps1xml adds' {
        # Rows of one shape are read by name after the first; the last has the same own properties but a type name that
        # type data gives one more property, which a full read takes as a dimension, so it must be read in full.
        Update-TypeData -TypeName 'Pester.Exact.Typed' -MemberType ScriptProperty -MemberName Owner -Value { 'ops' } -Force
        try {
            $start = [datetime]::new(2031, 9, 2, 0, 0, 0, [DateTimeKind]::Utc)
            $rows = @(
                0..2 | ForEach-Object { [pscustomobject]@{ Timestamp = $start.AddHours($_); MetricName = 'pester-exact'; MetricValue = $_; Region = 'eu' } }
                [pscustomobject]@{ PSTypeName = 'Pester.Exact.Typed'; Timestamp = $start.AddHours(3); MetricName = 'pester-exact'; MetricValue = 3; Region = 'us' }
            )

            $rows | Send-CtCustomData
        }
        finally {
            Remove-TypeData -TypeName 'Pester.Exact.Typed'
        }

        $stored = @(Get-StoredPoint 'pester-exact' | Sort-Object metric_value)
        $stored | Should -HaveCount 4
        @($stored | ForEach-Object { @($_.custom_dimensions.psobject.Properties.Name | Sort-Object) -join ',' }) | Should -Be @('Region', 'Region', 'Region', 'Owner,Region')
        $stored[3].custom_dimensions.Owner | Should -Be 'ops'
    }

    It 'reports an invalid point with InvalidCustomDataPoint and still sends the others' {
        $points = @(
            [pscustomobject]@{ Timestamp = '2031-06-01 00:00:00'; MetricName = 'pester-bad'; MetricValue = 1 }
            [pscustomobject]@{ Timestamp = '2031-06-01 00:30:00'; MetricName = 'pester-bad'; MetricValue = 2 }
            [pscustomobject]@{ Timestamp = '2031-06-01 02:00:00'; MetricName = 'pester-bad'; MetricValue = 'NaN' }
            [pscustomobject]@{ Timestamp = '2031-06-01 03:00:00'; MetricName = 'pester-bad'; MetricValue = 4 }
        )
        $points | Send-CtCustomData -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 2
        $failures[0].FullyQualifiedErrorId | Should -Be "InvalidCustomDataPoint,$script:CmdletClass"
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $failures[0].TargetObject.MetricValue | Should -Be 2
        "$($failures[0])" | Should -Match 'Input item 2: Timestamp .*not on the hour'
        "$($failures[1])" | Should -Match 'Input item 3: MetricValue .*finite'
        (Get-StoredPoint 'pester-bad').metric_value | Sort-Object | Should -Be @(1, 4)
    }

    It 'reports a request the server refuses with CustomDataBatchFailed, carrying its points' {
        $token = ConvertTo-SecureString 'not-a-known-token' -AsPlainText -Force
        $points = 0..2 | ForEach-Object { [pscustomobject]@{ Timestamp = [datetime]::new(2031, 7, 1, $_, 0, 0, [DateTimeKind]::Utc); MetricName = 'pester-refused'; MetricValue = $_ } }

        $points | Send-CtCustomData -DataStreamToken $token -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be "CustomDataBatchFailed,$script:CmdletClass"
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        @($failures[0].TargetObject) | Should -HaveCount 3
        # By type name: the built module loads the client's types privately, where a type literal of them does not resolve.
        @($failures[0].TargetObject)[0] | Assert-TypeName 'Cloudthread.Client.Models.CustomDataPoint'
        "$($failures[0])" | Should -Not -Match 'not-a-known-token'
        Get-StoredPoint 'pester-refused' | Should -HaveCount 0
    }

    It '-PassThru returns one result per request, then the summary' {
        $points = 0..249 | ForEach-Object { [pscustomobject]@{ Timestamp = [datetime]::new(2031, 8, 1, 0, 0, 0, [DateTimeKind]::Utc).AddHours($_); MetricName = 'pester-passthru'; MetricValue = $_ } }
        $points += [pscustomobject]@{ Timestamp = 'yesterday'; MetricName = 'pester-passthru'; MetricValue = 1 }

        $output = @($points | Send-CtCustomData -BatchSize 100 -PassThru -ErrorAction SilentlyContinue)

        $requests = @($output | Where-Object { $_.PSObject.TypeNames -contains 'Cloudthread.Client.Models.CustomDataRequestResult' })
        $requests | Should -HaveCount 3
        ($requests.PointCount | Measure-Object -Sum).Sum | Should -Be 250
        $requests | ForEach-Object { $_.Status | Should -Be 'Sent'; $_.StatusCode | Should -Be 201 }
        $summary = $output[-1]
        $summary | Assert-TypeName 'Cloudthread.Client.Models.IngestSummary'
        $summary.Sent | Should -Be 250
        $summary.Rejected | Should -Be 1
        $summary.Failed | Should -Be 0
        $summary.Requests | Should -Be 3
    }

    It '-WhatIf sends nothing and says what it would send' {
        $points = 0..9 | ForEach-Object { [pscustomobject]@{ Timestamp = [datetime]::new(2031, 9, 1, $_, 0, 0, [DateTimeKind]::Utc); MetricName = 'pester-whatif'; MetricValue = $_ } }

        $summary = $points | Send-CtCustomData -WhatIf -PassThru

        Get-StoredPoint 'pester-whatif' | Should -HaveCount 0
        Get-IngestRequestCount | Should -Be 0
        $summary.DryRun | Should -BeTrue
        $summary.NotSent | Should -Be 10
        $summary.Requests | Should -Be 1
    }

    It '-WhatIf needs no connection and no data stream token' {
        $saved = Clear-CloudthreadEnvironment
        Disconnect-Cloudthread
        try {
            $point = [pscustomobject]@{ Timestamp = '2031-09-01T00:00:00Z'; MetricName = 'pester-whatif-offline'; MetricValue = 1 }

            $summary = $point | Send-CtCustomData -WhatIf -PassThru -ErrorAction Stop

            $summary.DryRun | Should -BeTrue
            $summary.NotSent | Should -Be 1
            $summary.Rejected | Should -Be 0
        }
        finally {
            Restore-CloudthreadEnvironment $saved
            Connect-TestEmulator $script:Emulator | Out-Null
        }
    }

    It 'says that a time with an offset is converted to UTC, and shows the converted value' {
        [pscustomobject]@{ Timestamp = '2031-01-05T10:00:00+05:30'; MetricName = 'pester-ist'; MetricValue = 1 } |
            Send-CtCustomData -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidCustomDataPoint,$script:CmdletClass"
        $err[0].Exception.Message | Should -Match ([regex]::Escape('2031-01-05 10:00:00 (UTC+05:30) is 2031-01-05 04:30:00 UTC, which is not on the hour: times with an offset are converted to UTC'))
    }

    It 'reports each broken CSV record with its file and line, and sends the others' {
        $csv = Join-Path $TestDrive 'strict.csv'
        Set-Content -LiteralPath $csv -Value @(
            'Timestamp,MetricName,MetricValue,Region'
            '2031-02-01 00:00:00,pester-strict,1,eu'
            '2031-02-01 01:00:00,pester-strict,2,eu,oops'
            '2031-02-01 02:00:00,"pester-strict,3,eu'
            '2031-02-01 03:00:00,pester-strict,4,'
            '2031-02-01 04:00:00,pester-strict,5,us'
        )

        Send-CtCustomData -Path $csv -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 3
        $failures.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be "InvalidCustomDataPoint,$script:CmdletClass"
        "$($failures[0])" | Should -Match "^strict\.csv, line 3: has 5 fields but the header has 4 columns: 'oops' has no column"
        "$($failures[1])" | Should -Match '^strict\.csv, line 4: a quoted field is not closed on its line'
        "$($failures[2])" | Should -Match '^strict\.csv, line 5: Region is an empty dimension'
        (Get-StoredPoint 'pester-strict').metric_value | Sort-Object | Should -Be @(1, 5)
    }

    It 'reads files piped in, -Path wildcards and -LiteralPath, several files in one ingestion' {
        $folder = Join-Path $TestDrive 'many'
        New-Item -ItemType Directory -Path $folder | Out-Null
        Set-Content -LiteralPath (Join-Path $folder 'a.csv') -Value 'Timestamp,MetricName,MetricValue', '2031-04-01 00:00:00,pester-files,1', '2031-04-01 01:00:00,pester-files,2'
        Set-Content -LiteralPath (Join-Path $folder 'b.csv') -Value 'Timestamp,MetricName,MetricValue', '2031-04-01 02:00:00,pester-files,3'
        Set-Content -LiteralPath (Join-Path $folder 'c[1].csv') -Value 'Timestamp,MetricName,MetricValue', '2031-04-01 03:00:00,pester-files,4'

        $piped = Get-ChildItem -LiteralPath $folder -Filter '*.csv' | Send-CtCustomData -PassThru | Select-Object -Last 1
        $piped.Sent | Should -Be 4
        $piped.Requests | Should -Be 1
        (Send-CtCustomData -Path (Join-Path $folder '[ab].csv') -PassThru | Select-Object -Last 1).Sent | Should -Be 3
        (Send-CtCustomData -LiteralPath (Join-Path $folder 'c[1].csv') -PassThru | Select-Object -Last 1).Sent | Should -Be 1
        (Get-StoredPoint 'pester-files').metric_value | Sort-Object | Should -Be @(1, 2, 3, 4)
        { Send-CtCustomData -Path (Join-Path $folder '*.none') } | Should -Throw -ErrorId "CsvPathNotFound,$script:CmdletClass"
    }

    It 'stops the invocation when a CSV header lacks a required column' {
        $csv = Join-Path $TestDrive 'bad-header.csv'
        Set-Content -LiteralPath $csv -Value @('When,What', '2031-01-01 00:00:00,1')
        { Send-CtCustomData -Path $csv -ErrorAction Stop } | Should -Throw -ErrorId "InvalidCustomDataCsv,$script:CmdletClass"
    }

    It 'stops the invocation when the CSV file does not exist' {
        { Send-CtCustomData -Path (Join-Path $TestDrive 'missing.csv') -ErrorAction Stop } | Should -Throw -ErrorId "CsvPathNotFound,$script:CmdletClass"
    }

    It 'tab-completes the aggregation function' {
        $line = 'Send-CtCustomData -AggregationFunction Ma'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'Maximum'
    }
}
