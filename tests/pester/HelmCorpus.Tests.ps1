# Expand-MeshChart against Helm 4.1.4 on the public chart corpus (../shared/helm-corpus, read in place; see its
# README): one test per row of cases.tsv. The helm arguments of a case are turned into Expand-MeshChart
# parameters; the output must be byte-identical to Helm's stdout, match by kind/namespace/name for a `random` case,
# and an expected failure must fail with Helm's message. All cases render in this one session.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'HelmCorpus.ps1')
    $script:CorpusRoot = Join-Path $SharedRoot 'helm-corpus'
    $script:HasCorpus = Test-Path (Join-Path $CorpusRoot 'cases.tsv')
    # One placeholder that reports the skip and its reason when the corpus is absent.
    $script:MissingCorpus = if ($HasCorpus) { @() } else { @(@{ Reason = "$CorpusRoot is not beside this checkout (charts and Helm 4.1.4 outputs); CI has it" }) }
    $script:Cases = if ($HasCorpus) { @(Read-CorpusCases $CorpusRoot) } else { @() }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $MeshOpsModule -Force
    . (Join-Path $PSScriptRoot 'HelmCorpus.ps1')
    $script:CorpusRoot = Join-Path $SharedRoot 'helm-corpus'
}

Describe 'Expand-MeshChart renders the Helm corpus as Helm 4.1.4' {
    It 'needs ../shared/helm-corpus' -ForEach $MissingCorpus {
        Set-ItResult -Skipped -Because $Reason
    }

    It '<id> (<Mode>)' -ForEach $Cases {
        $Case = $_
        switch ($Mode) {
            'identical' {
                $warnings = $null
                $actual = Invoke-Case $Case ([ref]$warnings)
                $actual | Should -BeExactly (Read-Expected $id 'yaml')
                # Helm's log lines (coalesce warnings) are written as warnings, once each.
                @($warnings) | Should -Be @(Get-HelmLogMessages (Read-Expected $id 'stderr'))
            }
            'random' {
                $actual = Invoke-Case $Case
                $expected = @(Get-ObjectKeys (Read-Expected $id 'yaml'))
                # Every object of Helm's output has a key, so an empty comparison cannot pass by accident.
                $expected.Count | Should -Be ([int]$objects)
                @(Get-ObjectKeys $actual) | Should -Be $expected
            }
            'error' {
                $failure = $null
                try { $null = Invoke-Case $Case } catch { $failure = $_ }
                $failure | Should -Not -BeNullOrEmpty -Because 'Helm refuses this case'
                $failure.Exception.Message | Should -BeExactly (Get-HelmMessage (Read-Expected $id 'stderr'))
            }
            default { throw "unknown case mode '$Mode'" }
        }
    }
}
