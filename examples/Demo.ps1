<#
.SYNOPSIS
    A short, realistic Cloudthread session: what ./build.ps1 -Task Demo runs against the local emulator.

.DESCRIPTION
    Works the same against the real API: pass -BaseUri https://api.cloudthread.io and your own key and token
    (the emulator's demo key and token are the defaults here, and are not secrets).
#>
param(
    [Parameter(Mandatory = $true)] [string] $ModulePath,
    [Parameter(Mandatory = $true)] [string] $BaseUri,
    [Parameter(Mandatory = $true)] [string] $UsageCsv,
    [string] $DemoApiKey = 'ct-demo-api-key',
    [string] $DemoDataStreamToken = 'ct-demo-stream-token'
)

$ErrorActionPreference = 'Stop'

function Show([string] $Command) {
    # Echo each step the way it would look typed at a prompt.
    Write-Host ''
    Write-Host "PS> $Command" -ForegroundColor Yellow
}

# Every command shown fits an 80-column terminal, and so does what it prints.
Show "Import-Module Cloudthread"
Import-Module $ModulePath -Force
Get-Module Cloudthread | Format-Table Name, Version, ModuleType -AutoSize | Out-Host

Show "Connect-Cloudthread -BaseUri `$uri -ApiKey `$apiKey -DataStreamToken `$token"
$apiKey = ConvertTo-SecureString $DemoApiKey -AsPlainText -Force
$streamToken = ConvertTo-SecureString $DemoDataStreamToken -AsPlainText -Force
Connect-Cloudthread -BaseUri $BaseUri -ApiKey $apiKey -DataStreamToken $streamToken | Out-Host
Get-CtConnection | Format-List BaseUri, ApiKeySource, HasDataStreamToken | Out-Host

Show "Import-Csv usage.csv | Send-CtCustomData -PassThru   # 3 days, hourly"
Import-Csv -LiteralPath $UsageCsv | Send-CtCustomData -PassThru | Select-Object -Last 1 | Out-Host

Show "Add-CtEvent -Type Deploy -Description 'checkout 2.4.0' -TeamId platform ``
    -Timestamp 2026-03-02T09:00:00Z -PassThru"
Add-CtEvent -Type Deploy -Description 'checkout 2.4.0' -TeamId platform -Timestamp ([datetime]'2026-03-02T09:00:00Z').ToUniversalTime() -PassThru | Out-Host

Show "Get-CtMetric -UnitMetricId um-cost-per-request ``
    -Start 2026-03-01 -End 2026-03-03"
Get-CtMetric -UnitMetricId um-cost-per-request -Start ([datetime]'2026-03-01') -End ([datetime]'2026-03-03') | Out-Host

Show "New-CtTeam -Id sre -Name 'Site Reliability'"
New-CtTeam -Id sre -Name 'Site Reliability' | Out-Host

Show "Get-CtUser -Email carol@*, dan@* | Add-CtTeamMember -TeamId sre -PassThru"
Get-CtUser -Email 'carol@*', 'dan@*' | Add-CtTeamMember -TeamId sre -PassThru | Out-Host

Show "Get-CtSavingsOpportunity | Sort-Object CostImpact -Descending |
    Select-Object -First 5"
Get-CtSavingsOpportunity | Sort-Object CostImpact -Descending | Select-Object -First 5 | Out-Host

Show "Disconnect-Cloudthread"
Disconnect-Cloudthread
