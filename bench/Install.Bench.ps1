<#
.SYNOPSIS
Install benchmark against the loopback API server with 20 ms injected latency per request.

.DESCRIPTION
Installs the seed's examples/my-config.yaml with -Namespace istio-1-18-5, then again (nothing to change), and reports
the time and the number of API requests (the admin call that clears the log counts as one), next to applying the same
rendered objects one at a time (one server-side apply PATCH each, in istioctl's order, as a script around kubectl
would do) on a fresh server. Numbers are for comparison on the same machine, never asserted.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $LatencyMs = 20
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../tests/pester/TestApiServer.ps1')
$manifests = Join-Path $PSScriptRoot '../../shared/istio/1.18.5/release/manifests'
if (-not (Test-Path $TestApiServerDll) -or -not (Test-Path $manifests)) {
    Write-Warning 'Install benchmark skipped: it needs the built test API server (out/testapiserver) and ../shared.'
    return
}
Import-Module (Resolve-Path $ModulePath).Path
$seed = Join-Path $PSScriptRoot '../examples/my-config.yaml'
$work = Join-Path ([IO.Path]::GetTempPath()) "meshops-bench-install-$PID"
New-Item -ItemType Directory -Force $work | Out-Null

# Where each kind the seed's manifest holds is written; a kind missing here stops the benchmark rather than skewing it.
$collections = @{
    'CustomResourceDefinition' = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions'
    'ClusterRole' = '/apis/rbac.authorization.k8s.io/v1/clusterroles'; 'ClusterRoleBinding' = '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings'
    'Role' = '/apis/rbac.authorization.k8s.io/v1/namespaces/{0}/roles'; 'RoleBinding' = '/apis/rbac.authorization.k8s.io/v1/namespaces/{0}/rolebindings'
    'ServiceAccount' = '/api/v1/namespaces/{0}/serviceaccounts'; 'ConfigMap' = '/api/v1/namespaces/{0}/configmaps'
    'Service' = '/api/v1/namespaces/{0}/services'; 'Deployment' = '/apis/apps/v1/namespaces/{0}/deployments'
    'HorizontalPodAutoscaler' = '/apis/autoscaling/v2/namespaces/{0}/horizontalpodautoscalers'
    'PodDisruptionBudget' = '/apis/policy/v1/namespaces/{0}/poddisruptionbudgets'
    'MutatingWebhookConfiguration' = '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations'
    'ValidatingWebhookConfiguration' = '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations'
}

$rows = @()
$server = Start-TestApiServer -Directory $work
try {
    Set-TestApiFaults $server @{ latencyMs = $LatencyMs }
    $null = Invoke-TestApi $server DELETE '/__admin/requests'
    $watch = [Diagnostics.Stopwatch]::StartNew()
    Install-MeshControlPlane -Path $seed -Namespace istio-1-18-5 -ManifestsPath $manifests -Version 1.18.5 -Kubeconfig $server.Kubeconfig -Confirm:$false 6>$null
    $watch.Stop()
    $requests = @((Get-TestApiRequests $server).entries).Count
    $rows += [pscustomobject]@{ Benchmark = "Install-MeshControlPlane (with waits, record, installed-state), $LatencyMs ms latency"; Seconds = [math]::Round($watch.Elapsed.TotalSeconds, 2); Requests = $requests }

    $null = Invoke-TestApi $server DELETE '/__admin/requests'
    $watch.Restart()
    Install-MeshControlPlane -Path $seed -Namespace istio-1-18-5 -ManifestsPath $manifests -Version 1.18.5 -Kubeconfig $server.Kubeconfig -Confirm:$false 6>$null
    $watch.Stop()
    $requests = @((Get-TestApiRequests $server).entries).Count
    $rows += [pscustomobject]@{ Benchmark = "The same install again, nothing to change, $LatencyMs ms latency"; Seconds = [math]::Round($watch.Elapsed.TotalSeconds, 2); Requests = $requests }
}
finally { Stop-TestApiServer $server }

$yaml = Export-MeshManifest -Path $seed -Namespace istio-1-18-5 -ManifestsPath $manifests -Version 1.18.5
$server = Start-TestApiServer -Directory $work
try {
    Set-TestApiFaults $server @{ latencyMs = $LatencyMs }
    $null = Invoke-TestApi $server DELETE '/__admin/requests'
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $null = Invoke-TestApi $server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = 'istio-1-18-5' } }
    foreach ($doc in $yaml -split "(?m)^---\s*$") {
        if ($doc -notmatch '(?m)^kind: (\S+)') { continue }
        $kind = $Matches[1]
        if (-not $collections.ContainsKey($kind)) { throw "The benchmark does not know where to write $kind." }
        $name = if ($doc -match '(?m)^metadata:\s*\n(?:  .*\n)*?  name: (\S+)') { $Matches[1] } else { throw "No name in a $kind." }
        $ns = if ($doc -match '(?m)^metadata:\s*\n(?:  .*\n)*?  namespace: (\S+)') { $Matches[1] } else { '' }
        $path = ($collections[$kind] -f $ns) + "/${name}?fieldManager=bench&force=true"
        $null = Invoke-TestApi $server PATCH $path $doc.Trim() 'application/apply-patch+yaml'
    }
    $watch.Stop()
    $requests = @((Get-TestApiRequests $server).entries).Count
    $rows += [pscustomobject]@{ Benchmark = "The same objects applied one at a time (no waits), $LatencyMs ms latency"; Seconds = [math]::Round($watch.Elapsed.TotalSeconds, 2); Requests = $requests }
}
finally { Stop-TestApiServer $server }

$rows | Format-Table -AutoSize -Wrap | Out-String -Width 200 | Out-Host
