<#
.SYNOPSIS
    Builds, tests, documents, packages and demonstrates the Cloudthread module.

.DESCRIPTION
    Runs on Windows PowerShell 5.1 and PowerShell 7; needs only the .NET SDK. The repository's own tools
    come from `dotnet tool restore` (pwsh 7.6.9) and `dotnet restore` (Pester 5.9.1 into the NuGet cache);
    PlatyPS 1.0 makes the help, PSResourceGet (shipped with pwsh 7.4+) or PowerShellGet packs the module.

    Tasks (each runs what it depends on):
      Build    dotnet publish, then lay out out/Cloudthread/<version>/ (the module, with its help when PlatyPS
               is available; a loud warning when it is not) and out/emulator/.
      Docs     Build, and fail unless the help (docs/en-US/*.md to en-US/ MAML and about_*.help.txt) is made.
      Test     dotnet test, then the Pester suites against the built module and a fresh emulator.
      Pester   the Pester suites only, against the built module (what dotnet test's Pester bridge runs).
      Package  Docs, then out/packages/: Cloudthread.<version>.nupkg (module) and Cloudthread.Emulator.<version>.nupkg (.NET tool).
      Demo     starts the emulator, imports the built module and runs a short realistic session.

.PARAMETER NoBuild
    Publish what is already built (dotnet publish --no-build): for callers that have just built the solution.

.PARAMETER PesterResultPath
    A folder: the Pester tasks write pester.xml (NUnit 3) there, one test-case per Pester test.

.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Demo
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Docs', 'Package', 'Demo')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [switch] $NoBuild,

    [string] $PesterResultPath
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

. (Join-Path (Join-Path $PSScriptRoot 'tools') 'Get-ChildShellPath.ps1')

function Test-StrictTestRun {
    # CI sets CLOUDTHREAD_TEST_STRICT=1: a test skipped for a missing tool is a failure there.
    $env:CLOUDTHREAD_TEST_STRICT -eq '1'
}

function Get-PlatyPSModule {
    Get-Module -ListAvailable -Name Microsoft.PowerShell.PlatyPS |
        Where-Object { $_.Version -ge [version]'1.0' } |
        Sort-Object Version -Descending |
        Select-Object -First 1
}

function Invoke-BuildTask([bool] $RequireHelp) {
    Write-Step "Build $version ($Configuration)"
    $publishRoot = Join-Path $outRoot 'publish'
    $cmdletPublish = Join-Path $publishRoot 'Cloudthread.PowerShell'
    $clientPublish = Join-Path $publishRoot 'Cloudthread.Client'
    foreach ($dir in @($publishRoot, $moduleDir, $emulatorDir)) {
        if (Test-Path -LiteralPath $dir) { Remove-Item -LiteralPath $dir -Recurse -Force }
    }

    $publishOptions = @('-c', $Configuration, '--nologo')
    if ($NoBuild) { $publishOptions += '--no-build' }
    Invoke-Dotnet publish (Join-Path $root 'src/Cloudthread.Client/Cloudthread.Client.csproj') -o $clientPublish @publishOptions
    Invoke-Dotnet publish (Join-Path $root 'src/Cloudthread.PowerShell/Cloudthread.PowerShell.csproj') -o $cmdletPublish @publishOptions
    Invoke-Dotnet publish (Join-Path $root 'src/Cloudthread.Emulator/Cloudthread.Emulator.csproj') -o $emulatorDir @publishOptions

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

    $platy = Get-PlatyPSModule
    if ($platy) {
        Invoke-HelpBuild $platy (Join-Path $moduleDir 'en-US')
    }
    elseif ($RequireHelp -or (Test-StrictTestRun)) {
        throw 'The help needs Microsoft.PowerShell.PlatyPS 1.0 or later: Install-PSResource Microsoft.PowerShell.PlatyPS (or put a folder that holds it on PSModulePath).'
    }
    else {
        $line = '=' * 78
        Write-Warning $line
        Write-Warning 'THE MODULE HAS NO HELP: Microsoft.PowerShell.PlatyPS 1.0 was not found, so Get-Help shows'
        Write-Warning 'only syntax and the about_ topics are missing. Install-PSResource Microsoft.PowerShell.PlatyPS,'
        Write-Warning 'then build again (-Task Docs fails instead of building without help).'
        Write-Warning $line
    }

    Test-ModuleManifest -Path $manifestPath | Out-Null
    Write-Host "Module: $moduleDir"
    Write-Host "Emulator: $emulatorDll"
}

function ConvertTo-OneLineParagraph([string] $Markdown) {
    # The pages are wrapped for reading in an editor; PlatyPS keeps those breaks in the MAML, and Get-Help would
    # show ragged paragraphs. Each paragraph and list item becomes one line, which Get-Help wraps to the window.
    # Front matter, fenced code, headings and tables stay as they are.
    $output = New-Object System.Collections.Generic.List[string]
    $inFence = $false
    $inFrontMatter = $false
    $joinable = $false
    $lines = $Markdown -split '\r?\n'
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($i -eq 0 -and $line -eq '---') { $inFrontMatter = $true; $output.Add($line); continue }
        if ($inFrontMatter) { if ($line -eq '---') { $inFrontMatter = $false }; $output.Add($line); continue }
        if ($line -match '^\s*```') { $inFence = -not $inFence; $joinable = $false; $output.Add($line); continue }
        if ($inFence) { $output.Add($line); continue }
        $trimmed = $line.Trim()
        $structural = $trimmed -eq '' -or $trimmed -match '^[#|>]' -or $trimmed -match '^([-*+]|\d+\.)\s'
        if ($joinable -and -not $structural) {
            $output[$output.Count - 1] = $output[$output.Count - 1].TrimEnd() + ' ' + $trimmed
            continue
        }
        $output.Add($line)
        $joinable = $trimmed -ne '' -and $trimmed -notmatch '^[#|]'
    }
    $output -join "`n"
}

function Invoke-HelpBuild($Platy, [string] $HelpDir) {
    # docs/en-US (PlatyPS 1.0 markdown) to <module>/en-US: the cmdlets' MAML and the about_ topics as text.
    Write-Step "Help (PlatyPS $($Platy.Version))"
    Import-Module $Platy -Force

    $docs = Join-Path (Join-Path $root 'docs') 'en-US'
    $mamlTemp = Join-Path (Join-Path $outRoot 'help') 'maml'
    foreach ($dir in @($HelpDir, $mamlTemp)) {
        if (Test-Path -LiteralPath $dir) { Remove-Item -LiteralPath $dir -Recurse -Force }
        New-Item -ItemType Directory -Path $dir -Force | Out-Null
    }

    # Cmdlet pages only (about_ topics and the module page are not command help), with one line per paragraph.
    $unwrapped = Join-Path (Join-Path $outRoot 'help') 'pages'
    if (Test-Path -LiteralPath $unwrapped) { Remove-Item -LiteralPath $unwrapped -Recurse -Force }
    New-Item -ItemType Directory -Path $unwrapped -Force | Out-Null
    foreach ($page in Get-ChildItem -LiteralPath $docs -Filter '*.md') {
        $text = ConvertTo-OneLineParagraph (Get-Content -Raw -LiteralPath $page.FullName)
        [System.IO.File]::WriteAllText((Join-Path $unwrapped $page.Name), $text, (New-Object System.Text.UTF8Encoding($false)))
    }
    $commandPages = Measure-PlatyPSMarkdown -Path (Join-Path $unwrapped '*.md') | Where-Object FileType -Match 'CommandHelp'
    if (-not $commandPages) { throw "No cmdlet help pages in $docs." }
    $commandPages | Import-MarkdownCommandHelp -Path { $_.FilePath } | Export-MamlCommandHelp -OutputFolder $mamlTemp -Force | Out-Null

    # Export-MamlCommandHelp names the file after the module (Cloudthread-Help.xml, possibly in a module-named
    # folder); PowerShell looks for <cmdlet assembly>-Help.xml next to the binary module.
    $maml = Get-ChildItem -LiteralPath $mamlTemp -Recurse -Filter '*-Help.xml' | Select-Object -First 1
    if (-not $maml) { throw "Export-MamlCommandHelp wrote no *-Help.xml under $mamlTemp." }
    Copy-Item -LiteralPath $maml.FullName -Destination (Join-Path $HelpDir 'Cloudthread.PowerShell.dll-Help.xml')

    # about_ topics: Get-Help reads en-US/about_*.help.txt as plain text; drop the YAML front matter.
    foreach ($about in Get-ChildItem -LiteralPath $docs -Filter 'about_*.md') {
        $text = Get-Content -Raw -LiteralPath $about.FullName
        $text = [regex]::Replace($text, '\A---\r?\n.*?\r?\n---\r?\n', '', [System.Text.RegularExpressions.RegexOptions]::Singleline)
        $target = Join-Path $HelpDir ($about.BaseName + '.help.txt')
        [System.IO.File]::WriteAllText($target, $text, (New-Object System.Text.UTF8Encoding($false)))
    }
    Write-Host "Help: $HelpDir"
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
    Invoke-PesterTask
}

function Get-PesterModule {
    # The version the repository pins (restored into the NuGet cache by tests/Cloudthread.PowerShell.Tests),
    # else a Pester 5 from PSModulePath.
    $testProject = Join-Path $root 'tests/Cloudthread.PowerShell.Tests/Cloudthread.PowerShell.Tests.csproj'
    $pinned = ([xml](Get-Content -Raw -LiteralPath $testProject)).SelectSingleNode('//PesterVersion').InnerText.Trim()
    $cache = $env:NUGET_PACKAGES
    if (-not $cache) { $cache = Join-Path (Join-Path $HOME '.nuget') 'packages' }
    $restored = Join-Path $cache "pester/$pinned/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $restored)) {
        Invoke-Dotnet restore $testProject --nologo
    }
    if (Test-Path -LiteralPath $restored) { return $restored }

    $installed = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } | Sort-Object Version -Descending | Select-Object -First 1
    if ($installed) { return $installed.Path }
    throw "The Pester suites need Pester 5: 'dotnet restore' restores Pester $pinned (tests/Cloudthread.PowerShell.Tests), or Install-PSResource Pester."
}

function Invoke-PesterTask {
    Write-Step 'Test: Pester suites against the built module'
    $shellVersion = $PSVersionTable.PSVersion
    if ($shellVersion.Major -lt 7 -or ($shellVersion.Major -eq 7 -and $shellVersion.Minor -lt 4)) {
        throw "The Pester suites need PowerShell 7.4 or later (this is $shellVersion): dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test"
    }
    Import-Module (Get-PesterModule) -Force

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
    if ($PesterResultPath) {
        New-Item -ItemType Directory -Path $PesterResultPath -Force | Out-Null
        Remove-Item -LiteralPath (Join-Path $PesterResultPath 'pester.xml') -ErrorAction Ignore
        $config.TestResult.Enabled = $true
        $config.TestResult.OutputFormat = 'NUnit3'
        $config.TestResult.OutputPath = Join-Path $PesterResultPath 'pester.xml'
    }
    # Pester runs the suites in a scope below this one: give them a plain session's settings (this script's
    # strict mode and 'Stop' would otherwise apply inside every test), as when Invoke-Pester runs at a prompt.
    Set-StrictMode -Off
    $ErrorActionPreference = 'Continue'
    try {
        # The run object is the last thing written: a suite's stray output must not hide it.
        $result = Invoke-Pester -Configuration $config | Select-Object -Last 1
    }
    finally {
        $ErrorActionPreference = 'Stop'
        $env:CLOUDTHREAD_TEST_MODULE = $savedModule
        $env:CLOUDTHREAD_EMULATOR_DLL = $savedEmulator
    }
    $failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    if ($result.TotalCount -eq 0) { throw 'Pester: no test ran.' }
    if ($failed -gt 0 -or $result.Result -ne 'Passed') {
        throw "Pester: $($result.FailedCount) test(s), $($result.FailedBlocksCount) block(s) and $($result.FailedContainersCount) file(s) failed; $($result.PassedCount) passed."
    }
}

function Invoke-PackageTask {
    Write-Step 'Package'
    # A module without help is not shipped: Get-Help would show only syntax to everyone who installs it.
    $maml = Join-Path (Join-Path $moduleDir 'en-US') 'Cloudthread.PowerShell.dll-Help.xml'
    if (-not (Test-Path -LiteralPath $maml)) { throw "Refusing to pack a module without help: $maml is missing (-Task Docs makes it)." }
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
        $shell = Get-ChildShellPath
        $demoScript = Join-Path (Join-Path $root 'examples') 'Demo.ps1'
        & $shell -NoProfile -NonInteractive -File $demoScript -ModulePath $manifestPath -BaseUri $emulator.BaseUri -UsageCsv (Join-Path (Join-Path $root 'examples') 'usage.csv')
        if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
    }
    finally {
        Stop-DemoEmulator $emulator
    }
}

# Dependencies between tasks, in order: each task runs once. Docs is Build with the help required, so when
# it is asked for, every Build step becomes Docs: one build, not two.
$wantsDocs = ($Task -contains 'Docs') -or ($Task -contains 'Package')
$plan = New-Object System.Collections.Generic.List[string]
foreach ($name in $Task) {
    $needs = switch ($name) {
        'Build' { @('Build') }
        'Docs' { @('Docs') }
        'Test' { @('Build', 'Test') }
        'Pester' { @('Build', 'Pester') }
        'Package' { @('Docs', 'Package') }
        'Demo' { @('Build', 'Demo') }
    }
    foreach ($step in $needs) {
        if ($wantsDocs -and $step -eq 'Build') { $step = 'Docs' }
        if (-not $plan.Contains($step)) { $plan.Add($step) }
    }
}

foreach ($step in $plan) {
    switch ($step) {
        'Build' { Invoke-BuildTask $false }
        'Docs' { Invoke-BuildTask $true }
        'Test' { Invoke-TestTask }
        'Pester' { Invoke-PesterTask }
        'Package' { Invoke-PackageTask }
        'Demo' { Invoke-DemoTask }
    }
}
