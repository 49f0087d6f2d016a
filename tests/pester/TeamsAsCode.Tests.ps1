# Teams as code: Export-CtTeam, Compare-CtTeam, Sync-CtTeam against the emulator's demo org
# (platform: alice, bob; data: carol; 42: nobody).

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-TestModule
    $Emulator = Start-TestEmulator
    Connect-TestEmulator $Emulator

    # The demo org with platform on another channel and without AWS services, carol moved to sre, a new team sre.
    $Edited = @'
{
  "Teams": [
    { "Id": "42", "Name": "Team Forty-Two" },
    { "Id": "data", "Name": "Data Science", "GcpProjectNames": ["ds-prod"] },
    { "Id": "platform", "Name": "Platform Engineering", "SlackChannel": "#finops", "AwsAccountIds": ["111111111111"],
      "OpportunityPriorities": [1, 2], "Members": ["alice.admin@example.com", "bob@example.com"] },
    { "Id": "sre", "Name": "Site Reliability", "AwsRegionNames": ["us-east-1"], "AwsTags": [{ "team": "sre" }],
      "Members": ["carol@example.com", "DAN@example.com"] }
  ]
}
'@

    function Write-TeamsFile([string] $Text, [string] $Name = 'teams.json') {
        $path = Join-Path $TestDrive $Name
        Set-Content -LiteralPath $path -Value $Text -Encoding utf8NoBOM
        $path
    }

    function Get-Plan([string] $Path) { @(Compare-CtTeam -Path $Path | ForEach-Object Description) }
}

AfterAll {
    Disconnect-Cloudthread
    Stop-TestEmulator $Emulator
}

Describe 'Export-CtTeam' {
    BeforeEach { Reset-TestEmulator $Emulator }

    It 'writes every team with its fields and its members by email, in a stable order' {
        $path = Join-Path $TestDrive 'export.json'
        Export-CtTeam -Path $path | Should -BeNullOrEmpty
        $file = Get-Content -LiteralPath $path -Raw | ConvertFrom-Json
        $file.'$schema' | Should -Match 'schemas/teams\.schema\.json$'
        $file.Teams.Id | Should -Be @('42', 'data', 'platform')
        $platform = $file.Teams | Where-Object Id -eq 'platform'
        $platform.SlackChannel | Should -Be '#platform-alerts'
        $platform.AwsServices | Should -Be @('Amazon EC2', 'Amazon S3')
        $platform.Members | Should -Be @('alice.admin@example.com', 'bob@example.com')
        ($file.Teams | Where-Object Id -eq '42').PSObject.Properties.Name | Should -Be @('Id', 'Name')
    }

    It 'writes byte-identical files for the same state, in JSON and in .psd1' {
        foreach ($extension in 'json', 'psd1') {
            Export-CtTeam -Path (Join-Path $TestDrive "a.$extension")
            Export-CtTeam -Path (Join-Path $TestDrive "b.$extension")
            (Get-FileHash (Join-Path $TestDrive "a.$extension")).Hash | Should -Be (Get-FileHash (Join-Path $TestDrive "b.$extension")).Hash
        }

        $data = Import-PowerShellDataFile -LiteralPath (Join-Path $TestDrive 'a.psd1')
        $data.Teams.Id | Should -Be @('42', 'data', 'platform')
        [System.IO.File]::ReadAllBytes((Join-Path $TestDrive 'a.json'))[0] | Should -Be ([byte][char]'{')
    }

    It 'never writes a data stream token' {
        Set-CtTeam -TeamId data -CustomStreamToken 'super-secret-token-value'
        Export-CtTeam -Path (Join-Path $TestDrive 'secret.json')
        Get-Content -LiteralPath (Join-Path $TestDrive 'secret.json') -Raw | Should -Not -Match 'super-secret-token-value'
        Get-Plan (Join-Path $TestDrive 'secret.json') | Should -BeNullOrEmpty
    }

    It '-WhatIf writes no file; another extension is InvalidTeamsFile' {
        Export-CtTeam -Path (Join-Path $TestDrive 'whatif.json') -WhatIf
        Join-Path $TestDrive 'whatif.json' | Should -Not -Exist
        { Export-CtTeam -Path (Join-Path $TestDrive 'teams.yaml') } | Should -Throw -ErrorId (Get-ExpectedErrorId 'InvalidTeamsFile' 'ExportCtTeamCommand')
    }

    It 'reports a file it cannot write as TeamsFileNotWritten' {
        { Export-CtTeam -Path (Join-Path $TestDrive 'no/such/folder/teams.json') } | Should -Throw -ErrorId (Get-ExpectedErrorId 'TeamsFileNotWritten' 'ExportCtTeamCommand')
    }
}

Describe 'Compare-CtTeam' {
    BeforeEach { Reset-TestEmulator $Emulator }

    It 'writes nothing for an export of the state, so that it is a drift check' {
        Export-CtTeam -Path (Join-Path $TestDrive 'state.json')
        Compare-CtTeam -Path (Join-Path $TestDrive 'state.json') | Should -BeNullOrEmpty
        $drifted = if (Compare-CtTeam -Path (Join-Path $TestDrive 'state.json')) { $true } else { $false }
        $drifted | Should -BeFalse
        Set-CtTeam -TeamId platform -Name 'Renamed by hand'
        $drifted = if (Compare-CtTeam -Path (Join-Path $TestDrive 'state.json')) { $true } else { $false }
        $drifted | Should -BeTrue
    }

    It 'writes one change per difference, in team order, with old and new values' {
        $plan = Compare-CtTeam -Path (Write-TeamsFile $Edited)
        $plan | Assert-TypeName 'Cloudthread.Client.TeamsAsCode.TeamChange'
        $plan.Description | Should -Be @(
            '- member carol@example.com from data'
            "~ team platform: SlackChannel '#platform-alerts' -> '#finops'"
            "~ team platform: AwsServices 'Amazon EC2', 'Amazon S3' -> (none)"
            '+ team sre'
            '+ member carol@example.com to sre'
            '+ member dan@example.com to sre'
        )
        $slack = $plan | Where-Object Field -eq 'SlackChannel'
        $slack.Action | Should -Be 'Update'
        $slack.TeamId | Should -Be 'platform'
        $slack.OldValue | Should -Be '#platform-alerts'
        $slack.NewValue | Should -Be '#finops'
        ($plan | Where-Object Action -eq 'RemoveMember').Member | Should -Be 'carol@example.com'
    }

    It 'shows the plan as plan lines by default' {
        $text = Compare-CtTeam -Path (Write-TeamsFile $Edited) | Out-String
        $text | Should -Match ([regex]::Escape("~ team platform: SlackChannel '#platform-alerts' -> '#finops'"))
        $text | Should -Match '(?m)^\+ team sre\s*$'
        $text | Should -Match '(?m)^- member carol@example\.com from data\s*$'
        $text | Should -Not -Match 'TeamId|OldValue'
    }

    It 'reads a .psd1 teams file as data' {
        $path = Write-TeamsFile -Name 'teams.psd1' -Text @'
@{ Teams = @(
    @{ Id = '42'; Name = 'Team Forty-Two' }
    @{ Id = 'data'; Name = 'Data Science'; GcpProjectNames = 'ds-prod'; Members = 'carol@example.com' }
    @{ Id = 'platform'; Name = 'Platform Engineering'; SlackChannel = '#platform-alerts'; AwsAccountIds = '111111111111'
       AwsServices = 'Amazon S3', 'Amazon EC2'; OpportunityPriorities = 2, 1; Members = 'bob@example.com', 'alice.admin@example.com' }
) }
'@
        Compare-CtTeam -Path $path | Should -BeNullOrEmpty
    }

    It 'refuses a .psd1 file that would run code, without running it' {
        $marker = Join-Path $TestDrive 'ran.txt'
        $path = Write-TeamsFile -Name 'evil.psd1' -Text "@{ Teams = @(@{ Id = 'x'; Name = (New-Item -Path '$marker') }) }"
        { Compare-CtTeam -Path $path } | Should -Throw -ErrorId (Get-ExpectedErrorId 'InvalidTeamsFile' 'CompareCtTeamCommand')
        $marker | Should -Not -Exist
    }

    It 'reports every file problem at once, naming the file, the team and the key' {
        $path = Write-TeamsFile -Name 'bad.json' -Text '{ "Teams": [ { "Id": "sre", "Name": "SRE", "AwsRegion": ["us-east-1"], "OpportunityPriorities": ["high"] }, { "Id": "sre", "Name": "Again" } ] }'
        $err = $null
        try { Compare-CtTeam -Path $path } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'InvalidTeamsFile' 'CompareCtTeamCommand')
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -Match ([regex]::Escape("bad.json: team 'sre', key 'AwsRegion': unknown key"))
        $err.Exception.Message | Should -Match ([regex]::Escape("team 'sre', key 'OpportunityPriorities': item 0 must be an integer"))
        $err.Exception.Message | Should -Match ([regex]::Escape("team 'sre', key 'Id': duplicate team id (also Teams[0])"))
        $err.Exception.Issues | Should -HaveCount 3
    }

    It 'reports an unknown member email and a missing file' {
        $path = Write-TeamsFile '{ "Teams": [ { "Id": "sre", "Name": "SRE", "Members": ["nobody@example.com"] } ] }'
        { Compare-CtTeam -Path $path } | Should -Throw "*team 'sre', key 'Members': no user of the organisation has the email 'nobody@example.com'*"
        { Compare-CtTeam -Path (Join-Path $TestDrive 'missing.json') } | Should -Throw -ErrorId (Get-ExpectedErrorId 'TeamsFileNotFound' 'CompareCtTeamCommand')
    }
}

Describe 'Sync-CtTeam' {
    BeforeEach { Reset-TestEmulator $Emulator }

    It '-WhatIf changes nothing' {
        Sync-CtTeam -Path (Write-TeamsFile $Edited) -Prune -WhatIf
        (Get-CtTeam).Id | Should -Not -Contain 'sre'
        (Get-CtTeam platform).SlackChannel | Should -Be '#platform-alerts'
        (Get-CtTeamMember data).Email | Should -Be 'carol@example.com'
    }

    It 'applies the plan, leaves removals alone without -Prune, and a second run changes nothing' {
        $path = Write-TeamsFile $Edited
        $applied = Sync-CtTeam -Path $path -PassThru
        $applied | Assert-TypeName 'Cloudthread.Client.TeamsAsCode.TeamChange'
        $applied.Action | Should -Not -Contain 'RemoveMember'
        $applied | Should -HaveCount 5
        (Get-CtTeam platform).SlackChannel | Should -Be '#finops'
        (Get-CtTeam platform).AwsServices | Should -BeNullOrEmpty
        (Get-CtTeam platform).AwsAccountIds | Should -Be @('111111111111')
        $sre = Get-CtTeam sre
        $sre.Name | Should -Be 'Site Reliability'
        $sre.AwsRegionNames | Should -Be @('us-east-1')
        $sre.AwsTags[0]['team'] | Should -Be 'sre'
        (Get-CtTeamMember sre).Email | Sort-Object | Should -Be @('carol@example.com', 'dan@example.com')
        (Get-CtTeamMember data).Email | Should -Be 'carol@example.com'

        Sync-CtTeam -Path $path -PassThru | Should -BeNullOrEmpty
        Get-Plan $path | Should -Be @('- member carol@example.com from data')
    }

    It 'sends one read and one PATCH per team, whatever the number of changed fields' {
        $path = Write-TeamsFile '{ "Teams": [ { "Id": "42", "Name": "Forty-Two", "SlackChannel": "#finops", "AwsServices": ["Amazon EC2"], "GcpLabels": [{ "env": "dev" }] } ] }'
        $before = (Get-TestEmulatorStat $Emulator).requests
        Sync-CtTeam -Path $path -PassThru | Should -HaveCount 4
        # The plan reads /teams, /users and 3 member lists; the update reads team 42 and PATCHes it once.
        ((Get-TestEmulatorStat $Emulator).requests - $before) | Should -Be 7
        (Get-CtTeam 42).GcpLabels[0]['env'] | Should -Be 'dev'
    }

    It '-Prune also deletes teams and removes members that the file does not have' {
        $path = Write-TeamsFile '{ "Teams": [ { "Id": "platform", "Name": "Platform Engineering", "SlackChannel": "#platform-alerts", "AwsAccountIds": ["111111111111"], "AwsServices": ["Amazon EC2", "Amazon S3"], "OpportunityPriorities": [1, 2], "Members": ["bob@example.com"] } ] }'
        $applied = Sync-CtTeam -Path $path -Prune -Confirm:$false -PassThru
        $applied.Description | Should -Be @('- team 42', '- team data', '- member alice.admin@example.com from platform')
        (Get-CtTeam).Id | Should -Be 'platform'
        (Get-CtTeamMember platform).Email | Should -Be 'bob@example.com'
        Get-Plan $path | Should -BeNullOrEmpty
    }

    It 'reports a failed change naming the team and the change, applies the others, and a rerun completes' {
        $path = Write-TeamsFile ($Edited -replace '#finops', '#nowhere')
        $applied = Sync-CtTeam -Path $path -PassThru -ErrorVariable err -ErrorAction SilentlyContinue
        # The team's two field updates are one PATCH: both are reported, neither is applied.
        $err | Should -HaveCount 2
        $id = Get-ExpectedErrorId 'SlackChannelNotFound' 'SyncCtTeamCommand'
        $err.FullyQualifiedErrorId | Should -Be @($id, $id)
        $err.TargetObject.TeamId | Should -Be @('platform', 'platform')
        $err[0].ErrorDetails.Message | Should -BeLike "Team 'platform': '~ team platform: SlackChannel '#platform-alerts' -> '#nowhere'' was not applied: *"
        $err[1].TargetObject.Field | Should -Be 'AwsServices'
        $applied.TeamId | Should -Not -Contain 'platform'
        (Get-CtTeam sre).Name | Should -Be 'Site Reliability'

        $path = Write-TeamsFile $Edited
        Sync-CtTeam -Path $path -PassThru | ForEach-Object Description | Should -Be @(
            "~ team platform: SlackChannel '#platform-alerts' -> '#finops'"
            "~ team platform: AwsServices 'Amazon EC2', 'Amazon S3' -> (none)"
        )
        Get-Plan $path | Should -Be @('- member carol@example.com from data')
    }

    It 'reports the member changes of a team that could not be created as not applied' {
        $path = Write-TeamsFile ($Edited -replace '"Id": "sre", "Name": "Site Reliability",', '"Id": "sre", "Name": "Site Reliability", "SlackChannel": "#nowhere",')
        $null = Sync-CtTeam -Path $path -ErrorVariable err -ErrorAction SilentlyContinue
        $err.TargetObject.Description | Should -Be @('+ team sre', '+ member carol@example.com to sre', '+ member dan@example.com to sre')
        $err[1].ErrorDetails.Message | Should -BeLike "Team 'sre': '+ member carol@example.com to sre' was not applied: the team could not be created: *"
        (Get-CtTeam).Id | Should -Not -Contain 'sre'
        (Get-CtTeam platform).SlackChannel | Should -Be '#finops'
    }

    It 'leaves a state that a rerun completes when the server fails in the middle' {
        Connect-TestEmulator $Emulator -With @{ MaxRetries = 0 }
        try {
            $path = Write-TeamsFile $Edited
            $middle = $null
            # Faults are drawn at random per request: try until a run both applied and failed changes.
            foreach ($attempt in 1..40) {
                Reset-TestEmulator $Emulator
                Set-TestEmulatorFault $Emulator @{ error_rate = 0.2; error_status = 500 }
                $applied = @(Sync-CtTeam -Path $path -PassThru -ErrorVariable err -ErrorAction SilentlyContinue)
                $failed = @($err | Where-Object { $_.TargetObject.PSObject.TypeNames -contains 'Cloudthread.Client.TeamsAsCode.TeamChange' })
                if ($applied.Count -gt 0 -and $failed.Count -gt 0) { $middle = $failed; break }
            }

            $middle | Should -Not -BeNullOrEmpty
            $middle[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'ServerError' 'SyncCtTeamCommand')
            $middle[0].ErrorDetails.Message | Should -BeLike "Team '$($middle[0].TargetObject.TeamId)': '*' was not applied: *"
            Set-TestEmulatorFault $Emulator @{ error_rate = 0 }
            Sync-CtTeam -Path $path -ErrorAction Stop
            Get-Plan $path | Should -Be @('- member carol@example.com from data')
            Sync-CtTeam -Path $path -PassThru | Should -BeNullOrEmpty
        }
        finally {
            Connect-TestEmulator $Emulator
        }
    }

    It 'weighs removals as ConfirmImpact High: the cmdlet itself is Medium' {
        (Get-Command Sync-CtTeam).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be ([System.Management.Automation.ConfirmImpact]::Medium)
        $path = Write-TeamsFile '{ "Teams": [] }'
        $ConfirmPreference = 'None'
        Sync-CtTeam -Path $path -Prune -PassThru | Should -HaveCount 3
        Get-CtTeam | Should -BeNullOrEmpty
    }
}
