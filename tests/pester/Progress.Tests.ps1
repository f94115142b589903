# Write-Progress of the long operations: install (per component and wait), uninstall (per kind pruned), workload
# restarts, and charts rendered one after another. Each command runs in its own [powershell] so that its progress
# records can be read from Streams.Progress, as a host would receive them.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestApiServer.ps1')
    Import-Module $MeshOpsModule -Force
    $script:SeedFile = Join-Path $RepoRoot 'examples/my-config.yaml'

    # Runs one script block (with named arguments) in a fresh runspace that imported the module; returns its output,
    # progress records and errors.
    function Invoke-WithProgress([scriptblock] $Script, [hashtable] $Arguments = @{}) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $MeshOpsModule).AddStatement()
            $null = $ps.AddScript($Script.ToString())
            foreach ($key in $Arguments.Keys) { $null = $ps.AddParameter($key, $Arguments[$key]) }
            $output = $ps.Invoke()
            [pscustomobject]@{ Output = @($output); Progress = @($ps.Streams.Progress); Errors = @($ps.Streams.Error) }
        }
        finally { $ps.Dispose() }
    }

    function Get-Statuses($Records, [int] $ActivityId) { @($Records | Where-Object ActivityId -EQ $ActivityId | ForEach-Object StatusDescription) }

    # Every bar shown ends with a Completed record after its last update, and no bar is its own parent.
    function Assert-AllCompleted($Records) {
        $Records.Count | Should -BeGreaterThan 0
        foreach ($group in $Records | Group-Object ActivityId) {
            $last = $group.Group[-1]
            $last.RecordType | Should -Be 'Completed' -Because "activity $($group.Name) ('$($last.Activity)') must end with a Completed record"
            $group.Group | ForEach-Object { $_.ParentActivityId | Should -Not -Be $_.ActivityId }
        }
    }
}

Describe 'Progress of install, restart and uninstall' -Skip:(-not $HasShared) {
    BeforeAll {
        $script:Server = Start-TestApiServer
        $script:Common = @{ Kubeconfig = $Server.Kubeconfig; ManifestsPath = $ReleaseManifests; Version = $ReleaseVersion; Path = $SeedFile; Namespace = 'istio-1-18-5' }
    }
    AfterAll { Stop-TestApiServer $Server }

    It 'install shows a bar per step: rendering, each component, each wait, nested under one install bar, all completed' {
        $run = Invoke-WithProgress { param($Common) Install-MeshControlPlane @Common -Confirm:$false -InformationAction Ignore } @{ Common = $Common }
        $run.Errors | Should -BeNullOrEmpty
        $records = $run.Progress
        Assert-AllCompleted $records

        $install = @($records | Where-Object ActivityId -EQ 7100)
        $install[0].Activity | Should -Be 'Installing Istio'
        $install[-1].StatusDescription | Should -Be 'Installation complete'
        @(Get-Statuses $records 7100) -match '^Rendered \d+ objects for revision istio-1-18-5$' | Should -HaveCount 1

        # Rendering, applying and waiting are steps of the install: nested under its bar.
        foreach ($id in 7110, 7300, 7301) {
            @($records | Where-Object ActivityId -EQ $id).Count | Should -BeGreaterThan 0 -Because "activity $id must be shown"
            $records | Where-Object ActivityId -EQ $id | ForEach-Object { $_.ParentActivityId | Should -Be 7100 }
        }
        $applying = Get-Statuses $records 7300
        # The seed's minimal profile has two components: Base (with the CRDs), then Pilot.
        @($applying -match '^Base: \d+ objects \(component 1 of 2\)$') | Should -HaveCount 1
        @($applying -match '^Pilot: \d+ objects \(component 2 of 2\)$') | Should -HaveCount 1
        @($applying -match '^Base: waiting for \d+ CRDs to be Established$') | Should -HaveCount 1
        $applying | Should -Contain 'Waiting for Pilot to roll out'
        Get-Statuses $records 7301 | Select-Object -Last 1 | Should -Be '1 of 1 ready'
        Get-Statuses $records 7110 | Should -Contain 'Pilot'
    }

    It 'Enable-MeshInjection -RestartWorkloads shows a step per workload restarted' {
        $null = Invoke-TestApi $Server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = 'shop'; labels = @{ 'istio.io/rev' = 'old' } } }
        foreach ($name in 'cart', 'checkout') {
            $null = Invoke-TestApi $Server POST '/apis/apps/v1/namespaces/shop/deployments' @{
                apiVersion = 'apps/v1'; kind = 'Deployment'; metadata = @{ name = $name; namespace = 'shop' }
                spec       = @{
                    replicas = 1; selector = @{ matchLabels = @{ app = $name } }
                    template = @{
                        metadata = @{ labels = @{ app = $name }; annotations = @{ 'sidecar.istio.io/status' = '{"containers":["istio-proxy"],"revision":"old"}' } }
                        spec     = @{ containers = @(@{ name = 'app'; image = 'example/app:1' }) }
                    }
                }
            }
        }
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (@(Get-TestApiObjects $Server '/api/v1/namespaces/shop/pods').Count -lt 2) {
            if ([DateTime]::UtcNow -gt $deadline) { throw 'the pods of shop did not appear' }
            Start-Sleep -Milliseconds 50
        }

        $run = Invoke-WithProgress { param($Kubeconfig) Enable-MeshInjection shop -Revision istio-1-18-5 -RestartWorkloads -Kubeconfig $Kubeconfig -Confirm:$false } @{ Kubeconfig = $Server.Kubeconfig }
        $run.Errors | Should -BeNullOrEmpty
        Assert-AllCompleted $run.Progress
        Get-Statuses $run.Progress 7500 | Should -Contain 'shop (1 of 1)'
        $restarts = Get-Statuses $run.Progress 7510
        # Restarts run in parallel, so which workload comes first varies; the counts do not.
        $restarts | Should -HaveCount 3 -Because 'two steps, then the Completed record repeating the last'
        $restarts[0] | Should -Match '^Restarted Deployment/(cart|checkout) in shop \(1 of 2\)$'
        $restarts[1] | Should -Match '^Restarted Deployment/(cart|checkout) in shop \(2 of 2\)$'
        $restarts[0] | Should -Not -Be ($restarts[1] -replace '2 of 2', '1 of 2') -Because 'each workload is restarted once'
        ($run.Progress | Where-Object ActivityId -EQ 7510)[0].Activity | Should -Be 'Restarting workloads'
    }

    It 'Set-MeshConfig -RestartWorkloads shows a step per workload restarted' {
        # Pods the revision injected (the loopback server's injector plays istiod); a proxy setting reaches them on restart.
        $null = Invoke-TestApi $Server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = 'orders'; labels = @{ 'istio.io/rev' = 'istio-1-18-5' } } }
        foreach ($name in 'api', 'worker') {
            $null = Invoke-TestApi $Server POST '/apis/apps/v1/namespaces/orders/deployments' @{
                apiVersion = 'apps/v1'; kind = 'Deployment'; metadata = @{ name = $name; namespace = 'orders' }
                spec       = @{ replicas = 1; selector = @{ matchLabels = @{ app = $name } }; template = @{ metadata = @{ labels = @{ app = $name } }; spec = @{ containers = @(@{ name = 'app'; image = 'example/app:1' }) } } }
            }
        }
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (@(Get-MeshWorkload orders -Kubeconfig $Server.Kubeconfig | Where-Object Revision -EQ 'istio-1-18-5').Count -lt 2) {
            if ([DateTime]::UtcNow -gt $deadline) { throw 'the pods of orders did not get their sidecar' }
            Start-Sleep -Milliseconds 100
        }
        $run = Invoke-WithProgress {
            param($Kubeconfig) Set-MeshConfig istio-1-18-5 -DefaultConfig @{ holdApplicationUntilProxyStarts = $true } -RestartWorkloads -Kubeconfig $Kubeconfig -Confirm:$false
        } @{ Kubeconfig = $Server.Kubeconfig }
        $run.Errors | Should -BeNullOrEmpty
        Assert-AllCompleted $run.Progress
        # One step per workload (in name order), then the Completed record repeating the last.
        Get-Statuses $run.Progress 7510 | Where-Object { $_ -match 'orders/' } |
            Should -Be @('Restarted Deployment orders/api (1 of 2)', 'Restarted Deployment orders/worker (2 of 2)', 'Restarted Deployment orders/worker (2 of 2)')
    }

    It 'Move-MeshWorkload shows its batches with the restarts and the health gate nested, all completed' {
        Install-MeshControlPlane -Profile minimal -Revision canary -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -SkipWait -Kubeconfig $Server.Kubeconfig -Confirm:$false 6>$null 3>$null
        $run = Invoke-WithProgress {
            param($Kubeconfig) Move-MeshWorkload orders -From istio-1-18-5 -To canary -Timeout 00:00:30 -Kubeconfig $Kubeconfig -Confirm:$false
        } @{ Kubeconfig = $Server.Kubeconfig }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Outcome | Should -Be 'Moved'
        Assert-AllCompleted $run.Progress
        ($run.Progress | Where-Object ActivityId -EQ 7401)[0].Activity | Should -Be 'Moving workloads from istio-1-18-5 to canary'
        Get-Statuses $run.Progress 7401 | Should -Contain 'Batch 1 of 1: orders'
        foreach ($id in 7402, 7403) {
            @($run.Progress | Where-Object ActivityId -EQ $id).Count | Should -BeGreaterThan 0 -Because "activity $id must be shown"
            $run.Progress | Where-Object ActivityId -EQ $id | ForEach-Object { $_.ParentActivityId | Should -Be 7401 }
        }
        # Restarts run in parallel: which workload is second varies.
        @(Get-Statuses $run.Progress 7402) -match '^Deployment/(api|worker) in orders \(2 of 2\)$' | Should -Not -BeNullOrEmpty
        (Get-Statuses $run.Progress 7403)[-1] | Should -Be '2 of 2 workload(s) healthy on revision canary'
    }

    It 'uninstall shows a step per kind pruned, nested under one uninstall bar, all completed' {
        $run = Invoke-WithProgress { param($Kubeconfig) Uninstall-MeshControlPlane istio-1-18-5 -Force -Kubeconfig $Kubeconfig -Confirm:$false } @{ Kubeconfig = $Server.Kubeconfig }
        $run.Errors | Should -BeNullOrEmpty
        $records = $run.Progress
        Assert-AllCompleted $records
        # The cmdlet plans first (for -WhatIf and -Confirm), then removes.
        $records | Where-Object ActivityId -EQ 7200 | ForEach-Object Activity | Select-Object -Unique |
            Should -Be @('Planning the removal of revision istio-1-18-5', 'Removing revision istio-1-18-5')
        $pruning = @($records | Where-Object ActivityId -EQ 7303)
        $pruning | ForEach-Object { $_.ParentActivityId | Should -Be 7200 }
        $kinds = $pruning | Where-Object RecordType -EQ 'Processing' | ForEach-Object { ($_.StatusDescription -split ':')[0] }
        $kinds | Should -Contain 'Deployment'
        $kinds | Should -Contain 'MutatingWebhookConfiguration'
        $kinds | Should -Contain 'ConfigMap'
        $pruning[0].StatusDescription | Should -Match '^\w+: \d+ object\(s\) of \w+ \(kind 1 of \d+\)$'
        $pruning[-1].StatusDescription | Should -Match '^\d+ objects of \d+ kinds pruned$'
        (Get-Statuses $records 7200)[-1] | Should -Match '^\d+ objects removed$'
        @($records | Where-Object ActivityId -EQ 7300).Count | Should -Be 0 -Because 'an uninstall applies nothing, so it shows no apply bar'
    }
}

Describe 'Progress when an install fails' -Skip:(-not $HasShared) {
    It 'completes every bar it opened when a rollout times out' {
        $server = Start-TestApiServer -Arguments @('--never-ready', 'istiod-*')
        try {
            $run = Invoke-WithProgress {
                param($Kubeconfig, $ManifestsPath, $Version, $SeedFile)
                Install-MeshControlPlane -Path $SeedFile -Namespace istio-1-18-5 -Kubeconfig $Kubeconfig -ManifestsPath $ManifestsPath -Version $Version -Timeout '00:00:02' -Confirm:$false -InformationAction Ignore
            } @{ Kubeconfig = $server.Kubeconfig; ManifestsPath = $ReleaseManifests; Version = $ReleaseVersion; SeedFile = $SeedFile }
        }
        finally { Stop-TestApiServer $server }
        $run.Errors.FullyQualifiedErrorId | Should -BeLike 'RolloutTimeout,*'
        Assert-AllCompleted $run.Progress
        Get-Statuses $run.Progress 7301 | Should -Contain '0 of 1 ready: waiting for Deployment istio-1-18-5/istiod-istio-1-18-5'
    }
}

Describe 'Progress of charts rendered one after another' -Skip:(-not $HasShared) {
    It 'shows a step per chart piped in and ends the bar with the count' {
        $charts = @(Get-ChildItem (Join-Path $ReleaseManifests 'charts') -Directory | Where-Object Name -In 'base', 'istiod-remote')
        $charts.Count | Should -Be 2
        $run = Invoke-WithProgress { param($Charts) $Charts | Expand-MeshChart } @{ Charts = $charts }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 2
        Assert-AllCompleted $run.Progress
        Get-Statuses $run.Progress 7600 | Should -Be @('Chart 1: base', 'Chart 2: istiod-remote', '2 chart(s) rendered')
    }

    It 'ends the bar when a chart fails' {
        $missing = Join-Path $TestDrive 'no-such-chart'
        $run = Invoke-WithProgress { param($Paths) $Paths | Expand-MeshChart } @{ Paths = @((Join-Path $ReleaseManifests 'charts/base'), $missing) }
        $run.Errors.Count | Should -Be 1
        Assert-AllCompleted $run.Progress
    }
}
