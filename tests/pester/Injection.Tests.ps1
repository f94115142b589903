# Get-MeshNamespace, Enable-MeshInjection and Disable-MeshInjection against the loopback API server. The control plane
# is seeded directly (an istiod Deployment labelled istio.io/rev and a tag webhook), which is all injection needs.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestApiServer.ps1')
    Import-Module $MeshOpsModule -Force

    function New-TestNamespace($Server, [string] $Name, [hashtable] $Labels = @{}) {
        $null = Invoke-TestApi $Server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = $Name; labels = $Labels } }
    }

    # A Deployment whose pods carry a sidecar from $SidecarRevision (none when empty), as the injector would leave them.
    function New-TestWorkload($Server, [string] $Namespace, [string] $Name, [string] $SidecarRevision, [int] $Replicas = 2) {
        $annotations = @{}
        if ($SidecarRevision) { $annotations['sidecar.istio.io/status'] = (@{ initContainers = @('istio-init'); containers = @('istio-proxy'); revision = $SidecarRevision } | ConvertTo-Json -Compress) }
        $null = Invoke-TestApi $Server POST "/apis/apps/v1/namespaces/$Namespace/deployments" @{
            apiVersion = 'apps/v1'; kind = 'Deployment'; metadata = @{ name = $Name; namespace = $Namespace }
            spec       = @{
                replicas = $Replicas; selector = @{ matchLabels = @{ app = $Name } }
                template = @{ metadata = @{ labels = @{ app = $Name }; annotations = $annotations }; spec = @{ containers = @(@{ name = 'app'; image = 'example/app:1' }) } }
            }
        }
    }

    function Get-Labels($Server, [string] $Name) { (Invoke-TestApi $Server GET "/api/v1/namespaces/$Name").metadata.labels }

    function Wait-Pods($Server, [string] $Namespace, [int] $Count) {
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (@(Get-TestApiObjects $Server "/api/v1/namespaces/$Namespace/pods").Count -lt $Count) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "pods of $Namespace did not appear" }
            Start-Sleep -Milliseconds 50
        }
    }


    # Writes (patch/apply/update) per namespace name from the server's request log.
    function Get-NamespaceWrites($Server) {
        (Get-TestApiRequests $Server).entries | Where-Object { $_.resource -eq 'namespaces' -and $_.verb -in 'patch', 'update', 'apply' }
    }
}

Describe 'Enable-MeshInjection and Disable-MeshInjection' {
    BeforeAll {
        $script:Server = Start-TestApiServer
        $script:K = @{ Kubeconfig = $Server.Kubeconfig }
        Initialize-TestApiControlPlane $Server
    }
    AfterAll { Stop-TestApiServer $Server }

    It 'labels a namespace given as a string, with one write' {
        New-TestNamespace $Server 'by-string'
        $null = Invoke-TestApi $Server DELETE '/__admin/requests'
        Enable-MeshInjection -Namespace by-string -Revision canary @K -Confirm:$false
        (Get-Labels $Server 'by-string').'istio.io/rev' | Should -Be 'canary'
        @(Get-NamespaceWrites $Server).Count | Should -Be 1
    }

    It 'takes MeshNamespace objects from Get-MeshNamespace and resolves tags' {
        New-TestNamespace $Server 'by-object'
        $result = Get-MeshNamespace by-object @K | Enable-MeshInjection -Revision stable @K -PassThru -Confirm:$false
        $result | Should -BeOfType ([MeshOps.MeshNamespace])
        $result.RevisionLabel | Should -Be 'stable'
        $result.InjectedBy | Should -Be 'canary'
        (Get-MeshNamespace -Revision canary @K).Name | Should -Contain 'by-object'
        (Get-MeshNamespace -Revision stable @K).Name | Should -Contain 'by-object'
    }

    It 'takes kubectl-style objects with metadata.name and objects with Name' {
        New-TestNamespace $Server 'by-json'
        New-TestNamespace $Server 'by-name'
        $json = Invoke-TestApi $Server GET '/api/v1/namespaces/by-json'   # a PSCustomObject with metadata.name, as ConvertFrom-Json gives
        @($json, [pscustomobject]@{ Name = 'by-name' }) | Enable-MeshInjection -Revision canary @K -Confirm:$false
        (Get-Labels $Server 'by-json').'istio.io/rev' | Should -Be 'canary'
        (Get-Labels $Server 'by-name').'istio.io/rev' | Should -Be 'canary'
    }

    It 'removes an istio-injection label that would win over istio.io/rev' {
        New-TestNamespace $Server 'legacy' @{ 'istio-injection' = 'enabled'; team = 'a' }
        Enable-MeshInjection legacy -Revision canary @K -Confirm:$false
        $labels = Get-Labels $Server 'legacy'
        $labels.'istio.io/rev' | Should -Be 'canary'
        $labels.PSObject.Properties.Name | Should -Not -Contain 'istio-injection'
        $labels.team | Should -Be 'a'
    }

    It 'refuses a revision that does not exist, and labels anyway with -Force' {
        New-TestNamespace $Server 'future'
        { Enable-MeshInjection future -Revision istio-1-99-0 @K -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'RevisionNotFound,MeshOps.Cmdlets.Commands.EnableMeshInjectionCommand'
        (Get-Labels $Server 'future').PSObject.Properties.Name | Should -Not -Contain 'istio.io/rev'
        Enable-MeshInjection future -Revision istio-1-99-0 -Force @K -Confirm:$false
        (Get-Labels $Server 'future').'istio.io/rev' | Should -Be 'istio-1-99-0'
        (Get-MeshNamespace future @K).InjectedBy | Should -BeNullOrEmpty
    }

    It 'writes nothing with -WhatIf' {
        New-TestNamespace $Server 'what-if' @{ 'istio-injection' = 'disabled' }
        $null = Invoke-TestApi $Server DELETE '/__admin/requests'
        $planned = Enable-MeshInjection what-if -Revision canary @K -WhatIf -PassThru
        $planned.RevisionLabel | Should -Be 'canary' -Because '-PassThru with -WhatIf shows the namespace as it would be'
        $planned.InjectionLabel | Should -BeNullOrEmpty
        @(Get-NamespaceWrites $Server).Count | Should -Be 0
        (Get-Labels $Server 'what-if').'istio-injection' | Should -Be 'disabled'
    }

    It 'reports a missing namespace and labels the others' {
        New-TestNamespace $Server 'present'
        Enable-MeshInjection -Namespace absent, present -Revision canary @K -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.FullyQualifiedErrorId | Should -Contain 'NamespaceNotFound,MeshOps.Cmdlets.Commands.EnableMeshInjectionCommand'
        (Get-Labels $Server 'present').'istio.io/rev' | Should -Be 'canary'
    }

    It 'disables: removes istio.io/rev and an istio-injection=enabled, or sets disabled with -Explicit' {
        New-TestNamespace $Server 'off-1' @{ 'istio.io/rev' = 'canary'; 'istio-injection' = 'enabled' }
        New-TestNamespace $Server 'off-2' @{ 'istio.io/rev' = 'canary' }
        Disable-MeshInjection off-1 @K -Confirm:$false
        (Get-Labels $Server 'off-1').PSObject.Properties.Name | Where-Object { $_ -in 'istio.io/rev', 'istio-injection' } | Should -BeNullOrEmpty
        $result = Disable-MeshInjection off-2 -Explicit @K -PassThru -Confirm:$false
        $result.InjectionLabel | Should -Be 'disabled'
        $result.RevisionLabel | Should -BeNullOrEmpty
        $result.InjectedBy | Should -BeNullOrEmpty
    }

    It 'reports pods of another revision for restart, and -RestartWorkloads restarts their Deployment' {
        New-TestNamespace $Server 'shop' @{ 'istio.io/rev' = 'old' }
        New-TestWorkload $Server 'shop' 'cart' 'old' -Replicas 2
        New-TestWorkload $Server 'shop' 'opted-out' '' -Replicas 1
        $null = Invoke-TestApi $Server PATCH '/apis/apps/v1/namespaces/shop/deployments/opted-out' '{"spec":{"template":{"metadata":{"labels":{"sidecar.istio.io/inject":"false"}}}}}' 'application/merge-patch+json'
        Wait-Pods $Server 'shop' 3

        $result = Enable-MeshInjection shop -Revision canary @K -PassThru -Confirm:$false -WarningVariable warned 3>$null
        $result.RestartCount | Should -Be 2
        $result.PodsToRestart.CurrentRevision | Sort-Object -Unique | Should -Be 'old'
        $result.PodsToRestart.TargetRevision | Sort-Object -Unique | Should -Be 'canary'
        $result.PodsToRestart.OwnerKind | Sort-Object -Unique | Should -Be 'ReplicaSet'
        ($warned | Out-String) | Should -Match '2 pod\(s\) in 1 namespace'
        (Get-MeshNamespace shop @K).RestartCount | Should -Be 2

        $null = Invoke-TestApi $Server DELETE '/__admin/requests'
        Enable-MeshInjection shop -Revision canary -RestartWorkloads @K -Confirm:$false -WarningAction SilentlyContinue
        # Raw JSON: ConvertFrom-Json would turn the timestamp into a DateTime.
        $cart = (Invoke-WebRequest -Uri "$($Server.Uri)/apis/apps/v1/namespaces/shop/deployments/cart" -Headers @{ Authorization = "Bearer $($Server.Token)" } -SkipCertificateCheck).Content
        $cart | Should -Match '"kubectl.kubernetes.io/restartedAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"'
        $optedOut = Invoke-TestApi $Server GET '/apis/apps/v1/namespaces/shop/deployments/opted-out'
        $optedOut.spec.template.metadata.annotations.'kubectl.kubernetes.io/restartedAt' | Should -BeNullOrEmpty
        $patches = (Get-TestApiRequests $Server).entries | Where-Object { $_.verb -eq 'patch' -and $_.resource -eq 'deployments' }
        @($patches).Count | Should -Be 1
        @(Get-NamespaceWrites $Server).Count | Should -Be 0 -Because 'the namespace already had the label'
    }

    It '-WhatIf plans workload restarts and patches nothing' {
        New-TestNamespace $Server 'shop2'
        New-TestWorkload $Server 'shop2' 'web' '' -Replicas 1
        Wait-Pods $Server 'shop2' 1
        $null = Invoke-TestApi $Server DELETE '/__admin/requests'
        $planned = Enable-MeshInjection shop2 -Revision canary -RestartWorkloads @K -WhatIf -PassThru
        $planned.PodsToRestart.OwnerKind | Should -Be 'ReplicaSet'
        $planned.PodsToRestart.TargetRevision | Should -Be 'canary'
        $planned.PodsToRestart.CurrentRevision | Should -BeNullOrEmpty
        $writes = (Get-TestApiRequests $Server).entries | Where-Object { $_.verb -in 'patch', 'update', 'apply' -and $_.resource -in 'namespaces', 'deployments' }
        @($writes).Count | Should -Be 0
    }
}

Describe 'Enable-MeshInjection on 1,000 namespaces' {
    BeforeAll {
        $script:Server = Start-TestApiServer
        $script:K = @{ Kubeconfig = $Server.Kubeconfig }
        Initialize-TestApiControlPlane $Server
        $script:Names = 1..1000 | ForEach-Object { 'bulk-{0:d4}' -f $_ }
        Send-TestApiBulk $Server POST ($Names | ForEach-Object {
                @{ Path = '/api/v1/namespaces'; Body = '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"' + $_ + '","labels":{"istio-injection":"enabled"}}}' } })
    }
    AfterAll { Stop-TestApiServer $Server }

    It 'writes exactly once per namespace' {
        $null = Invoke-TestApi $Server DELETE '/__admin/requests'
        $Names | Enable-MeshInjection -Revision canary @K -Confirm:$false
        $writes = @(Get-NamespaceWrites $Server)
        $writes.Count | Should -Be 1000
        ($writes.name | Sort-Object -Unique).Count | Should -Be 1000
        $all = Get-TestApiObjects $Server '/api/v1/namespaces' | Where-Object { $_.metadata.name -like 'bulk-*' }
        @($all | Where-Object { $_.metadata.labels.'istio.io/rev' -eq 'canary' -and -not $_.metadata.labels.'istio-injection' }).Count | Should -Be 1000
        $gets = @((Get-TestApiRequests $Server).entries | Where-Object { $_.verb -eq 'get' -and $_.resource -eq 'namespaces' })
        $gets.Count | Should -Be 0 -Because 'namespaces are read with one list, not one GET each'
    }

    It 'Get-MeshNamespace -Revision finds all of them through the tag too' {
        @(Get-MeshNamespace -Revision stable @K | Where-Object Name -like 'bulk-*').Count | Should -Be 1000
    }
}
