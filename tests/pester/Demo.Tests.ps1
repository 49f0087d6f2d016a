# The demo (examples/Demo.ps1, what `./build.ps1 -Task Demo` runs) as a user sees it: it runs, and what it shows
# fits an 80-column terminal, tables included (a header too wide wraps onto a second line).

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $Emulator = Start-TestEmulator
    $Repo = Get-TestRepoRoot
    $saved = $env:NO_COLOR
    $env:NO_COLOR = '1'   # plain text, as a log file gets it: no escape sequences in the widths
    try {
        $Output = @(& (Get-TestShell) -NoProfile -NonInteractive -File (Join-Path $Repo 'examples/Demo.ps1') -ModulePath (Get-TestModuleManifest) -BaseUri $Emulator.BaseUri -UsageCsv (Join-Path $Repo 'examples/usage.csv') 2>&1 | ForEach-Object { "$_" })
        $ExitCode = $LASTEXITCODE
    }
    finally {
        $env:NO_COLOR = $saved
    }
    $Lines = @($Output | ForEach-Object { $_ -split "`r?`n" })
}

AfterAll {
    if ($Emulator) { Stop-TestEmulator $Emulator }
}

Describe 'The demo' {
    It 'runs to the end' {
        $ExitCode | Should -Be 0 -Because ($Output -join "`n")
        $Lines | Should -Contain 'PS> Disconnect-Cloudthread'
        ($Lines -join "`n") | Should -Not -Match 'ct-demo-api-key|ct-demo-stream-token'
    }

    It 'shows no line wider than 80 columns' {
        $wide = @($Lines | Where-Object { $_.TrimEnd().Length -gt 80 })
        $wide | Should -BeNullOrEmpty
    }

    It 'shows every table with its headers on one line' {
        $tables = 0
        for ($i = 2; $i -lt $Lines.Count; $i++) {
            if ($Lines[$i] -match '^-+( +-+)*\s*$') {
                $tables++
                $Lines[$i - 2].Trim() | Should -BeNullOrEmpty -Because "the header above line $i must be one line: '$($Lines[$i - 2])' / '$($Lines[$i - 1])'"
            }
        }
        $tables | Should -BeGreaterOrEqual 5
    }
}
