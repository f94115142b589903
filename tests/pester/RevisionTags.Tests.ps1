# Set-, Get- and Remove-MeshRevisionTag against the loopback API server, on revisions installed from Istio 1.18.5's
# release charts: the seed's my-config.yaml (revision istio-1-18-5 in istio-1-18-5) and a minimal canary in istio-system.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestApiServer.ps1')
    Import-Module $MeshOpsModule -Force
    $script:SeedFile = Join-Path $RepoRoot 'examples/my-config.yaml'
    $script:Webhooks = '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations'
    $script:Validators = '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations'
    function New-TestNamespace($Server, [string] $Name, [hashtable] $Labels) {
        $null = Invoke-TestApi $Server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = $Name; labels = $Labels } }
    }
}

Describe 'Revision tags on two installed revisions' -Skip:(-not $HasShared) {
    BeforeAll {
        $script:Server = Start-TestApiServer
        $script:K = @{ Kubeconfig = $Server.Kubeconfig }
        Install-MeshControlPlane -Path $SeedFile -Namespace istio-1-18-5 -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -SkipWait @K -Confirm:$false 6>$null
        Install-MeshControlPlane -Profile minimal -Revision canary -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -SkipWait @K -Confirm:$false 6>$null
        # The first install made itself the default, as istioctl install does; these tests start without tags.
        (Get-MeshRevisionTag default @K).Revision | Should -Be 'istio-1-18-5'
        Remove-MeshRevisionTag -Tag default -Force @K -Confirm:$false
        $script:Injector = Invoke-TestApi $Server GET "$Webhooks/istio-sidecar-injector-istio-1-18-5-istio-1-18-5"
    }
    AfterAll { Stop-TestApiServer $Server }

    It '-WhatIf shows the plan and writes nothing' {
        $before = @(Get-TestApiObjects $Server $Webhooks).Count
        $out = Set-MeshRevisionTag -Tag prod -Revision istio-1-18-5 @K -WhatIf -Verbose 4>&1 | Out-String
        $out | Should -Match 'Create MutatingWebhookConfiguration istio-revision-tag-prod-istio-1-18-5'
        @(Get-TestApiObjects $Server $Webhooks).Count | Should -Be $before
        Get-MeshRevisionTag @K | Should -BeNullOrEmpty
    }

    It 'creates the tag webhook as istioctl generates it, routed to the revision''s istiod' {
        $tag = Set-MeshRevisionTag -Name prod -Revision istio-1-18-5 @K -PassThru -Confirm:$false
        $tag | Should -BeOfType ([MeshOps.MeshRevisionTag])
        $tag.Tag | Should -Be 'prod'
        $tag.Revision | Should -Be 'istio-1-18-5'
        $tag.WebhookNames | Should -Be @('istio-revision-tag-prod-istio-1-18-5')

        $wh = Invoke-TestApi $Server GET "$Webhooks/istio-revision-tag-prod-istio-1-18-5"
        $wh.metadata.labels.'istio.io/tag' | Should -Be 'prod'
        $wh.metadata.labels.'istio.io/rev' | Should -Be 'istio-1-18-5'
        $wh.metadata.labels.app | Should -Be 'sidecar-injector'
        $wh.webhooks.name | Should -Be @('rev.namespace.sidecar-injector.istio.io', 'rev.object.sidecar-injector.istio.io')
        foreach ($hook in $wh.webhooks) {
            $hook.clientConfig.service.name | Should -Be 'istiod-istio-1-18-5'
            $hook.clientConfig.service.namespace | Should -Be 'istio-1-18-5'
            $hook.clientConfig.service.path | Should -Be $Injector.webhooks[0].clientConfig.service.path
            $hook.clientConfig.service.port | Should -Be 443
            $hook.failurePolicy | Should -Be 'Fail'
        }
        $ns = $wh.webhooks[0].namespaceSelector.matchExpressions
        ($ns | Where-Object key -EQ 'istio.io/rev').values | Should -Be @('prod')
        ($ns | Where-Object key -EQ 'istio-injection').operator | Should -Be 'DoesNotExist'
        (($wh.webhooks[1].objectSelector.matchExpressions | Where-Object key -EQ 'istio.io/rev').values) | Should -Be @('prod')
    }

    It 'lists the tag, and Get-MeshRevision shows it' {
        New-TestNamespace $Server 'shop' @{ 'istio.io/rev' = 'prod' }
        $tag = Get-MeshRevisionTag prod @K
        $tag.Namespaces | Should -Be @('shop')
        (Get-MeshRevisionTag -Revision canary @K) | Should -BeNullOrEmpty
        (Get-MeshRevisionTag 'pr*' @K).Tag | Should -Be 'prod'
        { Get-MeshRevisionTag nosuch @K -ErrorAction Stop } | Should -Throw -ErrorId 'RevisionTagNotFound,*'
        $revision = Get-MeshRevision istio-1-18-5 @K
        $revision.Tags | Should -Be @('prod')
        $revision.Namespaces | Should -Contain 'shop'
        (Get-MeshRevision prod @K).Name | Should -Be 'istio-1-18-5'
    }

    It 'needs -Overwrite to retarget, taking the revision from the pipeline' {
        { Set-MeshRevisionTag -Tag prod -Revision canary @K -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'RevisionTagExists,*'
        (Invoke-TestApi $Server GET "$Webhooks/istio-revision-tag-prod-istio-1-18-5").metadata.labels.'istio.io/rev' | Should -Be 'istio-1-18-5'
        Get-MeshRevision canary @K | Set-MeshRevisionTag -Name prod -Overwrite @K -Confirm:$false 3>$null
        $wh = Invoke-TestApi $Server GET "$Webhooks/istio-revision-tag-prod"
        $wh.metadata.labels.'istio.io/rev' | Should -Be 'canary'
        $wh.webhooks[0].clientConfig.service.name | Should -Be 'istiod-canary'
        $wh.webhooks[0].clientConfig.service.namespace | Should -Be 'istio-system'
        (Get-TestApiObjects $Server $Webhooks).metadata.name | Should -Not -Contain 'istio-revision-tag-prod-istio-1-18-5'
        (Get-MeshRevision canary @K).Tags | Should -Be @('prod')
    }

    It '-Name and position 0 are the tag, -Tag an alias of it; -Revision has no -Name alias' {
        foreach ($command in 'Set-MeshRevisionTag', 'Get-MeshRevisionTag', 'Remove-MeshRevisionTag') {
            $name = (Get-Command $command).Parameters['Name']
            $name.Aliases | Should -Contain 'Tag' -Because $command
            ($name.ParameterSets.Values.Position | Select-Object -Unique) | Should -Be 0 -Because $command
        }
        (Get-Command Set-MeshRevisionTag).Parameters['Revision'].Aliases | Should -Not -Contain 'Name'

        Set-MeshRevisionTag -Name prod-stable -Revision istio-1-18-5 @K -Confirm:$false
        (Get-MeshRevisionTag -Name prod-stable @K).Revision | Should -Be 'istio-1-18-5'
        Set-MeshRevisionTag staging -Revision canary @K -Confirm:$false
        (Get-MeshRevisionTag staging @K).Revision | Should -Be 'canary'
        Set-MeshRevisionTag -Tag staging -Revision istio-1-18-5 -Overwrite @K -Confirm:$false 3>$null
        (Get-MeshRevisionTag -Tag staging @K).Revision | Should -Be 'istio-1-18-5'

        # Get | Remove binds each MeshRevisionTag's Tag property to -Name through the alias.
        Get-MeshRevisionTag prod-stable, staging @K | Remove-MeshRevisionTag @K -Confirm:$false
        (Get-MeshRevisionTag @K).Tag | Should -Be @('prod')
    }

    It 'refuses unknown revisions and tags named like revisions' {
        { Set-MeshRevisionTag -Tag x -Revision nosuch @K -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'RevisionNotFound,*'
        { Set-MeshRevisionTag -Tag canary -Revision istio-1-18-5 @K -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'RevisionTagNameIsRevision,*'
        { Set-MeshRevisionTag -Tag Bad_Tag -Revision canary @K -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRevisionTagName,*'
    }

    It 'refuses to remove a tag a namespace uses, removes it with -Force' {
        { Remove-MeshRevisionTag -Tag prod @K -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'RevisionTagInUse,*'
        $err = $null
        try { Remove-MeshRevisionTag -Tag prod @K -Confirm:$false -ErrorAction Stop } catch { $err = $_ }
        $err.Exception.Message | Should -Match 'shop'
        $out = Remove-MeshRevisionTag -Tag prod -Force @K -WhatIf -Verbose 4>&1 | Out-String
        $out | Should -Match 'Delete MutatingWebhookConfiguration istio-revision-tag-prod'
        (Get-TestApiObjects $Server $Webhooks).metadata.name | Should -Contain 'istio-revision-tag-prod'
        Get-MeshRevisionTag prod @K | Remove-MeshRevisionTag -Force @K -Confirm:$false
        (Get-TestApiObjects $Server $Webhooks).metadata.name | Should -Not -Contain 'istio-revision-tag-prod'
        Get-MeshRevisionTag @K | Should -BeNullOrEmpty
        (Get-MeshRevision canary @K).Tags | Should -BeNullOrEmpty
    }

    It 'the default tag takes istio-injection=enabled and validation; removing it takes the validator' {
        $out = Set-MeshRevisionTag -Tag default -Revision istio-1-18-5 @K -WhatIf -Verbose 4>&1 | Out-String
        $out | Should -Match 'ValidatingWebhookConfiguration istiod-default-validator'
        (Get-TestApiObjects $Server $Validators).metadata.name | Should -Not -Contain 'istiod-default-validator'

        Set-MeshRevisionTag -Tag default -Revision istio-1-18-5 @K -Confirm:$false
        $wh = Invoke-TestApi $Server GET "$Webhooks/istio-revision-tag-default-istio-1-18-5"
        $wh.webhooks.name | Should -Be @('rev.namespace.sidecar-injector.istio.io', 'rev.object.sidecar-injector.istio.io',
            'namespace.sidecar-injector.istio.io', 'object.sidecar-injector.istio.io')
        (($wh.webhooks[2].namespaceSelector.matchExpressions | Where-Object key -EQ 'istio-injection').values) | Should -Be @('enabled')
        (($wh.webhooks[3].objectSelector.matchExpressions | Where-Object key -EQ 'sidecar.istio.io/inject').values) | Should -Be @('true')
        $validator = Invoke-TestApi $Server GET "$Validators/istiod-default-validator"
        $validator.metadata.labels.'istio.io/tag' | Should -Be 'default'
        $validator.webhooks[0].clientConfig.service.name | Should -Be 'istiod-istio-1-18-5'
        $validator.webhooks[0].clientConfig.service.namespace | Should -Be 'istio-1-18-5'
        $validator.webhooks[0].clientConfig.service.path | Should -Be '/validate'
        $validator.webhooks[0].failurePolicy | Should -Be 'Ignore'

        New-TestNamespace $Server 'legacy' @{ 'istio-injection' = 'enabled' }
        (Get-MeshRevisionTag default @K).Namespaces | Should -Be @('legacy')
        { Remove-MeshRevisionTag -Tag default @K -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'RevisionTagInUse,*'
        Remove-MeshRevisionTag -Tag default -Force @K -Confirm:$false
        (Get-TestApiObjects $Server $Webhooks).metadata.name | Should -Not -Contain 'istio-revision-tag-default-istio-1-18-5'
        (Get-TestApiObjects $Server $Validators).metadata.name | Should -Not -Contain 'istiod-default-validator'
    }
}
