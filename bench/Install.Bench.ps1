<#
.SYNOPSIS
Install benchmark against the loopback API server with 20 ms injected latency per request.

.DESCRIPTION
Installs the seed's examples/my-config.yaml with -Namespace istio-1-18-5, then again (nothing to change), and reports
the time and the number of API requests (the install's own: the admin call that clears the log is not one), next to two baselines on
a fresh server each:
  like for like: every object the install wrote (read back from the first server, in the order it wrote them: the
  namespace, the install record, the manifest, the installed-state IstioOperator, the default tag's webhooks), one
  server-side apply PATCH at a time, with the same waits (each CRD polled with a GET until Established before the
  first object after the last CRD, each Deployment polled with a GET until ready at the end), as a script around kubectl would do;
  no waits: the rendered manifest alone, one PATCH at a time (the older baseline, kept for comparison).
The timed install is not the first in the process: one warm-up install into a throwaway server comes first, so the
install, like the baselines (whose Invoke-WebRequest path the read-back has already run), pays no first-use JIT. That
cold first install is timed too and printed on a row of its own, outside the ratio. Every server is started with
--warm-up (it runs its request paths once before it is ready), so no timing includes the test server's own JIT.
Prints two ratio lines: requests beyond one per written object (target at most 10), and the install's time over the
like-for-like baseline's (target at most 1/3). Numbers are for comparison on the same machine, never asserted.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $LatencyMs = 20
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
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

# The requests the server logged since its log was cleared, the clearing admin call left out: only the client's API calls count.
function Get-KubeApiRequests($server) { @((Get-TestApiRequests $server).entries | Where-Object { -not $_.path.StartsWith('/__admin/') }) }

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

# Each server runs its request paths once before it says READY (--warm-up), as a long-running kube-apiserver is warm:
# the install and the baselines are timed against warm servers, not against the JIT of a fresh server process.
$serverArguments = @('--warm-up')
$rows = @()
# The warm-up: the first install in this process, into a throwaway server, so the timed one below runs warm as the
# baselines do. Its time is kept on a row of its own: what a user's first install in a fresh pwsh costs.
$server = Start-TestApiServer -Directory $work -Arguments $serverArguments
try {
    Set-TestApiFaults $server @{ latencyMs = $LatencyMs }
    $watch = [Diagnostics.Stopwatch]::StartNew()
    Install-MeshControlPlane -Path $seed -Namespace istio-1-18-5 -ManifestsPath $manifests -Version 1.18.5 -Kubeconfig $server.Kubeconfig -Confirm:$false 6>$null 3>$null
    $watch.Stop()
    $rows += [pscustomobject]@{ Benchmark = "Cold: the first install in the process (warm-up, not in the ratio), $LatencyMs ms latency"; Seconds = [math]::Round($watch.Elapsed.TotalSeconds, 2); Requests = $null; Objects = $null }
}
finally { Stop-TestApiServer $server }

$server = Start-TestApiServer -Directory $work -Arguments $serverArguments
try {
    Set-TestApiFaults $server @{ latencyMs = $LatencyMs }
    $null = Invoke-TestApi $server DELETE '/__admin/requests'
    $watch = [Diagnostics.Stopwatch]::StartNew()
    Install-MeshControlPlane -Path $seed -Namespace istio-1-18-5 -ManifestsPath $manifests -Version 1.18.5 -Kubeconfig $server.Kubeconfig -Confirm:$false 6>$null
    $watch.Stop()
    $entries = Get-KubeApiRequests $server
    $installSeconds = $watch.Elapsed.TotalSeconds
    $installRequests = $entries.Count
    # The objects the install wrote, in the order of their first write, read back for the like-for-like baseline.
    $written = [Collections.Generic.List[string]]::new()
    foreach ($e in $entries) { if ($e.verb -in 'patch', 'create', 'update' -and -not $written.Contains($e.path)) { $written.Add($e.path) } }
    $objects = foreach ($path in $written) {
        $node = [Text.Json.Nodes.JsonNode]::Parse((Invoke-WebRequest -Uri ($server.Uri + $path) -Headers @{ Authorization = "Bearer $($server.Token)" } -SkipCertificateCheck).Content)
        $meta = $node['metadata'].AsObject()
        foreach ($field in 'managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation') { $null = $meta.Remove($field) }
        $null = $node.AsObject().Remove('status')
        [pscustomobject]@{ Path = $path; Kind = $node['kind'].GetValue[string](); Body = $node.ToJsonString() }
    }
    $rows += [pscustomobject]@{ Benchmark = "Install-MeshControlPlane, warm (with waits, record, installed-state, default tag), $LatencyMs ms latency"; Seconds = [math]::Round($installSeconds, 2); Requests = $installRequests; Objects = $written.Count }

    $null = Invoke-TestApi $server DELETE '/__admin/requests'
    $watch.Restart()
    Install-MeshControlPlane -Path $seed -Namespace istio-1-18-5 -ManifestsPath $manifests -Version 1.18.5 -Kubeconfig $server.Kubeconfig -Confirm:$false 6>$null
    $watch.Stop()
    $requests = (Get-KubeApiRequests $server).Count
    $rows += [pscustomobject]@{ Benchmark = "The same install again, nothing to change, $LatencyMs ms latency"; Seconds = [math]::Round($watch.Elapsed.TotalSeconds, 2); Requests = $requests }
}
finally { Stop-TestApiServer $server }

# Like for like: the same objects in the same order, one request at a time, with the same waits.
function Wait-TestApiObject($Server, [string] $Path, [scriptblock] $Done) {
    while ($true) {
        $o = Invoke-TestApi $Server GET $Path
        if (& $Done $o) { return }
        Start-Sleep -Milliseconds 100
    }
}
$server = Start-TestApiServer -Directory $work -Arguments $serverArguments
try {
    Set-TestApiFaults $server @{ latencyMs = $LatencyMs }
    $null = Invoke-TestApi $server DELETE '/__admin/requests'
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $crdsPending = $true
    # The installer applies every CRD, then waits until all are Established before the objects after them (the
    # namespace and the install record come before the CRDs).
    $lastCrd = -1
    for ($i = 0; $i -lt @($objects).Count; $i++) { if (@($objects)[$i].Kind -eq 'CustomResourceDefinition') { $lastCrd = $i } }
    $index = -1
    foreach ($o in $objects) {
        $index++
        if ($crdsPending -and $index -gt $lastCrd) {
            foreach ($crd in $objects | Where-Object Kind -EQ 'CustomResourceDefinition') {
                Wait-TestApiObject $server $crd.Path { param($c) @($c.status.conditions | Where-Object { $_.type -eq 'Established' -and $_.status -eq 'True' }).Count -gt 0 }
            }
            $crdsPending = $false
        }
        $null = Invoke-TestApi $server PATCH ($o.Path + '?fieldManager=bench&force=true') $o.Body 'application/apply-patch+yaml'
    }
    foreach ($deployment in $objects | Where-Object Kind -EQ 'Deployment') {
        Wait-TestApiObject $server $deployment.Path { param($d) $d.status.observedGeneration -ge $d.metadata.generation -and $d.status.readyReplicas -ge $d.spec.replicas }
    }
    $watch.Stop()
    $baselineSeconds = $watch.Elapsed.TotalSeconds
    $requests = (Get-KubeApiRequests $server).Count
    $rows += [pscustomobject]@{ Benchmark = "Like for like: the same objects one at a time, same waits, $LatencyMs ms latency"; Seconds = [math]::Round($baselineSeconds, 2); Requests = $requests; Objects = $objects.Count }
}
finally { Stop-TestApiServer $server }

$yaml = Export-MeshManifest -Path $seed -Namespace istio-1-18-5 -ManifestsPath $manifests -Version 1.18.5
$server = Start-TestApiServer -Directory $work -Arguments $serverArguments
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
    $requests = (Get-KubeApiRequests $server).Count
    $rows += [pscustomobject]@{ Benchmark = "No waits: the rendered manifest alone applied one at a time, $LatencyMs ms latency"; Seconds = [math]::Round($watch.Elapsed.TotalSeconds, 2); Requests = $requests }
}
finally { Stop-TestApiServer $server }

$rows | Format-Table -AutoSize -Wrap | Out-String -Width 200 | Out-Host
Write-BenchRatio 'install-requests-beyond-one-per-object' ($installRequests - $written.Count) '<=' 10 '0'
Write-BenchRatio 'install-time-vs-one-at-a-time-same-waits' ($installSeconds / $baselineSeconds) '<=' (1 / 3) '0.00' 'x'
