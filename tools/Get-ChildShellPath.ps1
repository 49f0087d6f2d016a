# Dot-source for Get-ChildShellPath: the running shell's own executable, to start a child shell. From $PSHOME,
# never the process path: under the PowerShell .NET tool (dotnet pwsh) the process is `dotnet`.
# Used by build.ps1, the Pester suites (tests/pester/Common.ps1) and the benchmark scripts; runs on 5.1 and 7.
function Get-ChildShellPath {
    if ($PSVersionTable.PSEdition -eq 'Desktop') { return Join-Path $PSHOME 'powershell.exe' }
    if ($IsWindows) { return Join-Path $PSHOME 'pwsh.exe' }
    Join-Path $PSHOME 'pwsh'
}
