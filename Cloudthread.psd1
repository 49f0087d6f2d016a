@{
    RootModule           = 'Cloudthread.PowerShell.dll'
    # Imported before the RootModule: installs the dependency resolver before PowerShell reflects over the cmdlets.
    NestedModules        = @('Cloudthread.PowerShell.Isolation.dll')
    ModuleVersion        = '0.1.0'
    GUID                 = '91b879d1-bd25-4fb5-ae70-7da61d5983bd'
    Author               = 'CloudthreadPS contributors'
    CompanyName          = 'CloudthreadPS contributors'
    Copyright            = '(c) CloudthreadPS contributors. All rights reserved.'
    Description          = 'Drives the Cloudthread cloud-cost API: custom data ingestion, events, cost views and unit metrics, teams, users, tag catalogs and savings opportunities.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('Cloudthread.format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Cloudthread'
        'Disconnect-Cloudthread'
        'Get-CtConnection'
        'Send-CtCustomData'
        'Add-CtEvent'
        'Get-CtTagCatalog'
        'Get-CtMetric'
        'Get-CtUser'
        'New-CtUser'
        'Get-CtTeam'
        'New-CtTeam'
        'Set-CtTeam'
        'Remove-CtTeam'
        'Get-CtTeamMember'
        'Add-CtTeamMember'
        'Remove-CtTeamMember'
        'Export-CtTeam'
        'Compare-CtTeam'
        'Sync-CtTeam'
        'Get-CtSavingsOpportunity'
        'Invoke-CtApiRequest'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Cloudthread', 'FinOps', 'CloudCost', 'Cost', 'UnitEconomics', 'API', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/cloudthreadps/CloudthreadPS'
            LicenseUri   = 'https://github.com/cloudthreadps/CloudthreadPS/blob/main/LICENSE'
            ReleaseNotes = 'First release: the whole Cloudthread Developer API as cmdlets, with a local emulator for tests.'
        }
    }
}
