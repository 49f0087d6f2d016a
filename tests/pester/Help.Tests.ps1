# The help pages (docs/en-US, PlatyPS 1.0 markdown): every example's code parses, and, when the built help
# (en-US/Cloudthread.PowerShell.dll-Help.xml next to the imported module) exists, Get-Help shows each page's
# synopsis and examples. The pages' agreement with the cmdlets' declarations is checked by the xunit drift
# check (tests/Cloudthread.PowerShell.Tests/Help).

BeforeDiscovery {
    $helpFolder = Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'docs/en-US'
    $pages = @(Get-ChildItem -Path $helpFolder -Filter '*.md' -File |
        Where-Object { $_.Name -ne 'Cloudthread.md' -and $_.Name -notlike 'about_*' } |
        Sort-Object -Property Name)

    $Examples = foreach ($page in $pages) {
        $text = (Get-Content -LiteralPath $page.FullName -Raw) -replace "`r`n", "`n"
        $blocks = [regex]::Matches($text, '(?ms)^```powershell\n(?<code>.*?)^```')
        for ($i = 0; $i -lt $blocks.Count; $i++) {
            @{ Page = $page.Name; Index = $i + 1; Code = $blocks[$i].Groups['code'].Value }
        }
    }

    $Cmdlets = foreach ($page in $pages) {
        $text = (Get-Content -LiteralPath $page.FullName -Raw) -replace "`r`n", "`n"
        $synopsis = [regex]::Match($text, '(?ms)^## SYNOPSIS\n(?<text>.*?)^## ').Groups['text'].Value.Trim()
        @{ Name = $page.BaseName; Synopsis = $synopsis }
    }
}

Describe 'Help page examples' {
    It 'has examples to check' {
        # Guards the data-driven tests below: no pages (a wrong path) must fail, not pass silently.
        @(Get-ChildItem -Path (Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'docs/en-US') -Filter '*-*.md').Count |
            Should -BeGreaterThan 10
    }

    It 'code block <Index> of <Page> parses' -ForEach $Examples {
        $tokens = $null
        $parseErrors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $tokens, [ref] $parseErrors)
        $messages = @($parseErrors | ForEach-Object { "line $($_.Extent.StartLineNumber): $($_.Message)" })
        $messages -join "`n" | Should -BeNullOrEmpty -Because "the examples of $Page are shown by Get-Help and must be valid PowerShell"
    }
}

Describe 'Built help' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        Import-TestModule
        $module = Get-Module -Name Cloudthread
        $HelpFile = Join-Path $module.ModuleBase 'en-US/Cloudthread.PowerShell.dll-Help.xml'
    }

    It 'Get-Help <Name> shows the synopsis and the examples of its page' -ForEach $Cmdlets {
        if (-not (Test-Path -LiteralPath $HelpFile)) {
            Set-ItResult -Skipped -Because "the built help $HelpFile does not exist (build.ps1 -Task Docs makes it)"
            return
        }

        $help = Get-Help -Name $Name -Full
        ($help.Synopsis -replace '\s+', ' ').Trim() | Should -Be (($Synopsis -replace '\s+', ' ').Trim())
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        # PlatyPS versions differ in what goes to <dev:code> and what to the remarks: check the rendered text.
        @($help.examples.example) | Out-String -Width 500 | Should -Match ([regex]::Escape($Name))
    }
}
