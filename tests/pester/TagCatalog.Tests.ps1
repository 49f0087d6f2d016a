# Get-CtTagCatalog: one or more catalog keys, by parameter or pipeline.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-TestModule
    $Emulator = Start-TestEmulator
    Connect-TestEmulator $Emulator
}

AfterAll {
    Disconnect-Cloudthread
    Stop-TestEmulator $Emulator
}

Describe 'Get-CtTagCatalog' {
    It 'gets the tags of a catalog as TagCatalogEntry objects' {
        $tags = Get-CtTagCatalog -CatalogKey 'environment'
        $tags | Should -HaveCount 3
        $tags | Assert-TypeName 'Cloudthread.Client.Models.TagCatalogEntry'
        $tags.CatalogKey | Sort-Object -Unique | Should -Be 'environment'
        $tags.Key | Sort-Object -Unique | Should -Be 'environment'
        $tags.Value | Sort-Object | Should -Be @('development', 'production', 'staging')
    }

    It 'takes keys positionally and from the pipeline' {
        (Get-CtTagCatalog 'cost-center').Value | Sort-Object | Should -Be @('cc-100', 'cc-200')
        $tags = 'environment', 'cost-center' | Get-CtTagCatalog
        $tags | Should -HaveCount 5
        ($tags | Group-Object CatalogKey).Name | Sort-Object | Should -Be @('cost-center', 'environment')
    }

    It 'binds CatalogKey by property name' {
        $tags = [pscustomobject]@{ CatalogKey = 'cost-center' } | Get-CtTagCatalog
        $tags | Should -HaveCount 2
    }

    It 'reports an unknown key as CatalogNotFound and goes on with the others' {
        $tags = 'nope', 'environment' | Get-CtTagCatalog -ErrorVariable err -ErrorAction SilentlyContinue
        $tags | Should -HaveCount 3
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be (Get-ExpectedErrorId 'CatalogNotFound' 'GetCtTagCatalogCommand')
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'nope'
    }

    It 'shows a table with the catalog key' {
        (Get-CtTagCatalog environment | Format-Table | Out-String) | Should -Match 'CatalogKey'
    }
}
