<#
.SYNOPSIS
Canary-upgrade benchmark: Move-MeshWorkload against a plain script doing the same steps one Invoke-RestMethod at a time.

.DESCRIPTION
Seeds two revisions (a, b: istiod Deployment and Service, injector ConfigMap and webhook, as the charts render them)
and N namespaces with D Deployments each on revision a, through the loopback API server whose simulated injector
stamps every new pod. Then, with the injected latency per request:
  Move-MeshWorkload -From a -To b -BatchSize B (labels and restarts 16 in flight, the health gate polls lists);
  the same move back from b to a by a plain script: per batch, one merge patch per namespace, one restart patch per
  Deployment, then per Deployment GET until rolled out (kubectl rollout status) and one pod list per namespace to
  check every new pod is Ready and injected by the target revision.
Reports wall time and API requests of each. Numbers are for comparison on the same machine, never asserted.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Namespaces = 200,
    [int] $DeploymentsPerNamespace = 5,
    [int] $BatchSize = 20,
    [int] $LatencyMs = 20
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../tests/pester/TestApiServer.ps1')
if (-not (Test-Path $TestApiServerDll)) {
    Write-Warning "Canary benchmark skipped: build the test API server first (dotnet build tests/MeshOps.TestApiServer -c Release -o out/testapiserver)."
    return
}
Import-Module (Resolve-Path $ModulePath).Path

function New-Revision($Server, [string] $Revision, [string] $Version) {
    $labels = @{ app = 'istiod'; 'istio.io/rev' = $Revision }
    $null = Invoke-TestApi $Server POST '/apis/apps/v1/namespaces/istio-system/deployments' @{
        apiVersion = 'apps/v1'; kind = 'Deployment'; metadata = @{ name = "istiod-$Revision"; namespace = 'istio-system'; labels = $labels }
        spec = @{ replicas = 1; selector = @{ matchLabels = $labels }; template = @{ metadata = @{ labels = $labels }; spec = @{ containers = @(@{ name = 'discovery'; image = "docker.io/istio/pilot:$Version" }) } } }
    }
    $null = Invoke-TestApi $Server POST '/api/v1/namespaces/istio-system/services' @{
        apiVersion = 'v1'; kind = 'Service'; metadata = @{ name = "istiod-$Revision"; namespace = 'istio-system'; labels = $labels }
        spec = @{ selector = $labels; ports = @(@{ name = 'https-webhook'; port = 443; targetPort = 15017 }) }
    }
    $values = @{ global = @{ hub = 'docker.io/istio'; tag = $Version; proxy = @{ image = 'proxyv2' } } } | ConvertTo-Json -Compress -Depth 5
    $null = Invoke-TestApi $Server POST '/api/v1/namespaces/istio-system/configmaps' @{
        apiVersion = 'v1'; kind = 'ConfigMap'; metadata = @{ name = "istio-sidecar-injector-$Revision"; namespace = 'istio-system'; labels = @{ 'istio.io/rev' = $Revision } }
        data = @{ values = $values; config = 'policy: enabled' }
    }
    function Hook([string] $Prefix, $NamespaceExpressions, $ObjectExpressions) {
        @{
            name = "${Prefix}sidecar-injector.istio.io"; sideEffects = 'None'; failurePolicy = 'Fail'; admissionReviewVersions = @('v1beta1', 'v1')
            clientConfig = @{ service = @{ name = "istiod-$Revision"; namespace = 'istio-system'; path = '/inject'; port = 443 } }
            rules = @(@{ operations = @('CREATE'); apiGroups = @(''); apiVersions = @('v1'); resources = @('pods') })
            namespaceSelector = @{ matchExpressions = $NamespaceExpressions }; objectSelector = @{ matchExpressions = $ObjectExpressions }
        }
    }
    $null = Invoke-TestApi $Server POST '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations' @{
        apiVersion = 'admissionregistration.k8s.io/v1'; kind = 'MutatingWebhookConfiguration'
        metadata = @{ name = "istio-sidecar-injector-$Revision"; labels = @{ 'istio.io/rev' = $Revision; app = 'sidecar-injector' } }
        webhooks = @(
            (Hook 'rev.namespace.' @(@{ key = 'istio.io/rev'; operator = 'In'; values = @($Revision) }, @{ key = 'istio-injection'; operator = 'DoesNotExist' }) @(@{ key = 'sidecar.istio.io/inject'; operator = 'NotIn'; values = @('false') })),
            (Hook 'rev.object.' @(@{ key = 'istio.io/rev'; operator = 'DoesNotExist' }, @{ key = 'istio-injection'; operator = 'DoesNotExist' }) @(@{ key = 'sidecar.istio.io/inject'; operator = 'NotIn'; values = @('false') }, @{ key = 'istio.io/rev'; operator = 'In'; values = @($Revision) })))
    }
}

function Get-ApiRequestCount($Server) {
    @((Get-TestApiRequests $Server).entries | Where-Object { $_.path -notlike '/__admin/*' }).Count
}

function Wait-AllPods($Server, [string] $Revision, [int] $Count) {
    $deadline = [DateTime]::UtcNow.AddMinutes(5)
    while ($true) {
        $pods = @((Invoke-TestApi $Server GET '/api/v1/pods?labelSelector=bench%3Dcanary').items)
        $done = @($pods | Where-Object { $_.metadata.annotations.'sidecar.istio.io/status' -match """revision"":""$Revision""" -and ($_.status.conditions | Where-Object { $_.type -eq 'Ready' -and $_.status -eq 'True' }) })
        if ($pods.Count -eq $Count -and $done.Count -eq $Count) { return }
        if ([DateTime]::UtcNow -gt $deadline) { throw "pods not on $Revision after 5 minutes ($($done.Count) of $Count)" }
        Start-Sleep -Milliseconds 500
    }
}

# The plain script: what a careful engineer writes around kubectl, one request at a time.
function Invoke-PlainMove($Server, [string[]] $Names, [string[]] $Deployments, [string] $To, [int] $BatchSize) {
    $headers = @{ Authorization = "Bearer $($Server.Token)" }
    $base = $Server.Uri
    for ($i = 0; $i -lt $Names.Count; $i += $BatchSize) {
        $batch = $Names[$i..([math]::Min($i + $BatchSize, $Names.Count) - 1)]
        $stamp = [DateTime]::UtcNow.AddSeconds($i).ToString('yyyy-MM-ddTHH:mm:ssZ')
        foreach ($ns in $batch) {
            $null = Invoke-RestMethod -Method PATCH -Uri "$base/api/v1/namespaces/$ns" -Headers $headers -SkipCertificateCheck `
                -ContentType 'application/merge-patch+json' -Body ('{"metadata":{"labels":{"istio.io/rev":"' + $To + '"}}}')
            foreach ($d in $Deployments) {
                $null = Invoke-RestMethod -Method PATCH -Uri "$base/apis/apps/v1/namespaces/$ns/deployments/$d" -Headers $headers -SkipCertificateCheck `
                    -ContentType 'application/merge-patch+json' -Body ('{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"' + $stamp + '"}}}}}')
            }
        }
        foreach ($ns in $batch) {
            foreach ($d in $Deployments) {
                while ($true) {
                    $obj = Invoke-RestMethod -Uri "$base/apis/apps/v1/namespaces/$ns/deployments/$d" -Headers $headers -SkipCertificateCheck
                    $s = $obj.status
                    if ($s.observedGeneration -ge $obj.metadata.generation -and $s.updatedReplicas -eq $obj.spec.replicas -and $s.replicas -eq $s.updatedReplicas -and $s.availableReplicas -eq $s.updatedReplicas) { break }
                    Start-Sleep -Milliseconds 200
                }
            }
            $pods = (Invoke-RestMethod -Uri "$base/api/v1/namespaces/$ns/pods" -Headers $headers -SkipCertificateCheck).items
            foreach ($pod in $pods) {
                if ($pod.metadata.annotations.'sidecar.istio.io/status' -notmatch """revision"":""$To""") { throw "$ns/$($pod.metadata.name) is not on $To" }
            }
        }
    }
}

$directory = Join-Path ([IO.Path]::GetTempPath()) ('meshops-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory $directory
$server = Start-TestApiServer -Directory $directory
try {
    $k = @{ Kubeconfig = $server.Kubeconfig }
    $null = Invoke-TestApi $server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = 'istio-system' } }
    New-Revision $server 'a' '1.18.5'
    New-Revision $server 'b' '1.18.6'
    $names = 1..$Namespaces | ForEach-Object { 'bench-{0:d4}' -f $_ }
    $deployments = 1..$DeploymentsPerNamespace | ForEach-Object { "app-$_" }
    Send-TestApiBulk $server POST ($names | ForEach-Object { @{ Path = '/api/v1/namespaces'; Body = '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"' + $_ + '","labels":{"istio.io/rev":"a"}}}' } })
    $workloads = foreach ($ns in $names) {
        foreach ($d in $deployments) {
            @{ Path = "/apis/apps/v1/namespaces/$ns/deployments"; Body = '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"' + $d + '"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"' + $d + '"}},"template":{"metadata":{"labels":{"app":"' + $d + '","bench":"canary"}},"spec":{"containers":[{"name":"app","image":"example/app:1"}]}}}}' }
        }
    }
    Send-TestApiBulk $server POST $workloads
    $pods = $Namespaces * $DeploymentsPerNamespace
    Wait-AllPods $server 'a' $pods

    Set-TestApiFaults $server @{ latencyMs = $LatencyMs }
    $null = Invoke-TestApi $server DELETE '/__admin/requests'
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $results = Move-MeshWorkload -From a -To b -BatchSize $BatchSize @k -Confirm:$false
    $moveMs = [math]::Round($watch.Elapsed.TotalMilliseconds)
    $moveRequests = Get-ApiRequestCount $server
    if (@($results | Where-Object Outcome -NE 'Moved').Count -gt 0) { throw "Move-MeshWorkload did not move every namespace" }
    Set-TestApiFaults $server @{ latencyMs = 0 }
    Wait-AllPods $server 'b' $pods

    Set-TestApiFaults $server @{ latencyMs = $LatencyMs }
    $null = Invoke-TestApi $server DELETE '/__admin/requests'
    $watch.Restart()
    Invoke-PlainMove $server $names $deployments 'a' $BatchSize
    $scriptMs = [math]::Round($watch.Elapsed.TotalMilliseconds)
    $scriptRequests = Get-ApiRequestCount $server

    "Move-MeshWorkload, $Namespaces namespaces x $DeploymentsPerNamespace Deployments, batch $BatchSize, $LatencyMs ms latency: $moveMs ms, $moveRequests requests" | Out-Host
    "Plain Invoke-RestMethod script, the same move back: $scriptMs ms, $scriptRequests requests" | Out-Host
    "Speed-up: {0:0.0}x; requests: {1} vs {2}" -f ($scriptMs / [math]::Max(1, $moveMs)), $moveRequests, $scriptRequests | Out-Host
}
finally {
    Stop-TestApiServer $server
    Remove-Item $directory -Recurse -Force -ErrorAction SilentlyContinue
}
