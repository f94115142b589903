# What each pipeline pairing of the cmdlets means, against the loopback API server: a piped object binds to the
# parameter that names the same thing (a revision to -Revision, a namespace to -Namespace), never to a parameter that
# only shares its property name (a revision's Name is not a tag's name).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestApiServer.ps1')
    Import-Module $MeshOpsModule -Force
    $script:SeedFile = Join-Path $RepoRoot 'examples/my-config.yaml'
    $script:Webhooks = '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations'
}

Describe 'Pipeline pairings' -Skip:(-not $HasShared) {
    BeforeAll {
        $script:Server = Start-TestApiServer
        $script:K = @{ Kubeconfig = $Server.Kubeconfig }
        # Two revisions: the seed's (tags default and prod) and canary (tag stable).
        Install-MeshControlPlane -Path $SeedFile -Namespace istio-1-18-5 -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -SkipWait @K -Confirm:$false 6>$null
        Install-MeshControlPlane -Profile minimal -Revision canary -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -SkipWait @K -Confirm:$false 6>$null
        Set-MeshRevisionTag -Name prod -Revision istio-1-18-5 @K -Confirm:$false
        Set-MeshRevisionTag -Name stable -Revision canary @K -Confirm:$false

        $null = Invoke-TestApi $Server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = 'shop'; labels = @{ 'istio.io/rev' = 'istio-1-18-5' } } }
        $null = Invoke-TestApi $Server POST '/apis/apps/v1/namespaces/shop/deployments' @{
            apiVersion = 'apps/v1'; kind = 'Deployment'; metadata = @{ name = 'cart'; namespace = 'shop' }
            spec       = @{ replicas = 1; selector = @{ matchLabels = @{ app = 'cart' } }; template = @{ metadata = @{ labels = @{ app = 'cart' } }; spec = @{ containers = @(@{ name = 'app'; image = 'example/app:1' }) } } }
        }
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (@(Get-TestApiObjects $Server '/api/v1/namespaces/shop/pods').Count -lt 1) {
            if ([DateTime]::UtcNow -gt $deadline) { throw 'the pod of shop did not appear' }
            Start-Sleep -Milliseconds 50
        }
    }
    AfterAll { Stop-TestApiServer $Server }

    Context 'a revision piped' {
        It 'into Get-MeshRevisionTag means the tags pointing at it, not a tag of its name' {
            $tags = Get-MeshRevision canary @K | Get-MeshRevisionTag @K -ErrorAction Stop
            $tags.Tag | Should -Be @('stable')
            (Get-MeshRevision istio-1-18-5 @K | Get-MeshRevisionTag @K -ErrorAction Stop).Tag | Sort-Object | Should -Be @('default', 'prod')
            # Both revisions at once: each one's tags.
            (Get-MeshRevision @K | Get-MeshRevisionTag @K).Tag | Sort-Object | Should -Be @('default', 'prod', 'stable')
        }

        It 'into Get-MeshConfig reads that revision''s mesh config' {
            $state = Get-MeshRevision canary @K | Get-MeshConfig @K
            $state.Revision | Should -Be 'canary'
            $state.ConfigMap | Should -Be 'istio-canary'
        }

        It 'into Set-MeshConfig -WhatIf plans the change on that revision and writes nothing' {
            $before = (Invoke-TestApi $Server GET '/api/v1/namespaces/istio-system/configmaps/istio-canary').metadata.resourceVersion
            # The seed already logs to /dev/stdout, so its revision answers with an unchanged setting; canary would change (-WhatIf: nothing returned).
            $changes = @(Get-MeshRevision @K | Set-MeshConfig -AccessLogFile /dev/stdout @K -WhatIf -ErrorAction Stop)
            $changes.Revision | Should -Be @('istio-1-18-5')
            $changes.Changed | Should -Be @($false)
            (Invoke-TestApi $Server GET '/api/v1/namespaces/istio-system/configmaps/istio-canary').metadata.resourceVersion | Should -Be $before
        }

        It 'into Uninstall-MeshControlPlane -WhatIf plans the removal of that revision only' {
            $plan = Get-MeshRevision canary @K | Uninstall-MeshControlPlane @K -Force -WhatIf -Verbose -ErrorAction Stop 4>&1 | Out-String
            $plan | Should -Match 'Would delete Deployment istio-system/istiod-canary'
            @($plan -split "`r?`n" | Where-Object { $_ -match '^Would delete' -and $_ -match 'istio-1-18-5' }) | Should -BeNullOrEmpty
            (Get-MeshRevision @K).Name | Sort-Object | Should -Be @('canary', 'istio-1-18-5')
        }

        It 'into Set-MeshRevisionTag -WhatIf tags that revision' {
            $plan = Get-MeshRevision canary @K | Set-MeshRevisionTag -Name next @K -WhatIf -Verbose -ErrorAction Stop 4>&1 | Out-String
            $plan | Should -Match 'Plan: Create MutatingWebhookConfiguration istio-revision-tag-next: routes istio.io/rev=next to service istio-system/istiod-canary/'
            (Get-MeshRevisionTag @K).Tag | Should -Not -Contain 'next'
        }

        It 'into Get-MeshNamespace means the namespaces it injects, not a namespace of its name' {
            (Get-MeshRevision istio-1-18-5 @K | Get-MeshNamespace @K -ErrorAction Stop).Name | Should -Be @('shop')
            Get-MeshRevision canary @K | Get-MeshNamespace @K -ErrorAction Stop | Should -BeNullOrEmpty
        }

        It 'into Get-MeshWorkload means the pods it injected' {
            # The loopback server's injector gives shop's pod the sidecar of the revision shop selects.
            $pods = @(Get-MeshRevision istio-1-18-5 @K | Get-MeshWorkload @K -ErrorAction Stop)
            $pods.Count | Should -BeGreaterThan 0
            $pods.Revision | Sort-Object -Unique | Should -Be 'istio-1-18-5'
            Get-MeshRevision canary @K | Get-MeshWorkload @K -ErrorAction Stop | Should -BeNullOrEmpty
        }

        It 'into Export-MeshInstallation exports that revision''s IstioOperator' {
            $yaml = Get-MeshRevision canary @K | Export-MeshInstallation @K
            $yaml | Should -Match '(?m)^\s+revision: canary\s*$'
        }
    }

    Context 'a workload piped' {
        It 'into Get-MeshRevision means the revision that injected it, not a revision named like the workload' {
            $workloads = @(Get-MeshWorkload shop @K -ErrorAction Stop)
            $workloads.Name | Should -Contain 'cart'
            $revisions = @($workloads + $workloads | Get-MeshRevision @K -ErrorAction Stop)
            $revisions.Name | Should -Be 'istio-1-18-5' -Because 'one revision injected them all, written once'
        }
    }

    Context 'an in-cluster Get-MeshCluster object piped (Context null)' {
        It 'binds as no -Context: the default cluster, not a validation error' {
            # Get-MeshCluster's object for the in-cluster service account (Context and Cluster null), made as the cmdlet makes
            # it: a pod's service-account files cannot be faked here. Its Current is true, as in a pod.
            $type = (Get-Command Get-MeshCluster).ImplementingType.Assembly.GetType('MeshOps.MeshClusterInfo', $true)
            $inCluster = $type.GetConstructors([Reflection.BindingFlags]'NonPublic, Instance')[0].Invoke(@($null, $null, $null, $null, $true))
            "$inCluster" | Should -Be 'in-cluster'
            $revisions = @($inCluster | Get-MeshRevision @K -ErrorAction Stop)
            $revisions.Name | Sort-Object | Should -Be 'canary', 'istio-1-18-5'
            { Get-MeshRevision @K -Context '' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        }
    }

    Context 'a tag piped' {
        It 'into Get-MeshRevision means the revision it points at' {
            (Get-MeshRevisionTag stable @K | Get-MeshRevision @K).Name | Should -Be 'canary'
        }

        It 'into Get-MeshRevisionTag means that tag again, and a string names a tag' {
            (Get-MeshRevisionTag prod @K | Get-MeshRevisionTag @K).Tag | Should -Be 'prod'
            ('stable' | Get-MeshRevisionTag @K).Revision | Should -Be 'canary'
        }

        It 'into Get-MeshConfig means the mesh config of its revision' {
            (Get-MeshRevisionTag stable @K | Get-MeshConfig @K).Revision | Should -Be 'canary'
        }

        It 'into Remove-MeshRevisionTag -WhatIf names that tag' {
            Get-MeshRevisionTag stable @K | Remove-MeshRevisionTag @K -WhatIf -ErrorAction Stop
            (Get-MeshRevisionTag stable @K).Revision | Should -Be 'canary'
        }
    }

    Context 'a namespace or a workload piped' {
        It 'a namespace into Enable-MeshInjection -WhatIf plans that namespace''s label' {
            $planned = Get-MeshNamespace shop @K | Enable-MeshInjection -Revision canary @K -WhatIf -PassThru -ErrorAction Stop
            $planned.Name | Should -Be 'shop'
            $planned.RevisionLabel | Should -Be 'canary'
            (Invoke-TestApi $Server GET '/api/v1/namespaces/shop').metadata.labels.'istio.io/rev' | Should -Be 'istio-1-18-5'
        }

        It 'a namespace into Get-MeshWorkload lists its pods' {
            $pods = Get-MeshNamespace shop @K | Get-MeshWorkload @K
            $pods.Namespace | Sort-Object -Unique | Should -Be 'shop'
            $pods.Workload | Should -Be 'Deployment/cart'
        }

        It 'a workload into Get-MeshNamespace means its namespace, not a namespace of the workload''s name' {
            $ns = Get-MeshWorkload shop @K | Get-MeshNamespace @K -ErrorAction Stop
            $ns.Name | Should -Be 'shop'
            $ns.RevisionLabel | Should -Be 'istio-1-18-5'
        }

        It 'a workload into Disable-MeshInjection -WhatIf plans its namespace' {
            $planned = Get-MeshWorkload shop @K | Disable-MeshInjection @K -WhatIf -PassThru -ErrorAction Stop
            $planned.Name | Should -Be 'shop'
            $planned.RevisionLabel | Should -BeNullOrEmpty
        }
    }
}
