@{
    ModuleVersion     = '1.0.0'
    GUID              = 'e1c5a0de-61a4-4c43-9b1f-5f0d8c3b7e42'
    RootModule        = 'TestVault.Extension.psm1'
    RequiredAssemblies = @()
    FunctionsToExport = @('Get-Secret', 'Set-Secret', 'Remove-Secret', 'Get-SecretInfo', 'Test-SecretVault')
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
