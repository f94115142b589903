# A canary upgrade across releases on the loopback API server (issue 12): the seed's file at Istio 1.18.5 as revision
# istio-1-18-5, then 1.28.10 as revision 1-28-10 beside it, namespace test moved to it and restarted, the default tag
# moved, and istio-1-18-5 uninstalled once nothing uses it. Every step is checked against the objects on the server:
# the CRDs (whose release label and served versions differ between 1.18.5 and 1.28.10), the webhooks, each revision's
# Deployments, and that neither revision's install or uninstall writes the other's objects.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestApiServer.ps1')
    Import-Module $MeshOpsModule -Force
    $script:SeedFile = Join-Path $RepoRoot 'examples/my-config.yaml'
    $script:NewManifests = Join-Path $SharedRoot 'istio/1.28.10/release/manifests'

    $script:Kinds = [ordered]@{
        Deployment = '/apis/apps/v1/deployments'; ConfigMap = '/api/v1/configmaps'; Service = '/api/v1/services'; ServiceAccount = '/api/v1/serviceaccounts'
        Role = '/apis/rbac.authorization.k8s.io/v1/roles'; RoleBinding = '/apis/rbac.authorization.k8s.io/v1/rolebindings'
        ClusterRole = '/apis/rbac.authorization.k8s.io/v1/clusterroles'; ClusterRoleBinding = '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings'
        MutatingWebhookConfiguration = '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations'
        ValidatingWebhookConfiguration = '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations'
        PodDisruptionBudget = '/apis/policy/v1/poddisruptionbudgets'; HorizontalPodAutoscaler = '/apis/autoscaling/v2/horizontalpodautoscalers'
    }

    # "resourceVersion/generation" of every object MeshOps labelled for the revision, by kind/namespace/name.
    function Get-RevisionObjects($Server, [string] $Revision) {
        $result = @{}
        foreach ($kind in $Kinds.Keys) {
            foreach ($item in Get-TestApiObjects $Server "$($Kinds[$kind])?labelSelector=meshops.io%2Frevision%3D$Revision") {
                $result["$kind $($item.metadata.namespace)/$($item.metadata.name)"] = "$($item.metadata.resourceVersion)/$($item.metadata.generation)"
            }
        }
        $result
    }

    # Every CRD by name: release label, served versions, resourceVersion.
    function Get-Crds($Server) {
        $result = @{}
        foreach ($crd in Get-TestApiObjects $Server '/apis/apiextensions.k8s.io/v1/customresourcedefinitions') {
            $result[$crd.metadata.name] = [pscustomobject]@{
                Release         = $crd.metadata.labels.'meshops.io/release'
                Versions        = ($crd.spec.versions.name | Sort-Object) -join ','
                ResourceVersion = $crd.metadata.resourceVersion
            }
        }
        $result
    }

    function Get-Webhook($Server, [string] $Kind, [string] $Name) {
        $items = Get-TestApiObjects $Server $Kinds[$Kind]
        $items | Where-Object { $_.metadata.name -eq $Name }
    }

    # Every pod of the namespace: name, the revision in sidecar.istio.io/status, the proxy image, Ready.
    function Get-ServerPods($Server, [string] $Namespace) {
        foreach ($pod in Get-TestApiObjects $Server "/api/v1/namespaces/$Namespace/pods") {
            $status = $pod.metadata.annotations.'sidecar.istio.io/status'
            [pscustomobject]@{
                Name     = $pod.metadata.name
                Revision = if ($status) { ($status | ConvertFrom-Json).revision } else { $null }
                Proxy    = ($pod.spec.containers | Where-Object name -EQ 'istio-proxy').image
                Ready    = [bool]($pod.status.conditions | Where-Object { $_.type -eq 'Ready' -and $_.status -eq 'True' })
            }
        }
    }

    function Wait-ServerPods($Server, [string] $Namespace, [string] $Revision, [int] $Count) {
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ($true) {
            $pods = @(Get-ServerPods $Server $Namespace)
            if ($pods.Count -eq $Count -and -not ($pods | Where-Object { $_.Revision -ne $Revision -or -not $_.Ready })) { return $pods }
            if ([DateTime]::UtcNow -gt $deadline) { throw "pods not all ready on ${Revision}: $($pods | ForEach-Object { "$($_.Name)=$($_.Revision)/$($_.Ready)" })" }
            Start-Sleep -Milliseconds 100
        }
    }
}

Describe 'A canary upgrade from Istio 1.18.5 to 1.28.10 on one cluster' -Skip:(-not $HasShared) {
    BeforeAll {
        $script:Server = Start-TestApiServer
        $script:K = @{ Kubeconfig = $Server.Kubeconfig }
        # ../shared's copies name development images; set each release's, as its archive would, so the proxy versions tell them apart.
        $script:Old = @{ Path = $SeedFile; Namespace = 'istio-1-18-5'; ManifestsPath = $ReleaseManifests; Version = '1.18.5'; Set = 'hub=docker.io/istio', 'tag=1.18.5' }
        $script:New = @{ Profile = 'minimal'; Revision = '1-28-10'; ManifestsPath = $NewManifests; Version = '1.28.10'; Set = 'hub=docker.io/istio', 'tag=1.28.10' }
    }
    AfterAll { Stop-TestApiServer $Server }

    It '1. installs the seed''s file at 1.18.5 as revision istio-1-18-5, with its CRDs and the default tag, and namespace test on it' {
        # (3>$null: the seed's namespace is named like its revision, so Base and Pilot both render Role istiod-istio-1-18-5; Install.Tests checks that warning.)
        Install-MeshControlPlane @Old @K -Confirm:$false 6>$null 3>$null
        $crds = Get-Crds $Server
        $crds.Count | Should -Be 15
        $crds.Values.Release | Sort-Object -Unique | Should -Be '1.18.5'
        $crds['virtualservices.networking.istio.io'].Versions | Should -Be 'v1alpha3,v1beta1'
        (Get-TestApiObjects $Server '/apis/apps/v1/namespaces/istio-1-18-5/deployments').metadata.name | Should -Be 'istiod-istio-1-18-5'
        (Get-TestApiObjects $Server '/apis/apps/v1/namespaces/istio-1-18-5/deployments').spec.template.spec.containers[0].image | Should -Be 'docker.io/istio/pilot:1.18.5'
        $validator = Get-Webhook $Server ValidatingWebhookConfiguration istiod-default-validator
        $validator.metadata.labels.'istio.io/rev' | Should -Be 'istio-1-18-5'
        $validator.webhooks[0].admissionReviewVersions | Should -Be @('v1beta1', 'v1')
        $validator.webhooks[0].clientConfig.service.name | Should -Be 'istiod-istio-1-18-5'
        (Get-Webhook $Server MutatingWebhookConfiguration istio-revision-tag-default-istio-1-18-5).metadata.labels.'istio.io/rev' | Should -Be 'istio-1-18-5'
        (Get-Webhook $Server ValidatingWebhookConfiguration istio-validator-istio-1-18-5-istio-1-18-5).metadata.labels.'meshops.io/revision' | Should -Be 'istio-1-18-5'
        (Get-TestApiObjects $Server '/api/v1/services?labelSelector=istio.io%2Ftag') | Should -BeNullOrEmpty -Because 'istioctl 1.18 makes no Service for a tag'

        $null = Invoke-TestApi $Server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = 'test' } }
        foreach ($w in @(@{ kind = 'deployments'; name = 'web'; replicas = 2 }, @{ kind = 'statefulsets'; name = 'db'; replicas = 1 })) {
            $spec = @{
                replicas = $w.replicas; selector = @{ matchLabels = @{ app = $w.name } }
                template = @{ metadata = @{ labels = @{ app = $w.name } }; spec = @{ containers = @(@{ name = 'app'; image = 'example/app:1' }) } }
            }
            if ($w.kind -eq 'statefulsets') { $spec.serviceName = $w.name }
            $null = Invoke-TestApi $Server POST "/apis/apps/v1/namespaces/test/$($w.kind)" @{ apiVersion = 'apps/v1'; metadata = @{ name = $w.name; namespace = 'test' }; spec = $spec }
        }
        Get-MeshNamespace test @K | Enable-MeshInjection -Revision istio-1-18-5 -RestartWorkloads @K -Confirm:$false 6>$null
        $pods = Wait-ServerPods $Server test istio-1-18-5 3
        $pods.Proxy | Sort-Object -Unique | Should -Be 'docker.io/istio/proxyv2:1.18.5'
    }

    It '2. installs 1.28.10 as revision 1-28-10 beside it: the CRDs become 1.28.10''s, nothing of istio-1-18-5 is written' {
        $before = Get-RevisionObjects $Server istio-1-18-5
        $before.Count | Should -BeGreaterThan 10
        $validatorBefore = (Get-Webhook $Server ValidatingWebhookConfiguration istiod-default-validator).metadata.resourceVersion
        $podsBefore = (Get-TestApiObjects $Server '/api/v1/namespaces/test/pods').metadata.uid | Sort-Object

        Install-MeshControlPlane @New @K -Confirm:$false 6>$null

        $crds = Get-Crds $Server
        $crds.Count | Should -Be 15
        @($crds.Values | Where-Object Release -EQ '1.28.10').Count | Should -Be 14
        $crds['virtualservices.networking.istio.io'].Versions | Should -Be 'v1,v1alpha3,v1beta1'
        $crds['istiooperators.install.istio.io'].Release | Should -Be '1.18.5' -Because '1.28.10 no longer renders it, and 1.18.5''s installed-state uses it'
        (Get-TestApiObjects $Server '/apis/apps/v1/namespaces/istio-system/deployments').metadata.name | Should -Be 'istiod-1-28-10'
        (Get-TestApiObjects $Server '/apis/apps/v1/namespaces/istio-system/deployments').spec.template.spec.containers[0].image | Should -Be 'docker.io/istio/pilot:1.28.10'
        (Get-TestApiObjects $Server '/apis/apps/v1/namespaces/istio-1-18-5/deployments').metadata.name | Should -Be 'istiod-istio-1-18-5'
        $injector = Get-Webhook $Server MutatingWebhookConfiguration istio-sidecar-injector-1-28-10
        $injector.metadata.labels.'meshops.io/revision' | Should -Be '1-28-10'
        $injector.webhooks[0].admissionReviewVersions | Should -Be @('v1')
        (Get-Webhook $Server ValidatingWebhookConfiguration istio-validator-1-28-10-istio-system).metadata.labels.'meshops.io/revision' | Should -Be '1-28-10'

        # The old revision's objects, its default tag's validator and its pods are exactly as they were.
        $after = Get-RevisionObjects $Server istio-1-18-5
        Compare-Object @($before.Keys | Sort-Object) @($after.Keys | Sort-Object) | Should -BeNullOrEmpty
        $changed = $before.Keys | Where-Object { $before[$_] -ne $after[$_] }
        $changed | Should -BeNullOrEmpty
        (Get-Webhook $Server ValidatingWebhookConfiguration istiod-default-validator).metadata.resourceVersion | Should -Be $validatorBefore
        (Get-TestApiObjects $Server '/api/v1/namespaces/test/pods').metadata.uid | Sort-Object | Should -Be $podsBefore

        $revisions = Get-MeshRevision @K | Sort-Object Name
        $revisions.Name | Should -Be @('1-28-10', 'istio-1-18-5')
        $revisions.IstioVersion | Should -Be @('1.28.10', '1.18.5')
        ($revisions | Where-Object Name -EQ 'istio-1-18-5').Tags | Should -Be @('default')
    }

    It 're-installing 1.18.5 leaves the 1.28.10 CRDs and revision 1-28-10 as they are, and says so' {
        $crds = Get-Crds $Server
        $newer = Get-RevisionObjects $Server 1-28-10
        Install-MeshControlPlane @Old @K -Confirm:$false -WarningVariable warnings 6>$null 3>$null
        ($warnings -join "`n") | Should -Match 'stay at Istio 1\.28\.10, newer than the 1\.18\.5 being installed'
        $after = Get-Crds $Server
        foreach ($name in $crds.Keys) { "$($after[$name])" | Should -Be "$($crds[$name])" -Because $name }
        $now = Get-RevisionObjects $Server 1-28-10
        $newer.Keys | Where-Object { $newer[$_] -ne $now[$_] } | Should -BeNullOrEmpty
    }

    It '3. moves namespace test to 1-28-10: its workloads restart with 1.28.10 sidecars; the default tag follows 1.28.10''s rules' {
        $results = @(Move-MeshWorkload -From istio-1-18-5 -To 1-28-10 -Namespace test @K -Confirm:$false)
        $results.Outcome | Should -Be 'Moved'
        (Invoke-TestApi $Server GET '/api/v1/namespaces/test').metadata.labels.'istio.io/rev' | Should -Be '1-28-10'
        $pods = Wait-ServerPods $Server test 1-28-10 3
        $pods.Proxy | Sort-Object -Unique | Should -Be 'docker.io/istio/proxyv2:1.28.10'
        (Get-MeshWorkload -Namespace test @K).ProxyVersion | Sort-Object -Unique | Should -Be '1.28.10'
        @(Get-MeshWorkload -OutOfDate @K).Count | Should -Be 0

        Set-MeshRevisionTag -Name default -Revision 1-28-10 -Overwrite @K -Confirm:$false 6>$null
        (Get-Webhook $Server MutatingWebhookConfiguration istio-revision-tag-default-istio-1-18-5) | Should -BeNullOrEmpty
        $tag = Get-Webhook $Server MutatingWebhookConfiguration istio-revision-tag-default
        $tag.metadata.labels.'istio.io/rev' | Should -Be '1-28-10'
        $tag.webhooks.admissionReviewVersions | Sort-Object -Unique | Should -Be 'v1'
        $tag.webhooks.reinvocationPolicy | Sort-Object -Unique | Should -Be 'Never'
        $tag.webhooks.clientConfig.service.name | Sort-Object -Unique | Should -Be 'istiod-1-28-10'
        $validator = Get-Webhook $Server ValidatingWebhookConfiguration istiod-default-validator
        $validator.metadata.labels.'istio.io/rev' | Should -Be '1-28-10'
        $validator.webhooks[0].admissionReviewVersions | Should -Be @('v1')
        $validator.webhooks[0].clientConfig.service | Should -Not -BeNullOrEmpty
        "$($validator.webhooks[0].clientConfig.service.namespace)/$($validator.webhooks[0].clientConfig.service.name)" | Should -Be 'istio-system/istiod-1-28-10'
        # istioctl 1.28 also gives the tag a Service that resolves to the revision's istiod.
        $service = Invoke-TestApi $Server GET '/api/v1/namespaces/istio-system/services/istiod-revision-tag-default'
        $service.spec.selector.'istio.io/rev' | Should -Be '1-28-10'
        $service.metadata.labels.'istio.io/tag' | Should -Be 'default'
    }

    It '4. uninstalls istio-1-18-5 once nothing uses it: its objects go, the CRDs and 1-28-10 stay' {
        (Get-MeshRevision istio-1-18-5 @K).Namespaces | Should -BeNullOrEmpty
        $crds = Get-Crds $Server
        $newer = Get-RevisionObjects $Server 1-28-10
        Uninstall-MeshControlPlane -Revision istio-1-18-5 @K -Confirm:$false -ErrorAction Stop 3>$null

        (Get-MeshRevision @K).Name | Should -Be '1-28-10'
        (Get-TestApiObjects $Server '/apis/apps/v1/namespaces/istio-1-18-5/deployments') | Should -BeNullOrEmpty
        (Get-RevisionObjects $Server istio-1-18-5).Count | Should -Be 0
        (Get-TestApiObjects $Server '/api/v1/namespaces/istio-1-18-5/configmaps').metadata.name | Should -Not -Contain 'meshops-install-istio-1-18-5'
        $after = Get-Crds $Server
        $after.Count | Should -Be 15
        foreach ($name in $crds.Keys) { "$($after[$name])" | Should -Be "$($crds[$name])" -Because $name }
        $now = Get-RevisionObjects $Server 1-28-10
        $newer.Keys | Where-Object { $newer[$_] -ne $now[$_] } | Should -BeNullOrEmpty
        (Get-Webhook $Server ValidatingWebhookConfiguration istiod-default-validator).metadata.labels.'istio.io/rev' | Should -Be '1-28-10'
        (Get-MeshRevision 1-28-10 @K).Tags | Should -Be @('default')
        (Invoke-TestApi $Server GET '/api/v1/namespaces/istio-system/services/istiod-revision-tag-default').spec.selector.'istio.io/rev' | Should -Be '1-28-10'
        (Get-MeshRevision 1-28-10 @K).Namespaces | Should -Be @('test')
        Wait-ServerPods $Server test 1-28-10 3 | Should -HaveCount 3
    }
}
