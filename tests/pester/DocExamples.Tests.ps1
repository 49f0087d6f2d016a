# Every code block of README.md and every example of the cmdlet help pages (docs/en-US/*.md) that runs
# against the API is run here, against the emulator, in a sandbox folder. Files an example reads are made
# from the comment that shows them ("# events.csv:" then "# <line>" lines); a block that cannot run against
# the emulator is named below with the reason. An error an example does not handle fails its test.

BeforeDiscovery {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    # What cannot run against the emulator, by what the block does.
    $notRunnable = [ordered]@{
        'Install-PSResource|Install-Module|Register-PSResourceRepository' = 'installs from a gallery'
        '(^|\s)dotnet |cloudthread-emulator|\./build\.ps1'               = 'builds or starts processes'
        'Set-Secret|-Vault'                                              = 'needs a SecretManagement vault'
        '~/'                                                             = "reads a file in the user's home folder"
        '^\s*(\S+\s+){0,1}[A-Za-z]+\s+(Build|Test|Docs|Package|Demo)\b'  = 'a build task listing'
    }
    $blocks = [System.Collections.Generic.List[hashtable]]::new()
    $sources = @(Get-Item (Join-Path $root 'README.md')) + @(Get-ChildItem (Join-Path $root 'docs/en-US') -Filter '*-*.md')
    foreach ($file in $sources) {
        $text = Get-Content -Raw -LiteralPath $file.FullName
        if ($file.Name -ne 'README.md') {
            $start = $text.IndexOf('## EXAMPLES'); $end = $text.IndexOf('## PARAMETERS')
            if ($start -lt 0 -or $end -lt 0) { continue }
            $text = $text.Substring($start, $end - $start)
        }
        $index = 0
        # Files shown in one example (events.csv) are read by later ones of the same page.
        $page = $text
        foreach ($match in [regex]::Matches($text, '(?s)```powershell\r?\n(.*?)```')) {
            $index++
            $code = $match.Groups[1].Value
            $reason = $notRunnable.Keys | Where-Object { $code -match "(?m)$_" } | ForEach-Object { $notRunnable[$_] } | Select-Object -First 1
            $blocks.Add(@{ Name = "$($file.Name) block $index"; Code = $code; Page = $page; Skip = [bool]$reason; Reason = $reason })
        }
    }
    $script:Blocks = $blocks
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-TestModule
    $Emulator = Start-TestEmulator
    $SavedEnvironment = Clear-CloudthreadEnvironment
    # As a user's machine would be set up: the key, token and base URI in the environment (the emulator's).
    $env:CLOUDTHREAD_API_KEY = $Emulator.ApiKey
    $env:CLOUDTHREAD_DATA_STREAM_TOKEN = $Emulator.DataStreamToken
    $env:CLOUDTHREAD_BASE_URI = $Emulator.BaseUri
    $Repo = Get-TestRepoRoot
    # Parallel runspaces and jobs in the examples import the module by name, as an installed module is.
    $SavedModulePath = $env:PSModulePath
    $env:PSModulePath = (Split-Path -Parent (Split-Path -Parent (Get-Module Cloudthread).ModuleBase)) + [System.IO.Path]::PathSeparator + $env:PSModulePath

    # Read-Host -AsSecureString at a prompt: here it answers the emulator's key (a function wins over the cmdlet).
    function global:Read-Host {
        param([Parameter(Position = 0)] $Prompt, [switch] $AsSecureString)
        ConvertTo-SecureString $env:CLOUDTHREAD_API_KEY -AsPlainText -Force
    }

    function New-ExampleSandbox {
        param([string] $Page)
        $sandbox = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path (Join-Path $sandbox 'exports') -Force | Out-Null
        Copy-Item (Join-Path $Repo 'examples/usage.csv') (Join-Path $sandbox 'usage.csv')
        Copy-Item (Join-Path $Repo 'examples/usage.csv') (Join-Path $sandbox 'requests.csv')
        Copy-Item (Join-Path $Repo 'examples/usage.csv') (Join-Path $sandbox 'exports/usage-1.csv')
        # The teams file a team keeps in git (teams as code): the organisation as the emulator has it.
        Export-CtTeam -Path (Join-Path $sandbox 'teams.json')
        # "# name.csv:" then "# line" comment lines: the file the example reads.
        foreach ($shown in [regex]::Matches($Page, '(?m)^# (?<name>[\w.-]+\.csv):\r?\n(?<lines>(?:# .*\r?\n)+)')) {
            $lines = $shown.Groups['lines'].Value -split '\r?\n' | Where-Object { $_ } | ForEach-Object { $_.Substring(2) }
            Set-Content -LiteralPath (Join-Path $sandbox $shown.Groups['name'].Value) -Value $lines
        }
        $sandbox
    }
}

AfterAll {
    Remove-Item function:global:Read-Host -ErrorAction Ignore
    $env:PSModulePath = $SavedModulePath
    Disconnect-Cloudthread
    Restore-CloudthreadEnvironment $SavedEnvironment
    Stop-TestEmulator $Emulator
}

Describe 'Documented examples' {
    It '<Name> runs against the emulator' -ForEach $Blocks {
        if ($Skip) { Set-ItResult -Skipped -Because $Reason; return }
        Reset-TestEmulator $Emulator
        Connect-Cloudthread | Out-Null
        $sandbox = New-ExampleSandbox -Page $Page
        Push-Location $sandbox
        try {
            # As a runbook: unhandled errors stop the example, nothing prompts.
            $ErrorActionPreference = 'Stop'
            $ConfirmPreference = 'None'
            $key = ConvertTo-SecureString $Emulator.ApiKey -AsPlainText -Force
            $other = $key
            $token = ConvertTo-SecureString $Emulator.DataStreamToken -AsPlainText -Force
            $report = Join-Path $sandbox 'usage.csv'
            $rows = Import-Csv (Join-Path $sandbox 'usage.csv')
            # The help's local emulator address is this test's emulator.
            $null = & ([scriptblock]::Create($Code.Replace('http://127.0.0.1:5080', $Emulator.BaseUri))) *>&1
        }
        finally {
            Pop-Location
        }
    }
}

Describe 'Properties the examples sort by' {
    # Sort-Object by a property the objects lack sorts nothing and says nothing: check the names instead.
    It 'exist on the savings opportunities the README and the demo sort' {
        Connect-Cloudthread | Out-Null
        $opportunity = Get-CtSavingsOpportunity | Select-Object -First 1
        $texts = @(Get-Content -Raw (Join-Path $Repo 'README.md'), (Join-Path $Repo 'examples/Demo.ps1'))
        $sorted = [regex]::Matches(($texts -join "`n"), 'Get-CtSavingsOpportunity[^|\r\n]*\|\s*Sort-Object\s+(?:-Property\s+)?(?<name>\w+)') | ForEach-Object { $_.Groups['name'].Value }
        $sorted | Should -Not -BeNullOrEmpty
        foreach ($name in $sorted) { $opportunity.PSObject.Properties.Name | Should -Contain $name }
    }
}
