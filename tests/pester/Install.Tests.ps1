# Install-MeshControlPlane, Get-MeshRevision and Uninstall-MeshControlPlane against the loopback API server,
# with the seed's my-config.yaml and Istio 1.18.5's release charts.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestApiServer.ps1')
    Import-Module $MeshOpsModule -Force
    $script:SeedFile = Join-Path $RepoRoot 'examples/my-config.yaml'

    # resourceVersion of every object the install writes, by kind/namespace/name.
    function Get-Versions($Server) {
        $versions = @{}
        foreach ($path in '/api/v1/configmaps', '/api/v1/services', '/api/v1/serviceaccounts', '/apis/apps/v1/deployments',
            '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
            '/apis/rbac.authorization.k8s.io/v1/clusterroles') {
            foreach ($item in Get-TestApiObjects $Server $path) { $versions["$path/$($item.metadata.namespace)/$($item.metadata.name)"] = $item.metadata.resourceVersion }
        }
        $versions
    }
}

Describe 'Install-MeshControlPlane with the seed''s file' -Skip:(-not $HasShared) {
    BeforeAll {
        $script:Server = Start-TestApiServer
        $script:Common = @{ Kubeconfig = $Server.Kubeconfig; ManifestsPath = $ReleaseManifests; Version = $ReleaseVersion }
    }
    AfterAll { Stop-TestApiServer $Server }

    It '-WhatIf shows the plan and writes nothing' {
        $whatIf = Install-MeshControlPlane -Path $SeedFile -Namespace istio-1-18-5 @Common -WhatIf -Verbose 4>&1 | Out-String
        $whatIf | Should -Match "revision tag 'default' would point at revision 'istio-1-18-5'"
        (Get-TestApiObjects $Server '/apis/apps/v1/deployments').Count | Should -Be 0
        (Get-TestApiObjects $Server '/api/v1/namespaces' | Where-Object { $_.metadata.name -eq 'istio-1-18-5' }) | Should -BeNullOrEmpty
    }

    It 'installs exactly the rendered objects, with our labels and field manager' {
        $revision = Install-MeshControlPlane -Path $SeedFile -Namespace istio-1-18-5 @Common -PassThru -Confirm:$false -InformationVariable summary
        ($summary | Out-String) | Should -Match 'Made this installation the default for injection and validation'
        $revision.Tags | Should -Be @('default') -Because 'istioctl install makes the first installation on a cluster the default'
        $revision | Should -BeOfType ([MeshOps.MeshRevision])
        $revision.Name | Should -Be 'istio-1-18-5'
        $revision.Namespace | Should -Be 'istio-1-18-5'
        $revision.Ready | Should -BeTrue

        $expected = Export-MeshManifest -Path $SeedFile -Namespace istio-1-18-5 -ManifestsPath $ReleaseManifests -Version $ReleaseVersion
        $deployments = Get-TestApiObjects $Server '/apis/apps/v1/namespaces/istio-1-18-5/deployments'
        $deployments.metadata.name | Should -Be @('istiod-istio-1-18-5')
        $istiod = $deployments[0]
        $istiod.metadata.labels.'meshops.io/revision' | Should -Be 'istio-1-18-5'
        $istiod.metadata.labels.'meshops.io/component' | Should -Be 'Pilot'
        $istiod.metadata.managedFields.manager | Should -Contain 'meshops'
        $mesh = (Invoke-TestApi $Server GET '/api/v1/namespaces/istio-1-18-5/configmaps/istio-istio-1-18-5').data.mesh
        $mesh | Should -Match 'accessLogFile: /dev/stdout'

        # Exactly the rendered objects carry this revision's MeshOps labels: none missing, none extra.
        $paths = @{
            'CustomResourceDefinition' = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions'
            'ClusterRole' = '/apis/rbac.authorization.k8s.io/v1/clusterroles'; 'ClusterRoleBinding' = '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings'
            'Role' = '/apis/rbac.authorization.k8s.io/v1/roles'; 'RoleBinding' = '/apis/rbac.authorization.k8s.io/v1/rolebindings'
            'ServiceAccount' = '/api/v1/serviceaccounts'; 'ConfigMap' = '/api/v1/configmaps'; 'Service' = '/api/v1/services'
            'Deployment' = '/apis/apps/v1/deployments'; 'HorizontalPodAutoscaler' = '/apis/autoscaling/v2/horizontalpodautoscalers'
            'PodDisruptionBudget' = '/apis/policy/v1/poddisruptionbudgets'
            'MutatingWebhookConfiguration' = '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations'
            'ValidatingWebhookConfiguration' = '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations'
        }
        $expectedKeys = foreach ($doc in $expected -split "(?m)^---\s*$") {
            if ($doc -notmatch '(?m)^kind: (\S+)') { continue }
            $kind = $Matches[1]
            $paths.Keys | Should -Contain $kind -Because "the test must know where to list $kind"
            $name = if ($doc -match '(?m)^metadata:\s*\n(?:  .*\n)*?  name: (\S+)') { $Matches[1] } else { '' }
            $ns = if ($doc -match '(?m)^metadata:\s*\n(?:  .*\n)*?  namespace: (\S+)') { $Matches[1] } else { '' }
            "${kind}:${ns}:${name}"
        }
        # Base's objects are every revision's (meshops.io/scope=cluster, no revision); the rest are this revision's.
        $actualKeys = foreach ($kind in $paths.Keys) {
            foreach ($item in Get-TestApiObjects $Server "$($paths[$kind])?labelSelector=meshops.io%2Fcomponent") {
                $labels = $item.metadata.labels
                $shared = $labels.'meshops.io/component' -eq 'Base'
                $labels.'meshops.io/scope' | Should -Be $(if ($shared) { 'cluster' } else { $null }) -Because "$kind $($item.metadata.name)"
                $labels.'meshops.io/revision' | Should -Be $(if ($shared) { $null } else { 'istio-1-18-5' }) -Because "$kind $($item.metadata.name)"
                "${kind}:$($item.metadata.namespace):$($item.metadata.name)"
            }
        }
        @($expectedKeys | Sort-Object -Unique).Count | Should -BeGreaterThan 30
        Compare-Object @($expectedKeys | Sort-Object -Unique) @($actualKeys | Sort-Object -Unique) | Should -BeNullOrEmpty
        foreach ($name in 'istio-istio-1-18-5', 'istio-sidecar-injector-istio-1-18-5') {
            (Invoke-TestApi $Server GET "/api/v1/namespaces/istio-1-18-5/configmaps/$name").metadata.name | Should -Be $name
        }
        (Invoke-TestApi $Server GET '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/virtualservices.networking.istio.io').metadata.name |
            Should -Be 'virtualservices.networking.istio.io'
    }

    It 'keeps an install record and the installed-state object istioctl writes' {
        $record = Invoke-TestApi $Server GET '/api/v1/namespaces/istio-1-18-5/configmaps/meshops-install-istio-1-18-5'
        $record.data.istioVersion | Should -Be '1.18.5'
        $record.data.profile | Should -Be 'minimal'
        $record.data.istioOperator | Should -Match 'accessLogFile: /dev/stdout'
        $record.data.istioOperator | Should -Not -Match 'pilot:' -Because 'the record holds the IstioOperator as given, not the profile'
        $state = Invoke-TestApi $Server GET '/apis/install.istio.io/v1alpha1/namespaces/istio-1-18-5/istiooperators/installed-state-istio-1-18-5'
        $state.metadata.annotations.'install.istio.io/ignoreReconcile' | Should -Be 'true'
        $state.spec.profile | Should -Be 'minimal'
        $state.spec.meshConfig.accessLogFile | Should -Be '/dev/stdout'
    }

    It 'writes nothing that changes a resourceVersion when run again' {
        $before = Get-Versions $Server
        Install-MeshControlPlane -Path $SeedFile -Namespace istio-1-18-5 @Common -Confirm:$false 6>$null
        $after = Get-Versions $Server
        $changed = $before.Keys | Where-Object { $before[$_] -ne $after[$_] }
        $changed | Should -BeNullOrEmpty
    }

    It 'lists the revision with Get-MeshRevision' {
        $revision = Get-MeshRevision istio-1-18-5 -Kubeconfig $Server.Kubeconfig
        $revision.Installer | Should -Be 'MeshOps'
        $revision.Profile | Should -Be 'minimal'
        $revision.IstioVersion | Should -Be '1.18.5'
        $table = $revision | Format-Table | Out-String -Width 200
        $table | Should -Match 'istio-1-18-5\s+istio-1-18-5\s+1\.18\.5\s+minimal\s' -Because 'the table view shows the version and profile'
        ($table -split "`n" | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120
        (Get-MeshRevision -Kubeconfig $Server.Kubeconfig).Name | Should -Be @('istio-1-18-5')
        { Get-MeshRevision nosuch -Kubeconfig $Server.Kubeconfig -ErrorAction Stop } | Should -Throw -ErrorId 'RevisionNotFound,*'
    }

    It 'refuses to uninstall a revision a namespace still uses' {
        $null = Invoke-TestApi $Server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = 'test'; labels = @{ 'istio.io/rev' = 'istio-1-18-5' } } }
        (Get-MeshRevision istio-1-18-5 -Kubeconfig $Server.Kubeconfig).Namespaces | Should -Be @('test')
        { Uninstall-MeshControlPlane -Revision istio-1-18-5 -Kubeconfig $Server.Kubeconfig -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'RevisionInUse,*'
        (Get-TestApiObjects $Server '/apis/apps/v1/namespaces/istio-1-18-5/deployments').Count | Should -Be 1
    }

    It 'uninstalls with -Force from the pipeline, keeping the CRDs' {
        Get-MeshRevision istio-1-18-5 -Kubeconfig $Server.Kubeconfig | Uninstall-MeshControlPlane -Kubeconfig $Server.Kubeconfig -Force -Confirm:$false
        (Get-TestApiObjects $Server '/apis/apps/v1/namespaces/istio-1-18-5/deployments').Count | Should -Be 0
        (Get-TestApiObjects $Server '/api/v1/namespaces/istio-1-18-5/configmaps' | Where-Object { $_.metadata.name -like 'meshops-install-*' }) | Should -BeNullOrEmpty
        (Invoke-TestApi $Server GET '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/virtualservices.networking.istio.io').metadata.name |
            Should -Be 'virtualservices.networking.istio.io'
        Get-MeshRevision -Kubeconfig $Server.Kubeconfig | Should -BeNullOrEmpty
    }

    It 'removes the CRDs and the other shared Base objects with -Purge on the last revision' {
        Install-MeshControlPlane -Path $SeedFile -Namespace istio-1-18-5 @Common -Confirm:$false 6>$null
        (Get-TestApiObjects $Server '/apis/rbac.authorization.k8s.io/v1/clusterroles?labelSelector=meshops.io%2Fscope%3Dcluster').Count | Should -BeGreaterThan 0
        Uninstall-MeshControlPlane -Revision istio-1-18-5 -Purge -Force -Kubeconfig $Server.Kubeconfig -Confirm:$false -ErrorAction Stop
        (Get-TestApiObjects $Server '/apis/apiextensions.k8s.io/v1/customresourcedefinitions?labelSelector=meshops.io%2Fcomponent') | Should -BeNullOrEmpty
        (Get-TestApiObjects $Server '/apis/rbac.authorization.k8s.io/v1/clusterroles?labelSelector=meshops.io%2Fcomponent') | Should -BeNullOrEmpty
        (Get-TestApiObjects $Server '/api/v1/serviceaccounts?labelSelector=meshops.io%2Fcomponent') | Should -BeNullOrEmpty
    }
}

Describe 'Install-MeshControlPlane failures' -Skip:(-not $HasShared) {
    It 'times out on an istiod that never gets ready, naming the reason' {
        $server = Start-TestApiServer -Arguments @('--never-ready', 'istiod-*')
        try {
            $err = $null
            try {
                Install-MeshControlPlane -Path $SeedFile -Namespace istio-1-18-5 -Kubeconfig $server.Kubeconfig -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -Timeout '00:00:03' -Confirm:$false -ErrorAction Stop 6>$null
            }
            catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'RolloutTimeout,*'
            $err.Exception.Message | Should -Match 'istiod-istio-1-18-5'
            $err.Exception.Message | Should -Match 'ImagePullBackOff'
        }
        finally { Stop-TestApiServer $server }
    }

    It 'rejects bad input before writing anything' {
        $server = Start-TestApiServer
        try {
            { Install-MeshControlPlane -Profile minimal -Revision 'Bad_Revision' -Kubeconfig $server.Kubeconfig -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'RevisionInvalid,*'
            (Get-TestApiObjects $server '/api/v1/namespaces' | Where-Object { $_.metadata.name -eq 'istio-system' }) | Should -BeNullOrEmpty
        }
        finally { Stop-TestApiServer $server }
    }
}
