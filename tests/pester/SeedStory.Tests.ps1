# The seed's story end to end (../shared/seed): install my-config.yaml into istio-1-18-5, label namespace test,
# hand-edit installed-state as the seed's author did, see the drift named, fix it with Set-MeshConfig, see what
# must restart. Each step checks the cluster's objects, not only the cmdlets' output.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestApiServer.ps1')
    Import-Module $MeshOpsModule -Force
    $script:SeedFile = Join-Path $RepoRoot 'examples/my-config.yaml'

    function Get-Mesh($Server) {
        (Invoke-TestApi $Server GET '/api/v1/namespaces/istio-1-18-5/configmaps/istio-istio-1-18-5').data.mesh
    }
}

Describe 'The seed''s story' -Skip:(-not $HasShared) {
    BeforeAll {
        $script:Server = Start-TestApiServer
        $script:Cluster = @{ Kubeconfig = $Server.Kubeconfig }
    }
    AfterAll { Stop-TestApiServer $Server }

    It '1. installs my-config.yaml with istiod in istio-1-18-5' {
        Install-MeshControlPlane -Path $SeedFile -Namespace istio-1-18-5 -ManifestsPath $ReleaseManifests -Version $ReleaseVersion @Cluster -Confirm:$false 6>$null
        (Get-TestApiObjects $Server '/apis/apps/v1/namespaces/istio-1-18-5/deployments').metadata.name | Should -Be 'istiod-istio-1-18-5'
        $mesh = Get-Mesh $Server
        $mesh | Should -Match '(?m)^accessLogFile: /dev/stdout$'
        $mesh | Should -Not -Match 'enablePrometheusMerge: false'
    }

    It '2. labels namespace test for the revision' {
        $null = Invoke-TestApi $Server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = 'test' } }
        Get-MeshNamespace test @Cluster | Enable-MeshInjection -Revision istio-1-18-5 @Cluster -Confirm:$false
        (Invoke-TestApi $Server GET '/api/v1/namespaces/test').metadata.labels.'istio.io/rev' | Should -Be 'istio-1-18-5'
        # A pod injected by the revision with metrics merging on, as the webhook leaves it.
        $status = '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":[],"imagePullSecrets":null,"revision":"istio-1-18-5"}'
        $pod = @{
            apiVersion = 'v1'; kind = 'Pod'
            metadata   = @{ name = 'app-1'; namespace = 'test'; labels = @{ app = 'app' }
                annotations = @{ 'sidecar.istio.io/status' = $status; 'prometheus.io/port' = '15020'; 'prometheus.io/path' = '/stats/prometheus'; 'prometheus.io/scrape' = 'true' } }
            spec       = @{ containers = @(
                    @{ name = 'app'; image = 'app:1' },
                    @{ name = 'istio-proxy'; image = 'docker.io/istio/proxyv2:1.18.5'; env = @(@{ name = 'ISTIO_PROMETHEUS_ANNOTATIONS'; value = '{"scrape":"true","path":"/metrics","port":"8080"}' }) }) }
        }
        $null = Invoke-TestApi $Server POST '/api/v1/namespaces/test/pods' $pod
        $revision = Get-MeshRevision istio-1-18-5 @Cluster
        $revision.Namespaces | Should -Be @('test')
        $revision.SidecarPods | Should -Be 1
    }

    It '3. reports the hand-edited installed-state object as not applied' {
        $null = Invoke-TestApi $Server PATCH '/apis/install.istio.io/v1alpha1/namespaces/istio-1-18-5/istiooperators/installed-state-istio-1-18-5' `
            '{"spec":{"meshConfig":{"enablePrometheusMerge":false}}}' 'application/merge-patch+json'
        $state = Get-MeshConfig -Revision istio-1-18-5 @Cluster
        $drift = @($state.Drift | Where-Object Setting -Like '*enablePrometheusMerge')
        $drift.Count | Should -Be 1
        $drift[0].Message | Should -Match 'not applied: nothing reconciles installed-state; run Set-MeshConfig or Install-MeshControlPlane'
        $drift[0].SourceValue | Should -Be $false
        # Nothing reconciled it: the ConfigMap istiod reads is as installed.
        Get-Mesh $Server | Should -Not -Match 'enablePrometheusMerge: false'
    }

    It '4. fixes it with Set-MeshConfig, keeping every other setting, and names the pods to restart' {
        $before = Get-Mesh $Server
        $change = Get-MeshRevision istio-1-18-5 @Cluster | Set-MeshConfig -EnablePrometheusMerge $false @Cluster -Confirm:$false
        $change.Setting | Should -BeLike '*enablePrometheusMerge'
        $change.NewValue | Should -Be $false
        $change.TakesEffect | Should -Be 'NextInjection'
        $change.AffectedPods | Should -Contain 'test/app-1'

        $after = Get-Mesh $Server
        $after | Should -Match '(?m)^enablePrometheusMerge: false$'
        # Only that key changed (the chart wrote it as true): every other line the chart wrote is still there.
        $lost = ($before -split "`n") | Where-Object { $_ -and ($after -split "`n") -notcontains $_ }
        $lost | Should -Be 'enablePrometheusMerge: true'
        $after | Should -Match 'discoveryAddress: istiod-istio-1-18-5.istio-1-18-5.svc:15012'
        $after | Should -Match '(?m)^accessLogFile: /dev/stdout$'
        $record = Invoke-TestApi $Server GET '/api/v1/namespaces/istio-1-18-5/configmaps/meshops-install-istio-1-18-5'
        $record.data.istioOperator | Should -Match 'enablePrometheusMerge: false'
    }

    It '5. shows no drift once the change is applied' {
        $state = Get-MeshConfig -Revision istio-1-18-5 @Cluster
        @($state.Drift | Where-Object Setting -Like '*enablePrometheusMerge') | Should -BeNullOrEmpty
    }
}
