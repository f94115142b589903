# -AsObject on Export-MeshManifest and Expand-MeshChart: one object per manifest whose Yaml, joined with the
# separators the text output has, gives that text back byte for byte.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'HelmCorpus.ps1')
    $script:CorpusRoot = Join-Path $SharedRoot 'helm-corpus'
    $script:HasCorpus = Test-Path (Join-Path $CorpusRoot 'cases.tsv')
    # Every corpus case Helm renders the same each time, except --output-dir (files, not text).
    $script:CorpusCases = if ($HasCorpus) {
        @(Read-CorpusCases $CorpusRoot | Where-Object { $_.Mode -eq 'identical' -and $_['args'] -notmatch '--output-dir' })
    } else { @() }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $MeshOpsModule -Force
    . (Join-Path $PSScriptRoot 'HelmCorpus.ps1')
    $script:CorpusRoot = Join-Path $SharedRoot 'helm-corpus'

    function Join-AfterEach($Objects) { -join @($Objects | ForEach-Object { $_.Yaml + "---`n" }) }
    function Join-BeforeEach($Objects) { -join @($Objects | ForEach-Object { "---`n" + $_.Yaml }) }
}

Describe 'Export-MeshManifest -AsObject' -Skip:(-not $HasShared) {
    It 'gives back the text output for <Name>' -ForEach @(
        @{ Name = 'the minimal profile'; Parameters = @{ Profile = 'minimal' } }
        @{ Name = 'the demo profile with a revision'; Parameters = @{ Profile = 'demo'; Revision = 'canary' } }
        @{ Name = 'the seed file in its namespace'; Parameters = @{ Path = (Join-Path $RepoRoot 'examples/my-config.yaml'); Namespace = 'istio-1-18-5' } }
    ) {
        # ../shared's copy names development images, which each render warns about.
        $common = @{ ManifestsPath = $ReleaseManifests; Version = $ReleaseVersion; WarningAction = 'SilentlyContinue' }
        $text = Export-MeshManifest @Parameters @common
        $objects = @(Export-MeshManifest @Parameters @common -AsObject)
        $objects.Count | Should -BeGreaterThan 1
        $objects | ForEach-Object { $_ | Should -BeOfType ([MeshOps.MeshManifestObject]) }
        Join-AfterEach $objects | Should -BeExactly $text
    }

    It 'names each object by kind, namespace, name, component and apiVersion' {
        $objects = @(Export-MeshManifest -Profile minimal -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -AsObject -WarningAction SilentlyContinue)
        $istiod = @($objects | Where-Object { $_.Kind -eq 'Deployment' -and $_.Name -eq 'istiod' })
        $istiod.Count | Should -Be 1
        $istiod[0].Namespace | Should -Be 'istio-system'
        $istiod[0].Component | Should -Be 'Pilot'
        $istiod[0].ApiVersion | Should -Be 'apps/v1'
        $istiod[0].Yaml | Should -Match '(?m)^kind: Deployment$'
        ($objects | Where-Object Kind -EQ 'CustomResourceDefinition').Component | Select-Object -Unique | Should -Be 'Base'
        ($objects | Group-Object Kind).Name | Should -Contain 'ConfigMap'
    }

    It 'shows as a table that fits 120 columns' {
        $objects = Export-MeshManifest -Profile minimal -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -AsObject -WarningAction SilentlyContinue
        $lines = ($objects | Format-Table | Out-String -Width 120) -split "`n"
        $lines | Where-Object { $_ -match '\S' } | Select-Object -First 1 | Should -Match '^Component\s+Kind\s+Namespace\s+Name\s*$'
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
    }
}

Describe 'Expand-MeshChart -AsObject' {
    It 'gives back the text output of an Istio chart with its CRDs, one object per CRD' -Skip:(-not $HasShared) {
        $chart = Join-Path $ReleaseManifests 'charts/base'
        $text = Expand-MeshChart $chart -IncludeCrds -Namespace istio-system
        $objects = @(Expand-MeshChart $chart -IncludeCrds -Namespace istio-system -AsObject)
        Join-BeforeEach $objects | Should -BeExactly $text
        $crds = @($objects | Where-Object Kind -EQ 'CustomResourceDefinition')
        $crds.Count | Should -BeGreaterThan 10
        $crds.Source | Select-Object -Unique | Should -Be @('base/crds/crd-all.gen.yaml', 'base/crds/crd-operator.yaml')
        $objects | ForEach-Object { $_ | Should -BeOfType ([MeshOps.MeshChartDocument]) }
        ($objects | Where-Object { $_.Source -like 'base/templates/*' }).Count | Should -BeGreaterThan 0
    }

    It 'gives back helm''s own output for corpus case <id>' -ForEach $CorpusCases {
        $parameters = ConvertTo-ExpandParameters (Split-ShellWords $_['args'])
        $parameters.ChartPath = $_['chart']
        $parameters.ReleaseName = 'rel'
        if (-not $parameters.ContainsKey('Namespace')) { $parameters.Namespace = $_['namespace'] }
        Push-Location -LiteralPath $CorpusRoot
        try { $objects = @(Expand-MeshChart @parameters -AsObject -WarningAction SilentlyContinue) }
        finally { Pop-Location }
        $expected = Read-Expected $_['id'] 'yaml'
        # A chart that renders only hooks: helm prints an empty line before the first document.
        if ($expected.StartsWith("`n---`n")) { $expected = $expected.Substring(1) }
        Join-BeforeEach $objects | Should -BeExactly $expected
        # Kinds and names as the corpus' own reading of helm's output finds them (its namespace is a line match that
        # also takes a subject's namespace for a cluster-scoped binding's, so it is left out).
        @($objects | Where-Object Kind | ForEach-Object { '{0}/{1}' -f $_.Kind, $_.Name }) |
            Should -Be @(Get-ObjectKeys $expected | ForEach-Object { $kind, $null, $name = $_ -split '/', 3; "$kind/$name" })
    }

    It 'works with -ShowOnly' -Skip:(-not $HasShared) {
        $chart = Join-Path $ReleaseManifests 'charts/istio-control/istio-discovery'
        $text = Expand-MeshChart $chart -ShowOnly 'templates/service.yaml', 'templates/configmap.yaml'
        $objects = @(Expand-MeshChart $chart -ShowOnly 'templates/service.yaml', 'templates/configmap.yaml' -AsObject)
        Join-BeforeEach $objects | Should -BeExactly $text
        $objects.Source | Select-Object -Unique | Should -Be @('istiod/templates/service.yaml', 'istiod/templates/configmap.yaml')
    }

    It 'cannot be combined with -OutputDirectory' {
        { Expand-MeshChart ./chart -AsObject -OutputDirectory ./out } | Should -Throw -ErrorId 'AmbiguousParameterSet,MeshOps.Cmdlets.Commands.ExpandMeshChartCommand'
    }
}
