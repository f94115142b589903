# A running istiod writes its webhook configurations' caBundle and the validator's failurePolicy (an Update by
# pilot-discovery, played by the loopback server's /__admin/istiod-webhooks). Install-MeshControlPlane run again
# leaves those fields to istiod: no conflict, nothing written, istiod's values kept.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestApiServer.ps1')
    Import-Module $MeshOpsModule -Force
    $script:SeedFile = Join-Path $RepoRoot 'examples/my-config.yaml'
    $script:Webhooks = '/apis/admissionregistration.k8s.io/v1/{0}webhookconfigurations'
}

Describe 'Install-MeshControlPlane after istiod patched its webhooks' -Skip:(-not $HasShared) {
    BeforeAll {
        $script:Server = Start-TestApiServer
        $script:Common = @{ Kubeconfig = $Server.Kubeconfig; ManifestsPath = $ReleaseManifests; Version = $ReleaseVersion; Namespace = 'istio-1-18-5' }
        Install-MeshControlPlane -Path $SeedFile @Common -Confirm:$false 3>$null 6>$null
    }
    AfterAll { Stop-TestApiServer $Server }

    It 'first applies the chart''s values: validation fails open until istiod serves' {
        $validator = Invoke-TestApi $Server GET (($Webhooks -f 'validating') + '/istio-validator-istio-1-18-5-istio-1-18-5')
        $validator.webhooks.failurePolicy | Should -Be 'Ignore'
        $validator.webhooks.clientConfig.caBundle | Should -BeNullOrEmpty
    }

    It 're-installs with 0 updated, writing nothing and keeping istiod''s values' {
        # The revision's injector and validator, the default tag's injector and the default validator.
        (Invoke-TestApi $Server POST '/__admin/istiod-webhooks' @{ revision = 'istio-1-18-5'; caBundle = 'SVNUSU9ELUNB' }).written | Should -Be 4
        $null = Invoke-TestApi $Server DELETE '/__admin/requests'

        $verbose = Install-MeshControlPlane -Path $SeedFile @Common -Confirm:$false -Verbose 3>$null 4>&1 6>$null | Out-String
        $verbose | Should -Match 'Applied: 0 created, 0 updated, \d+ unchanged'
        $verbose | Should -Match 'left to their runtime owners: .*failurePolicy \(pilot-discovery\)'
        $writes = (Get-TestApiRequests $Server).entries | Where-Object {
            $_.verb -in 'patch', 'update', 'apply', 'create', 'delete' -and $_.path -notlike '/__admin/*' -and $_.resource -ne 'istiooperators'
        }
        $writes | Should -BeNullOrEmpty -Because 'installed-state aside, nothing changed'

        foreach ($kind in 'validating', 'mutating') {
            foreach ($configuration in Get-TestApiObjects $Server ($Webhooks -f $kind)) {
                $configuration.webhooks.clientConfig.caBundle | Sort-Object -Unique | Should -Be 'SVNUSU9ELUNB' -Because "$($configuration.metadata.name) keeps istiod's caBundle"
                if ($kind -eq 'validating') { $configuration.webhooks.failurePolicy | Sort-Object -Unique | Should -Be 'Fail' }
            }
        }
    }
}
