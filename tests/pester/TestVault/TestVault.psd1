# A SecretManagement extension vault for the runbook tests: secrets in a JSON file named by the vault's
# parameters (Register-SecretVault -VaultParameters @{ Path = '...' }). Test-only; stores plain text.
@{
    ModuleVersion     = '1.0.0'
    GUID              = '5b0f0a4e-8f5c-4d2e-9f57-3c1f0c7a2b11'
    Author            = 'CloudthreadPS contributors'
    Description       = 'Test-only SecretManagement vault: secrets in a JSON file.'
    NestedModules     = @('TestVault.Extension')
    FunctionsToExport = @()
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
