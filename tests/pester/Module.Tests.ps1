# The module as shipped: manifest, layout, dependency isolation, packaging.
# Run by ./build.ps1 -Task Test against out/Cloudthread/<version>/ ($env:CLOUDTHREAD_TEST_MODULE);
# the layout, isolation and package tests need that built layout and are skipped on a bare dotnet build.

BeforeDiscovery {
    function Get-ModuleUnderTest {
        # Same order as Import-TestModule in Common.ps1.
        if ($env:CLOUDTHREAD_TEST_MODULE) { return $env:CLOUDTHREAD_TEST_MODULE }
        $repoRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
        $built = @(Get-ChildItem -Path (Join-Path $repoRoot 'out/Cloudthread/*/Cloudthread.psd1') -ErrorAction Ignore |
            Sort-Object LastWriteTimeUtc -Descending)
        if ($built.Count -gt 0) { return $built[0].FullName }
        return Join-Path $repoRoot 'src/Cloudthread.PowerShell/bin/Debug/netstandard2.0/Cloudthread.psd1'
    }
    $manifestUnderTest = Get-ModuleUnderTest
    $isBuiltLayout = Test-Path -LiteralPath (Join-Path (Split-Path -Parent $manifestUnderTest) 'Dependencies')
    $canPublish = [bool](Get-Command Publish-PSResource -ErrorAction SilentlyContinue)
    if ($env:CLOUDTHREAD_TEST_STRICT -eq '1' -and -not ($isBuiltLayout -and $canPublish)) {
        # CI runs everything: the layout, isolation and package tests must not be skipped there.
        throw "CLOUDTHREAD_TEST_STRICT=1, but the module under test ($manifestUnderTest) is not the built layout (build.ps1) or Publish-PSResource is missing."
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $RepoRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $ManifestPath = if ($env:CLOUDTHREAD_TEST_MODULE) {
        $env:CLOUDTHREAD_TEST_MODULE
    }
    else {
        $built = @(Get-ChildItem -Path (Join-Path $RepoRoot 'out/Cloudthread/*/Cloudthread.psd1') -ErrorAction Ignore | Sort-Object LastWriteTimeUtc -Descending)
        if ($built.Count -gt 0) { $built[0].FullName } else { Join-Path $RepoRoot 'src/Cloudthread.PowerShell/bin/Debug/netstandard2.0/Cloudthread.psd1' }
    }
    $ModuleDirectory = Split-Path -Parent $ManifestPath
    $Manifest = Import-PowerShellDataFile -LiteralPath $ManifestPath
    $Shell = Get-TestShell
}

Describe 'The manifest' {
    It 'passes Test-ModuleManifest without errors or warnings' {
        $warnings = $null
        $info = Test-ModuleManifest -Path $ManifestPath -ErrorAction Stop -WarningVariable warnings -WarningAction SilentlyContinue
        $info.Name | Should -Be 'Cloudthread'
        $warnings | Should -BeNullOrEmpty
    }

    It 'carries the version of Directory.Build.props' -Skip:(-not $isBuiltLayout) {
        # build.ps1 stamps it; a bare dotnet build copies the source manifest as it is.
        $props = [xml](Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'Directory.Build.props'))
        $Manifest.ModuleVersion | Should -Be $props.SelectSingleNode('/Project/PropertyGroup/Version').InnerText.Trim()
    }

    It 'supports Windows PowerShell 5.1 and PowerShell 7' {
        $Manifest.CompatiblePSEditions | Should -Contain 'Desktop'
        $Manifest.CompatiblePSEditions | Should -Contain 'Core'
        $Manifest.PowerShellVersion | Should -Be '5.1'
    }

    It 'lists its exports explicitly, without wildcards' {
        foreach ($key in 'CmdletsToExport', 'AliasesToExport', 'FunctionsToExport', 'VariablesToExport') {
            $Manifest.ContainsKey($key) | Should -BeTrue -Because "$key must be explicit"
            @($Manifest[$key]) -join ',' | Should -Not -Match '\*' -Because "$key must not use wildcards"
        }
        @($Manifest.CmdletsToExport).Count | Should -BeGreaterThan 0
    }

    It 'exports exactly the cmdlets the assembly defines' {
        $module = Import-Module $ManifestPath -Force -PassThru
        try {
            $exported = @($module.ExportedCmdlets.Keys | Sort-Object)
            $exported | Should -Be @($Manifest.CmdletsToExport | Sort-Object)
        }
        finally {
            Remove-Module Cloudthread -Force -ErrorAction Ignore
        }
    }

    It 'processes its format file, which exists' {
        @($Manifest.FormatsToProcess) | Should -Contain 'Cloudthread.format.ps1xml'
        Join-Path $ModuleDirectory 'Cloudthread.format.ps1xml' | Should -Exist
    }

    It 'has the Gallery metadata' {
        $psData = $Manifest.PrivateData.PSData
        @($psData.Tags).Count | Should -BeGreaterThan 0
        $psData.Tags | Should -Contain 'PSEdition_Desktop'
        $psData.Tags | Should -Contain 'PSEdition_Core'
        $psData.ProjectUri | Should -Match '^https://'
        $psData.LicenseUri | Should -Match '^https://'
        $psData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }
}

Describe 'The built layout' -Skip:(-not $isBuiltLayout) {
    It 'keeps the client and its dependencies out of the module root' {
        foreach ($name in 'Cloudthread.Client.dll', 'System.Text.Json.dll', 'Microsoft.Extensions.Http.dll') {
            Join-Path $ModuleDirectory $name | Should -Not -Exist
            Join-Path (Join-Path $ModuleDirectory 'Dependencies') $name | Should -Exist
        }
    }

    It 'ships the cmdlet and isolation assemblies in the root' {
        Join-Path $ModuleDirectory 'Cloudthread.PowerShell.dll' | Should -Exist
        Join-Path $ModuleDirectory 'Cloudthread.PowerShell.Isolation.dll' | Should -Exist
    }

    It 'imports in a fresh process, the isolation nested module first, and shows cmdlet syntax that needs client types' {
        # PowerShell loads the cmdlet types (whose parameters use client enums) before a RootModule's initializer runs,
        # so the resolver must come from the nested module: only a fresh import proves it.
        $script = "Import-Module '$($ManifestPath.Replace("'", "''"))' -ErrorAction Stop; " +
            "(Get-Module Cloudthread).NestedModules.Name; " +
            "(Get-Command Get-CtMetric).Parameters['Granularity'].ParameterType.FullName"
        $output = & $Shell -NoProfile -NonInteractive -Command $script
        $LASTEXITCODE | Should -Be 0
        $output | Should -Contain 'Cloudthread.PowerShell.Isolation'
        $output | Should -Contain 'Cloudthread.Client.Models.MetricGranularity'
    }
}

Describe 'Dependency isolation' -Skip:(-not $isBuiltLayout) {
    BeforeAll {
        # Other versions of our dependencies (6.0, older than the 8.x we ship), as another module would bring.
        $conflictDirectory = Join-Path $TestDrive 'conflict'
        $fixture = Join-Path $RepoRoot 'tests/fixtures/ConflictingDependencies/ConflictingDependencies.csproj'
        & dotnet publish $fixture -c Release -o $conflictDirectory --nologo | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "dotnet publish of the conflict fixture failed ($LASTEXITCODE)." }
        $Emulator = Start-TestEmulator

        # A fresh process: the conflicting assemblies must be loaded before Cloudthread ever was.
        $probe = Join-Path $RepoRoot 'tests/fixtures/ConflictingDependencies/Invoke-IsolationProbe.ps1'
        $probeOutput = & $Shell -NoProfile -NonInteractive -File $probe -ModulePath $ManifestPath -ConflictDirectory $conflictDirectory -BaseUri $Emulator.BaseUri -DemoApiKey $Emulator.ApiKey
        $ProbeExitCode = $LASTEXITCODE
        $ProbeResult = @($probeOutput)[-1] | ConvertFrom-Json   # the probe writes one compressed JSON line, last
    }

    AfterAll {
        if ($Emulator) { Stop-TestEmulator $Emulator }
    }

    It 'imports and runs a cmdlet after other versions of System.Text.Json and Microsoft.Extensions.Http were loaded' {
        $ProbeExitCode | Should -Be 0
        $result = $ProbeResult

        $result.Error | Should -BeNullOrEmpty
        # The precondition: the other Microsoft.Extensions.Http really was in the session first.
        $result.PreloadedVersions.'Microsoft.Extensions.Http' | Should -Match '^6\.'
        if ($result.Edition -eq 'Desktop') {
            $result.PreloadedVersions.'System.Text.Json' | Should -Match '^6\.'
        }
        # And the module still works.
        $result.UserIds | Should -Contain 'u-1001'
        if ($result.Edition -eq 'Desktop') {
            # Windows PowerShell 5.1 (not run here): on our own copies, loaded only for our own requests.
            $result.ClientJsonVersion | Should -Match '^8\.'
        }
    }

    It 'on PowerShell 7, loads privately only what the runtime lacks or has older, in a named context' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        $result = $ProbeResult
        $result.Error | Should -BeNullOrEmpty

        $result.ClientLoadContext | Should -Be 'Cloudthread.PowerShell.Isolation.DependencyLoadContext'
        $result.ClientContextName | Should -Be 'Cloudthread'
        # The client's Span, Memory and ValueTask are the session's types, not same-named private copies.
        $result.RuntimeTypes.Span | Should -BeTrue
        $result.RuntimeTypes.Memory | Should -BeTrue
        $result.RuntimeTypes.ValueTask | Should -BeTrue
        foreach ($polyfill in $result.FromRuntime.PSObject.Properties) {
            $polyfill.Value | Should -BeTrue -Because "$($polyfill.Name) is provided by the runtime"
        }
        # The runtime's System.Text.Json is newer than our 8.x: the runtime's is used.
        $result.ClientJsonFromRuntime | Should -BeTrue
        # PowerShell does not carry Microsoft.Extensions.Http: ours (8.x), privately, beside the preloaded 6.0.
        $result.ClientHttpVersion | Should -Match '^8\.'
        $result.PrivateAssemblies | Should -Contain 'Cloudthread.Client'
        $result.PrivateAssemblies | Should -Contain 'Microsoft.Extensions.Http'
        $result.PrivateAssemblies | Where-Object { $_ -notmatch '^(Cloudthread\.Client|Microsoft\.Extensions\..+)$' } | Should -BeNullOrEmpty
    }
}

Describe 'The package' -Skip:(-not ($isBuiltLayout -and $canPublish)) {
    BeforeAll {
        $repositoryName = 'CloudthreadTest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $repositoryPath = Join-Path $TestDrive 'repository'
        $staging = Join-Path (Join-Path $TestDrive 'staging') 'Cloudthread'
        New-Item -ItemType Directory -Path $repositoryPath, $staging -Force | Out-Null
        Copy-Item -Path (Join-Path $ModuleDirectory '*') -Destination $staging -Recurse
        Register-PSResourceRepository -Name $repositoryName -Uri $repositoryPath -Trusted
    }

    AfterAll {
        Unregister-PSResourceRepository -Name $repositoryName -ErrorAction Ignore
    }

    It 'publishes to a local repository, installs from it and imports' {
        Publish-PSResource -Path $staging -Repository $repositoryName
        $nupkg = @(Get-ChildItem -LiteralPath $repositoryPath -Filter 'Cloudthread.*.nupkg')
        $nupkg.Count | Should -Be 1

        # Save-PSResource runs the same find, download and extract as Install-PSResource, into a folder of
        # ours instead of the user's module path, so the test leaves nothing installed behind.
        $installRoot = Join-Path $TestDrive 'installed'
        New-Item -ItemType Directory -Path $installRoot -Force | Out-Null
        Save-PSResource -Name Cloudthread -Repository $repositoryName -Path $installRoot -TrustRepository
        $installedManifest = Join-Path (Join-Path (Join-Path $installRoot 'Cloudthread') $Manifest.ModuleVersion) 'Cloudthread.psd1'
        $installedManifest | Should -Exist
        Join-Path (Join-Path (Split-Path -Parent $installedManifest) 'Dependencies') 'Cloudthread.Client.dll' | Should -Exist

        # Import in a fresh process, by name through PSModulePath, as a user would; and its help is there.
        $separator = [System.IO.Path]::PathSeparator
        $command = "`$env:PSModulePath = '$installRoot' + '$separator' + `$env:PSModulePath; " +
            "Import-Module Cloudthread -RequiredVersion $($Manifest.ModuleVersion) -ErrorAction Stop; " +
            "(Get-Command -Module Cloudthread).Count; (Get-Help Send-CtCustomData).Synopsis; @(Get-Help about_Cloudthread).Count"
        $output = @(& $Shell -NoProfile -NonInteractive -Command $command)
        $LASTEXITCODE | Should -Be 0
        [int]$output[0] | Should -Be @($Manifest.CmdletsToExport).Count
        $pageSynopsis = [regex]::Match((Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'docs/en-US/Send-CtCustomData.md')), '(?ms)^## SYNOPSIS\r?\n(?<text>.*?)^## ').Groups['text'].Value.Trim()
        $output[1] | Should -Be $pageSynopsis -Because 'the installed module carries its help'
        [int]$output[2] | Should -Be 1 -Because 'about_Cloudthread is installed with the module'
    }
}

Describe 'Child shells' {
    It 'are started from $PSHOME, which is this same PowerShell even under the .NET tool' {
        # Under the PowerShell .NET tool the process is `dotnet`: the process path would not start a shell.
        $Shell | Should -Exist
        (Split-Path -Parent $Shell) | Should -Be $PSHOME
        $childVersion = & $Shell -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString(); $PSHOME'
        $LASTEXITCODE | Should -Be 0
        $childVersion[0] | Should -Be $PSVersionTable.PSVersion.ToString()
        $childVersion[1] | Should -Be $PSHOME
    }

    It 'never come from the process path in build.ps1, the tests or the benchmark' {
        $scripts = @(Get-ChildItem -Path (Join-Path $RepoRoot 'build.ps1'), (Join-Path $RepoRoot 'tests/pester/*.ps1'), (Join-Path $RepoRoot 'bench/*.ps1'), (Join-Path $RepoRoot 'examples/*.ps1'))
        $offenders = $scripts | Select-String -Pattern 'Get-Process\s+-Id\s+\$PID\)\.Path|ProcessPath' | Where-Object { $_.Line -notmatch '^\s*#' -and $_.Path -notlike '*Module.Tests.ps1' }
        $offenders | Should -BeNullOrEmpty
    }
}

Describe 'The emulator tool package' {
    It 'declares the cloudthread-emulator command' {
        # What ./build.ps1 -Task Package packs, packed here into the test drive.
        $packageOut = Join-Path $TestDrive 'emulator-package'
        & dotnet pack (Join-Path $RepoRoot 'src/Cloudthread.Emulator/Cloudthread.Emulator.csproj') -c Release -o $packageOut --nologo | Out-Null
        $LASTEXITCODE | Should -Be 0
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $package = Get-ChildItem -Path (Join-Path $packageOut 'Cloudthread.Emulator.*.nupkg') | Select-Object -First 1
        $package | Should -Not -BeNullOrEmpty
        $zip = [System.IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $entry = $zip.Entries | Where-Object { $_.FullName -like 'tools/*/any/DotnetToolSettings.xml' } | Select-Object -First 1
            $entry | Should -Not -BeNullOrEmpty
            $reader = New-Object System.IO.StreamReader($entry.Open())
            try { $settings = [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
            $settings.DotNetCliTool.Commands.Command.Name | Should -Be 'cloudthread-emulator'
        }
        finally {
            $zip.Dispose()
        }
    }
}
