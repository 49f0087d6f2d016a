<#
.SYNOPSIS
    The one summary line of a CI run: "N passed, N failed, N skipped", every test counted once.

.DESCRIPTION
    Reads the xunit TRX files and Pester's pester.xml (NUnit 3) in -ResultsPath. The Pester bridge test
    (PesterSuiteTests.The_Pester_suites_pass) is replaced by the Pester tests it ran, one by one, when Pester wrote
    its results; otherwise it counts as the one test it is. Lists each failed and skipped test with its reason.
    Exits 1 when any test failed or none ran.
#>
param(
    [Parameter(Mandatory)] [string] $ResultsPath,
    # Outcomes of steps that are not test runners (the demo): name=exit code.
    [string[]] $Step = @()
)

$ErrorActionPreference = 'Stop'
# Never end without the summary line: a broken results file is a failure, said as one.
trap { Write-Host "The test results could not be read: $_"; Write-Host '0 passed, 1 failed'; exit 1 }
$bridgeName = 'Cloudthread.PowerShell.Tests.PesterSuiteTests.The_Pester_suites_pass'
$passed = 0; $failed = 0; $skipped = 0
$failures = [System.Collections.Generic.List[string]]::new()
$skips = [System.Collections.Generic.List[string]]::new()
$pesterFile = Join-Path $ResultsPath 'pester.xml'
$pesterRan = Test-Path -LiteralPath $pesterFile

$trxFiles = @(Get-ChildItem -LiteralPath $ResultsPath -Filter '*.trx' -ErrorAction Ignore)
foreach ($trx in $trxFiles) {
    $xml = [xml](Get-Content -Raw -LiteralPath $trx.FullName)
    foreach ($result in $xml.TestRun.Results.UnitTestResult) {
        if ($pesterRan -and $result.testName -eq $bridgeName) { continue }
        $message = $result.Output.ErrorInfo.Message
        switch ($result.outcome) {
            'Passed' { $passed++ }
            'NotExecuted' { $skipped++; $skips.Add("$($result.testName): $message") }
            default { $failed++; $failures.Add("$($result.testName) ($($result.outcome)): $(($message -split "`n")[0])") }
        }
    }
}

if ($pesterRan) {
    $xml = [xml](Get-Content -Raw -LiteralPath $pesterFile)
    foreach ($case in $xml.SelectNodes('//test-case')) {
        $file = $case.SelectSingleNode('ancestor::test-suite[@type="Assembly"]').name
        $name = "pester ${file}: $($case.fullname)"
        switch ($case.result) {
            'Passed' { $passed++ }
            'Skipped' { $skipped++; $skips.Add("${name}: $(($case.reason.message.InnerText) -replace '^Exception: is skipped, because ', '')") }
            default { $failed++; $failures.Add("${name}: $((($case.failure.message.InnerText) -split "`n")[0])") }
        }
    }
    # A file or block that failed outside any test (BeforeAll, discovery) has no test-case of its own.
    foreach ($suite in $xml.SelectNodes('//test-suite[@result="Failed" and not(.//test-case[@result="Failed"])]')) {
        $failed++
        $failures.Add("pester $($suite.fullname): failed outside its tests (setup or discovery)")
    }
}

foreach ($entry in $Step) {
    $name, $code = $entry -split '=', 2
    if ($code -eq '0') { $passed++ } else { $failed++; $failures.Add("${name}: exit code $code") }
}

if ($trxFiles.Count -eq 0) { $failed++; $failures.Add('no xunit results were written') }
foreach ($line in $failures) { Write-Host "failed: $line" }
foreach ($line in $skips) { Write-Host "skipped: $line" }
Write-Host "$passed passed, $failed failed, $skipped skipped"
if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
