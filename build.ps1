<#
.SYNOPSIS
    Builds, tests, documents, packages and demonstrates the Cloudthread module.

.DESCRIPTION
    Runs on Windows PowerShell 5.1 and PowerShell 7; needs only the .NET SDK (and Pester 5 for the
    Pester suites, PlatyPS 1.0 for -Task Docs, PSResourceGet or PowerShellGet for -Task Package).

    Tasks (each runs what it depends on):
      Build    dotnet publish, then lay out out/Cloudthread/<version>/ (the module) and out/emulator/.
      Test     dotnet test, then the Pester suites against the built module and a fresh emulator.
      Docs     docs/en-US/*.md (PlatyPS markdown) to en-US/ MAML and about_*.help.txt in the module.
      Package  out/packages/: Cloudthread.<version>.nupkg (module) and Cloudthread.Emulator.<version>.nupkg (.NET tool).
      Demo     starts the emulator, imports the built module and runs a short realistic session.

.EXAMPLE
    ./build.ps1 -Task Demo
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package', 'Demo')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = $PSScriptRoot
$outRoot = Join-Path $root 'out'
$versionNode = ([xml](Get-Content -Raw -LiteralPath (Join-Path $root 'Directory.Build.props'))).SelectSingleNode('/Project/PropertyGroup/Version')
if (-not $versionNode) { throw 'No <Version> in Directory.Build.props.' }
$version = $versionNode.InnerText.Trim()
$moduleDir = Join-Path (Join-Path $outRoot 'Cloudthread') $version
$manifestPath = Join-Path $moduleDir 'Cloudthread.psd1'
$emulatorDir = Join-Path $outRoot 'emulator'
$emulatorDll = Join-Path $emulatorDir 'Cloudthread.Emulator.dll'
$packageDir = Join-Path $outRoot 'packages'

function Invoke-Dotnet {
    # Every dotnet call goes through here so a failure stops the build with its exit code.
    # A simple function ($args, no param block) so that -c, -o and --nologo pass through untouched.
    Write-Host "dotnet $($args -join ' ')" -ForegroundColor DarkGray
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args[0]) failed with exit code $LASTEXITCODE." }
}

function Write-Step([string] $Text) {
    Write-Host ''
    Write-Host "== $Text" -ForegroundColor Cyan
}

function Invoke-BuildTask {
    Write-Step "Build $version ($Configuration)"
    $publishRoot = Join-Path $outRoot 'publish'
    $cmdletPublish = Join-Path $publishRoot 'Cloudthread.PowerShell'
    $clientPublish = Join-Path $publishRoot 'Cloudthread.Client'
    foreach ($dir in @($publishRoot, $moduleDir, $emulatorDir)) {
        if (Test-Path -LiteralPath $dir) { Remove-Item -LiteralPath $dir -Recurse -Force }
    }

    Invoke-Dotnet publish (Join-Path $root 'src/Cloudthread.Client/Cloudthread.Client.csproj') -c $Configuration -o $clientPublish --nologo
    Invoke-Dotnet publish (Join-Path $root 'src/Cloudthread.PowerShell/Cloudthread.PowerShell.csproj') -c $Configuration -o $cmdletPublish --nologo
    Invoke-Dotnet publish (Join-Path $root 'src/Cloudthread.Emulator/Cloudthread.Emulator.csproj') -c $Configuration -o $emulatorDir --nologo

    # Module root: what PowerShell loads into its own context (the cmdlets and the isolation code).
    # Dependencies/: the client and everything it needs, loaded privately (see src/Cloudthread.PowerShell.Isolation).
    $dependencies = Join-Path $moduleDir 'Dependencies'
    New-Item -ItemType Directory -Path $dependencies -Force | Out-Null
    $rootFiles = @('Cloudthread.PowerShell.dll', 'Cloudthread.PowerShell.pdb', 'Cloudthread.PowerShell.Isolation.dll', 'Cloudthread.PowerShell.Isolation.pdb', 'Cloudthread.format.ps1xml')
    foreach ($name in $rootFiles) {
        $file = Join-Path $cmdletPublish $name
        if (Test-Path -LiteralPath $file) { Copy-Item -LiteralPath $file -Destination $moduleDir }
    }
    Get-ChildItem -LiteralPath $clientPublish -File |
        Where-Object { $_.Extension -eq '.dll' -or $_.Name -eq 'Cloudthread.Client.pdb' } |
        Copy-Item -Destination $dependencies

    # The manifest, with ModuleVersion stamped from Directory.Build.props.
    $manifestText = Get-Content -Raw -LiteralPath (Join-Path $root 'Cloudthread.psd1')
    $manifestText = [regex]::Replace($manifestText, "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$version'")
    [System.IO.File]::WriteAllText($manifestPath, $manifestText, (New-Object System.Text.UTF8Encoding($true)))

    $helpSource = Join-Path (Join-Path $outRoot 'help') 'en-US'
    if (Test-Path -LiteralPath $helpSource) {
        Copy-Item -LiteralPath $helpSource -Destination $moduleDir -Recurse -Force
    }

    Test-ModuleManifest -Path $manifestPath | Out-Null
    Write-Host "Module: $moduleDir"
    Write-Host "Emulator: $emulatorDll"
}

function Invoke-DocsTask {
    Write-Step 'Docs'
    $platy = Get-Module -ListAvailable -Name Microsoft.PowerShell.PlatyPS | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $platy) {
        throw 'Task Docs needs Microsoft.PowerShell.PlatyPS 1.0 or later: Install-PSResource Microsoft.PowerShell.PlatyPS'
    }
    Import-Module $platy -Force

    $docs = Join-Path (Join-Path $root 'docs') 'en-US'
    $helpDir = Join-Path (Join-Path $outRoot 'help') 'en-US'
    $mamlTemp = Join-Path (Join-Path $outRoot 'help') 'maml'
    foreach ($dir in @($helpDir, $mamlTemp)) {
        if (Test-Path -LiteralPath $dir) { Remove-Item -LiteralPath $dir -Recurse -Force }
        New-Item -ItemType Directory -Path $dir -Force | Out-Null
    }

    # Cmdlet pages only: about_ topics and the module page are not command help.
    $commandPages = Measure-PlatyPSMarkdown -Path (Join-Path $docs '*.md') | Where-Object FileType -Match 'CommandHelp'
    if (-not $commandPages) { throw "No cmdlet help pages in $docs." }
    $commandPages | Import-MarkdownCommandHelp -Path { $_.FilePath } | Export-MamlCommandHelp -OutputFolder $mamlTemp -Force | Out-Null

    # Export-MamlCommandHelp names the file after the module (Cloudthread-Help.xml, possibly in a module-named
    # folder); PowerShell looks for <cmdlet assembly>-Help.xml next to the binary module.
    $maml = Get-ChildItem -LiteralPath $mamlTemp -Recurse -Filter '*-Help.xml' | Select-Object -First 1
    if (-not $maml) { throw "Export-MamlCommandHelp wrote no *-Help.xml under $mamlTemp." }
    Copy-Item -LiteralPath $maml.FullName -Destination (Join-Path $helpDir 'Cloudthread.PowerShell.dll-Help.xml')

    # about_ topics: Get-Help reads en-US/about_*.help.txt as plain text; drop the YAML front matter.
    foreach ($about in Get-ChildItem -LiteralPath $docs -Filter 'about_*.md') {
        $text = Get-Content -Raw -LiteralPath $about.FullName
        $text = [regex]::Replace($text, '\A---\r?\n.*?\r?\n---\r?\n', '', [System.Text.RegularExpressions.RegexOptions]::Singleline)
        $target = Join-Path $helpDir ($about.BaseName + '.help.txt')
        [System.IO.File]::WriteAllText($target, $text, (New-Object System.Text.UTF8Encoding($false)))
    }
    Write-Host "Help: $helpDir (copied into the module by Build)"
}

function Start-DemoEmulator {
    # Starts the built emulator on a free loopback port and returns the process and its base URI
    # (the emulator prints "Cloudthread emulator listening on <uri>" first).
    $info = New-Object System.Diagnostics.ProcessStartInfo
    $info.FileName = 'dotnet'
    $info.Arguments = "`"$emulatorDll`" --urls http://127.0.0.1:0"
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.CreateNoWindow = $true
    $process = [System.Diagnostics.Process]::Start($info)
    $readLine = $process.StandardOutput.ReadLineAsync()
    if (-not $readLine.Wait(30000) -or -not $readLine.Result) {
        if (-not $process.HasExited) { $process.Kill() }
        throw 'The emulator did not report its address within 30 seconds.'
    }
    $match = [regex]::Match($readLine.Result, 'listening on (\S+)')
    if (-not $match.Success) {
        $process.Kill()
        throw "Unexpected first line from the emulator: $($readLine.Result)"
    }
    New-Object psobject -Property @{ Process = $process; BaseUri = $match.Groups[1].Value.TrimEnd('/') }
}

function Stop-DemoEmulator($Emulator) {
    if ($Emulator -and -not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill()
        $Emulator.Process.WaitForExit(10000) | Out-Null
    }
}

function Invoke-TestTask {
    Write-Step 'Test: dotnet test'
    # The Pester suites run once, below, against the built module: not a second time from dotnet test's pwsh bridge.
    $env:CLOUDTHREAD_PESTER_BRIDGE = 'off'
    try {
        Invoke-Dotnet test (Join-Path $root 'CloudthreadPS.sln') -c $Configuration --nologo
    }
    finally {
        Remove-Item Env:CLOUDTHREAD_PESTER_BRIDGE -ErrorAction SilentlyContinue
    }

    Write-Step 'Test: Pester suites against the built module'
    $shellVersion = $PSVersionTable.PSVersion
    if ($shellVersion.Major -lt 7 -or ($shellVersion.Major -eq 7 -and $shellVersion.Minor -lt 4)) {
        throw "The Pester suites need PowerShell 7.4 or later (this is $shellVersion): run ./build.ps1 -Task Test from pwsh."
    }
    $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) { throw 'The Pester suites need Pester 5: Install-PSResource Pester' }
    Import-Module $pester -Force

    # Common.ps1 (Import-TestModule, Start-TestEmulator) reads these: the built module and the published emulator.
    $savedModule = $env:CLOUDTHREAD_TEST_MODULE
    $savedEmulator = $env:CLOUDTHREAD_EMULATOR_DLL
    $env:CLOUDTHREAD_TEST_MODULE = $manifestPath
    $env:CLOUDTHREAD_EMULATOR_DLL = $emulatorDll
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path (Join-Path $root 'tests') 'pester'
    $config.Run.Exit = $false
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    # Pester runs the suites in a scope below this one: give them a plain session's settings (this script's
    # strict mode and 'Stop' would otherwise apply inside every test), as when Invoke-Pester runs at a prompt.
    Set-StrictMode -Off
    $ErrorActionPreference = 'Continue'
    try {
        $result = Invoke-Pester -Configuration $config
    }
    finally {
        $ErrorActionPreference = 'Stop'
        $env:CLOUDTHREAD_TEST_MODULE = $savedModule
        $env:CLOUDTHREAD_EMULATOR_DLL = $savedEmulator
    }
    if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') {
        throw "Pester: $($result.FailedCount) failed, $($result.PassedCount) passed."
    }
}

function Invoke-PackageTask {
    Write-Step 'Package'
    if (Test-Path -LiteralPath $packageDir) { Remove-Item -LiteralPath $packageDir -Recurse -Force }
    New-Item -ItemType Directory -Path $packageDir -Force | Out-Null

    # The emulator as a .NET tool: dotnet tool install --global Cloudthread.Emulator --add-source out/packages
    Invoke-Dotnet pack (Join-Path $root 'src/Cloudthread.Emulator/Cloudthread.Emulator.csproj') -c $Configuration -o $packageDir --nologo

    # The module: PowerShell's own packer, so Install-PSResource / Install-Module accept the result.
    # Publish-PSResource -Path wants a folder named like the module, holding Cloudthread.psd1.
    $stagingRoot = Join-Path $outRoot 'staging'
    if (Test-Path -LiteralPath $stagingRoot) { Remove-Item -LiteralPath $stagingRoot -Recurse -Force }
    $staging = Join-Path $stagingRoot 'Cloudthread'
    New-Item -ItemType Directory -Path $staging -Force | Out-Null
    Copy-Item -Path (Join-Path $moduleDir '*') -Destination $staging -Recurse
    # A repository folder of its own: the one above already holds Cloudthread.Emulator.<version>.nupkg, which a
    # search for 'Cloudthread' in a local repository would also look at.
    $repositoryDir = Join-Path $stagingRoot 'repository'
    New-Item -ItemType Directory -Path $repositoryDir -Force | Out-Null

    $repositoryName = 'CloudthreadBuild' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    if (Get-Command Publish-PSResource -ErrorAction SilentlyContinue) {
        Register-PSResourceRepository -Name $repositoryName -Uri $repositoryDir -Trusted
        try {
            Publish-PSResource -Path $staging -Repository $repositoryName
        }
        finally {
            Unregister-PSResourceRepository -Name $repositoryName
        }
    }
    elseif (Get-Command Publish-Module -ErrorAction SilentlyContinue) {
        Register-PSRepository -Name $repositoryName -SourceLocation $repositoryDir -PublishLocation $repositoryDir -InstallationPolicy Trusted
        try {
            Publish-Module -Path $staging -Repository $repositoryName
        }
        finally {
            Unregister-PSRepository -Name $repositoryName
        }
    }
    else {
        throw 'Task Package needs Microsoft.PowerShell.PSResourceGet (Publish-PSResource) or PowerShellGet (Publish-Module).'
    }
    Copy-Item -Path (Join-Path $repositoryDir 'Cloudthread.*.nupkg') -Destination $packageDir
    Get-ChildItem -LiteralPath $packageDir -Filter '*.nupkg' | ForEach-Object { Write-Host "Package: $($_.FullName)" }
}

function Invoke-DemoTask {
    Write-Step 'Demo: a short session against the local emulator'
    $emulator = Start-DemoEmulator
    try {
        # A child session keeps the demo's imports and connection out of the caller's session.
        $shell = (Get-Process -Id $PID).Path
        $demoScript = Join-Path (Join-Path $root 'examples') 'Demo.ps1'
        & $shell -NoProfile -NonInteractive -File $demoScript -ModulePath $manifestPath -BaseUri $emulator.BaseUri -UsageCsv (Join-Path (Join-Path $root 'examples') 'usage.csv')
        if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
    }
    finally {
        Stop-DemoEmulator $emulator
    }
}

# Dependencies between tasks, in order: each task runs once.
$plan = New-Object System.Collections.Generic.List[string]
foreach ($name in $Task) {
    $needs = switch ($name) {
        'Build' { @('Build') }
        'Docs' { @('Docs', 'Build') }
        'Test' { @('Build', 'Test') }
        'Package' { @('Build', 'Package') }
        'Demo' { @('Build', 'Demo') }
    }
    foreach ($step in $needs) {
        if (-not $plan.Contains($step)) { $plan.Add($step) }
    }
}

foreach ($step in $plan) {
    switch ($step) {
        'Build' { Invoke-BuildTask }
        'Docs' { Invoke-DocsTask }
        'Test' { Invoke-TestTask }
        'Package' { Invoke-PackageTask }
        'Demo' { Invoke-DemoTask }
    }
}
