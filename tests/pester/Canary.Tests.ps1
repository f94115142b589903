# The canary upgrade against the loopback API server, whose simulated injector stamps each new pod as the installed
# revisions' webhooks select it: two revisions of 1.18.5 installed from the real charts, workloads moved between them
# with Move-MeshWorkload, every pod's sidecar checked from the server, the old revision uninstalled without -Force.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestApiServer.ps1')
    Import-Module $MeshOpsModule -Force

    # A namespace with two Deployments and a StatefulSet (4 pods).
    function New-CanaryNamespace($Server, [string] $Name, [string] $Label) {
        $null = Invoke-TestApi $Server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = $Name; labels = @{ 'istio.io/rev' = $Label } } }
        foreach ($w in @(@{ kind = 'deployments'; name = 'web'; replicas = 2 }, @{ kind = 'deployments'; name = 'api'; replicas = 1 }, @{ kind = 'statefulsets'; name = 'db'; replicas = 1 })) {
            $spec = @{
                replicas = $w.replicas; selector = @{ matchLabels = @{ app = $w.name } }
                template = @{ metadata = @{ labels = @{ app = $w.name } }; spec = @{ containers = @(@{ name = 'app'; image = 'example/app:1' }) } }
            }
            if ($w.kind -eq 'statefulsets') { $spec.serviceName = $w.name }
            $null = Invoke-TestApi $Server POST "/apis/apps/v1/namespaces/$Name/$($w.kind)" @{ apiVersion = 'apps/v1'; metadata = @{ name = $w.name; namespace = $Name }; spec = $spec }
        }
    }

    # Every pod of the namespaces, read from the server: name, the revision in sidecar.istio.io/status, Ready.
    function Get-ServerPods($Server, [string[]] $Namespaces) {
        foreach ($ns in $Namespaces) {
            foreach ($pod in Get-TestApiObjects $Server "/api/v1/namespaces/$ns/pods") {
                $status = $pod.metadata.annotations.'sidecar.istio.io/status'
                [pscustomobject]@{
                    Name     = "$ns/$($pod.metadata.name)"
                    Revision = if ($status) { ($status | ConvertFrom-Json).revision } else { $null }
                    Ready    = [bool]($pod.status.conditions | Where-Object { $_.type -eq 'Ready' -and $_.status -eq 'True' })
                }
            }
        }
    }

    function Wait-ServerPods($Server, [string[]] $Namespaces, [string] $Revision, [int] $Count) {
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ($true) {
            $pods = @(Get-ServerPods $Server $Namespaces)
            if ($pods.Count -eq $Count -and -not ($pods | Where-Object { $_.Revision -ne $Revision -or -not $_.Ready })) { return }
            if ([DateTime]::UtcNow -gt $deadline) { throw "pods not all ready on ${Revision}: $($pods | ForEach-Object { "$($_.Name)=$($_.Revision)/$($_.Ready)" })" }
            Start-Sleep -Milliseconds 100
        }
    }

    function Get-RevisionLabel($Server, [string] $Name) { (Invoke-TestApi $Server GET "/api/v1/namespaces/$Name").metadata.labels.'istio.io/rev' }
}

Describe 'Move-MeshWorkload: a canary upgrade between two revisions of 1.18.5' -Skip:(-not $HasShared) {
    BeforeAll {
        $script:Server = Start-TestApiServer
        $script:K = @{ Kubeconfig = $Server.Kubeconfig }
        # ../shared's copy names development images; set the release's, as its archive would, so the proxy version is 1.18.5.
        foreach ($rev in 'rev-a', 'rev-b') {
            Install-MeshControlPlane -Profile minimal -Revision $rev -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -Set hub=docker.io/istio, tag=$ReleaseVersion @K -Confirm:$false 6>$null 3>$null
        }
    }
    AfterAll { Stop-TestApiServer $Server }

    It 'sees every pod on revision A with its workload and proxy version' {
        foreach ($ns in 'move-1', 'move-2', 'move-3') { New-CanaryNamespace $Server $ns 'rev-a' }
        Wait-ServerPods $Server @('move-1', 'move-2', 'move-3') 'rev-a' 12
        $rows = @(Get-MeshNamespace 'move-*' @K | Get-MeshWorkload @K)
        $rows.Count | Should -Be 12
        $rows.Revision | Sort-Object -Unique | Should -Be 'rev-a'
        $rows.ProxyVersion | Sort-Object -Unique | Should -Be '1.18.5'
        $rows.Workload | Sort-Object -Unique | Should -Be @('Deployment/api', 'Deployment/web', 'StatefulSet/db')
        $rows.OutOfDate | Sort-Object -Unique | Should -Be $false
    }

    It '-Namespace of the workload cmdlets has no -Name alias (a workload''s Name is the workload); piped namespaces still bind' {
        foreach ($command in 'Get-MeshWorkload', 'Move-MeshWorkload') {
            (Get-Command $command).Parameters['Namespace'].Aliases | Should -Not -Contain 'Name' -Because $command
        }
        @([pscustomobject]@{ Name = 'move-1' } | Get-MeshWorkload @K).Namespace | Sort-Object -Unique | Should -Be 'move-1'
        { Get-MeshNamespace move-1 @K | Move-MeshWorkload -From rev-a -To rev-b @K -WhatIf -ErrorAction Stop 6>$null } | Should -Not -Throw
    }

    It '-WhatIf shows namespaces, workloads and batches in order, and writes nothing' {
        $null = Invoke-TestApi $Server DELETE '/__admin/requests'
        $transcript = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -Path $transcript -UseMinimalHeader 6>$null
        try { $out = Move-MeshWorkload -From rev-a -To rev-b -Namespace move-1, move-2, move-3 -BatchSize 2 @K -WhatIf }
        finally { Stop-Transcript 6>$null }
        $out | Should -BeNullOrEmpty
        $text = Get-Content $transcript -Raw
        $text | Should -Match ([regex]::Escape('batch 1 of 2: label istio.io/rev=rev-b; restart Deployment/api, Deployment/web, StatefulSet/db" on target "namespace ''move-1''"'))
        $text.IndexOf("namespace 'move-2'") | Should -BeGreaterThan $text.IndexOf("namespace 'move-1'")
        $text | Should -Match ([regex]::Escape('batch 2 of 2: label istio.io/rev=rev-b; restart Deployment/api, Deployment/web, StatefulSet/db" on target "namespace ''move-3''"'))
        $writes = (Get-TestApiRequests $Server).entries | Where-Object { $_.verb -in 'patch', 'update', 'apply', 'create', 'delete' -and $_.path -notlike '/__admin/*' }
        @($writes).Count | Should -Be 0 -Because ($writes | ConvertTo-Json -Compress)
    }

    It 'with a B whose pods never become Ready, rolls the first batch back, never starts the others, and A serves every namespace' {
        foreach ($ns in 'fail-1', 'fail-2', 'fail-3') { New-CanaryNamespace $Server $ns 'rev-a' }
        Wait-ServerPods $Server @('fail-1', 'fail-2', 'fail-3') 'rev-a' 12
        $null = Invoke-TestApi $Server POST '/__admin/controllers' @{ failRevisions = @{ 'rev-b' = 'Unready' } }
        try {
            $results = Move-MeshWorkload -From rev-a -To rev-b -Namespace fail-1, fail-2, fail-3 -BatchSize 1 -Timeout 00:00:03 @K -Confirm:$false -ErrorVariable moveError -ErrorAction SilentlyContinue
        }
        finally { $null = Invoke-TestApi $Server POST '/__admin/controllers' @{ failRevisions = @{} } }
        $results.Outcome | Should -Be @('RolledBack', 'Skipped', 'Skipped')
        $results[2].Message | Should -Match 'not started'
        $moveError.Count | Should -Be 1
        $moveError[0].FullyQualifiedErrorId | Should -BeLike 'WorkloadMoveRolledBack*'
        $moveError[0].Exception.Message | Should -Match 'Deployment/web in fail-1'
        $moveError[0].Exception.Message | Should -Match 'Readiness probe failed'
        foreach ($ns in 'fail-1', 'fail-2', 'fail-3') { Get-RevisionLabel $Server $ns | Should -Be 'rev-a' }
        Get-ServerPods $Server @('fail-1', 'fail-2', 'fail-3') | ForEach-Object { "$($_.Name) $($_.Revision) $($_.Ready)" | Should -Match ' rev-a True$' }
    }

    It 'moves with a revision tag: the tag points at B, namespace labels stay' {
        Set-MeshRevisionTag -Tag stable -Revision rev-a @K -Confirm:$false
        foreach ($ns in 'tag-1', 'tag-2', 'tag-3') { New-CanaryNamespace $Server $ns 'stable' }
        Wait-ServerPods $Server @('tag-1', 'tag-2', 'tag-3') 'rev-a' 12
        $results = Move-MeshWorkload -Tag stable -From rev-a -To rev-b -BatchSize 1 @K -Confirm:$false
        $results.Outcome | Should -Be @('Moved', 'Moved', 'Moved')
        (Get-MeshRevisionTag @K | Where-Object Tag -EQ stable).Revision | Should -Be 'rev-b'
        foreach ($ns in 'tag-1', 'tag-2', 'tag-3') { Get-RevisionLabel $Server $ns | Should -Be 'stable' }
        Get-ServerPods $Server @('tag-1', 'tag-2', 'tag-3') | ForEach-Object { "$($_.Name) $($_.Revision) $($_.Ready)" | Should -Match ' rev-b True$' }
    }

    It 'finishes an interrupted move when run again' {
        foreach ($ns in 'int-1', 'int-2', 'int-3') { New-CanaryNamespace $Server $ns 'rev-a' }
        Wait-ServerPods $Server @('int-1', 'int-2', 'int-3') 'rev-a' 12
        # Slow rollouts, then stop the move (as Ctrl+C does) once its first batch has started.
        $null = Invoke-TestApi $Server POST '/__admin/controllers' @{ readyDelayMs = 1500 }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($Module, $Kubeconfig)
                    Import-Module $Module
                    Move-MeshWorkload -From rev-a -To rev-b -Namespace int-1, int-2, int-3 -BatchSize 1 -Kubeconfig $Kubeconfig -Confirm:$false
                }).AddArgument($MeshOpsModule).AddArgument($Server.Kubeconfig)
            $async = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ((Get-RevisionLabel $Server 'int-1') -ne 'rev-b' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $ps.Stop()
            $async.IsCompleted | Should -BeTrue
        }
        finally {
            $ps.Dispose()
            $null = Invoke-TestApi $Server POST '/__admin/controllers' @{ readyDelayMs = 50 }
        }
        Get-RevisionLabel $Server 'int-3' | Should -Be 'rev-a' -Because 'the move was stopped in its first batch'

        $results = Move-MeshWorkload -From rev-a -To rev-b -Namespace int-1, int-2, int-3 -BatchSize 1 @K -Confirm:$false
        $results.Namespace | Should -Be @('int-1', 'int-2', 'int-3')
        $results | Where-Object Outcome -NotIn 'Moved', 'Skipped' | Should -BeNullOrEmpty
        ($results | Where-Object Namespace -EQ 'int-3').Outcome | Should -Be 'Moved'
        Get-ServerPods $Server @('int-1', 'int-2', 'int-3') | ForEach-Object { "$($_.Name) $($_.Revision) $($_.Ready)" | Should -Match ' rev-b True$' }
    }

    It 'moves every namespace A selects one batch at a time; every pod is on B; A uninstalls without -Force' {
        $results = @(Move-MeshWorkload -From rev-a -To rev-b -BatchSize 1 @K -Confirm:$false)
        # move-* and the fail-* namespaces the failed move left on A.
        $results.Namespace | Should -Be @('fail-1', 'fail-2', 'fail-3', 'move-1', 'move-2', 'move-3')
        $results.Outcome | Sort-Object -Unique | Should -Be 'Moved'
        $results.Batch | Should -Be @(1, 2, 3, 4, 5, 6)
        $all = 'fail-1', 'fail-2', 'fail-3', 'move-1', 'move-2', 'move-3'
        Get-ServerPods $Server $all | ForEach-Object { "$($_.Name) $($_.Revision) $($_.Ready)" | Should -Match ' rev-b True$' }
        foreach ($ns in $all) { Get-RevisionLabel $Server $ns | Should -Be 'rev-b' }
        @(Get-MeshWorkload @K -OutOfDate | Where-Object Namespace -In $all).Count | Should -Be 0

        Uninstall-MeshControlPlane -Revision rev-a @K -Confirm:$false 3>$null
        (Get-MeshRevision @K).Name | Should -Be 'rev-b'
        (Get-MeshRevisionTag @K | Where-Object Tag -EQ stable).Revision | Should -Be 'rev-b' -Because 'tags stay where the user left them'
    }
}
