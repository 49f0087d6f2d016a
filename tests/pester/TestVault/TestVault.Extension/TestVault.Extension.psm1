# The five functions SecretManagement calls on an extension vault, over a JSON file of name -> text.

function Read-VaultFile([hashtable] $AdditionalParameters) {
    $path = $AdditionalParameters.Path
    if (-not (Test-Path -LiteralPath $path)) { return @{} }
    $table = @{}
    $json = Get-Content -Raw -LiteralPath $path | ConvertFrom-Json
    foreach ($property in $json.PSObject.Properties) { $table[$property.Name] = $property.Value }
    $table
}

function Write-VaultFile([hashtable] $AdditionalParameters, [hashtable] $Secrets) {
    $Secrets | ConvertTo-Json | Set-Content -LiteralPath $AdditionalParameters.Path
}

function Get-Secret {
    param([string] $Name, [string] $VaultName, [hashtable] $AdditionalParameters)
    $secrets = Read-VaultFile $AdditionalParameters
    if ($secrets.ContainsKey($Name)) { ConvertTo-SecureString -String $secrets[$Name] -AsPlainText -Force }
}

function Set-Secret {
    param([string] $Name, [object] $Secret, [string] $VaultName, [hashtable] $AdditionalParameters)
    $secrets = Read-VaultFile $AdditionalParameters
    $secrets[$Name] = if ($Secret -is [securestring]) { [System.Net.NetworkCredential]::new('', $Secret).Password } else { [string]$Secret }
    Write-VaultFile $AdditionalParameters $secrets
    $true
}

function Remove-Secret {
    param([string] $Name, [string] $VaultName, [hashtable] $AdditionalParameters)
    $secrets = Read-VaultFile $AdditionalParameters
    $secrets.Remove($Name)
    Write-VaultFile $AdditionalParameters $secrets
    $true
}

function Get-SecretInfo {
    param([string] $Filter, [string] $VaultName, [hashtable] $AdditionalParameters)
    $pattern = if ($Filter) { $Filter } else { '*' }
    foreach ($name in (Read-VaultFile $AdditionalParameters).Keys) {
        if ($name -like $pattern) {
            [Microsoft.PowerShell.SecretManagement.SecretInformation]::new($name, 'SecureString', $VaultName)
        }
    }
}

function Test-SecretVault {
    param([string] $VaultName, [hashtable] $AdditionalParameters)
    $true
}
