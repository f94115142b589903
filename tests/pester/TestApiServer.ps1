# Starts and drives the loopback Kubernetes API server (tests/MeshOps.TestApiServer) from Pester. Dot-sourced.

$script:TestApiServerDll = if ($env:MESHOPS_TESTAPISERVER) { $env:MESHOPS_TESTAPISERVER } else { Join-Path $PSScriptRoot '../../out/testapiserver/MeshOps.TestApiServer.dll' }

<#
Starts a server on a free loopback port and writes its kubeconfig. Returns an object with Kubeconfig, Uri, Token
and Process; stop it with Stop-TestApiServer. Extra arguments go to the server (e.g. --never-ready 'istiod-*').
#>
function Start-TestApiServer([string[]] $Arguments = @(), [string] $Directory = $TestDrive) {
    if (-not (Test-Path $TestApiServerDll)) { throw "The test API server is not built ($TestApiServerDll); run 'dotnet pwsh ./build.ps1 test'." }
    $kubeconfig = Join-Path $Directory ("kubeconfig-{0}.yaml" -f [guid]::NewGuid().ToString('N').Substring(0, 8))
    $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($TestApiServerDll, '--kubeconfig', $kubeconfig, '--ready-delay-ms', '50', '--crd-delay-ms', '20') + $Arguments) { $start.ArgumentList.Add($a) }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds(60)) -or $line.Result -notmatch '^READY (\S+)') {
        $process.Kill($true)
        throw "The test API server did not start: $($process.StandardError.ReadToEnd())"
    }
    $uri = $Matches[1]
    $token = ((Get-Content $kubeconfig) | Where-Object { $_ -match '^\s*token:\s*(\S+)' } | ForEach-Object { $Matches[1] } | Select-Object -First 1).Trim('"', "'")
    [pscustomobject]@{ Kubeconfig = $kubeconfig; Uri = $uri; Token = $token; Process = $process }
}

function Stop-TestApiServer($Server) {
    if ($null -eq $Server) { return }
    try { $Server.Process.StandardInput.Close() } catch { }
    if (-not $Server.Process.WaitForExit(5000)) { $Server.Process.Kill($true) }
}

# One REST call to the server, as the tests' own kubectl: JSON in, parsed JSON out.
function Invoke-TestApi($Server, [string] $Method, [string] $Path, $Body, [string] $ContentType = 'application/json') {
    $params = @{
        Method               = $Method
        Uri                  = $Server.Uri + $Path
        Headers              = @{ Authorization = "Bearer $($Server.Token)" }
        SkipCertificateCheck = $true
        ContentType          = $ContentType
    }
    if ($null -ne $Body) { $params.Body = if ($Body -is [string]) { $Body } else { $Body | ConvertTo-Json -Depth 20 -Compress } }
    Invoke-RestMethod @params
}

function Get-TestApiObjects($Server, [string] $Path) { (Invoke-TestApi $Server GET $Path).items }

function Set-TestApiFaults($Server, [hashtable] $Faults) { $null = Invoke-TestApi $Server POST '/__admin/faults' $Faults }

function Get-TestApiRequests($Server) { Invoke-TestApi $Server GET '/__admin/requests' }

# A control plane as the cluster cmdlets find it, without installing one: namespace istio-system, the Deployment
# istiod-canary of revision canary and the revision tag 'stable' pointing at it.
function Initialize-TestApiControlPlane($Server) {
    $null = Invoke-TestApi $Server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = 'istio-system' } }
    $labels = @{ app = 'istiod'; 'istio.io/rev' = 'canary' }
    $null = Invoke-TestApi $Server POST '/apis/apps/v1/namespaces/istio-system/deployments' @{
        apiVersion = 'apps/v1'; kind = 'Deployment'
        metadata   = @{ name = 'istiod-canary'; namespace = 'istio-system'; labels = $labels }
        spec       = @{ replicas = 1; selector = @{ matchLabels = $labels }; template = @{ metadata = @{ labels = $labels }; spec = @{ containers = @(@{ name = 'discovery'; image = 'docker.io/istio/pilot:1.18.5' }) } } }
    }
    $null = Invoke-TestApi $Server POST '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations' @{
        apiVersion = 'admissionregistration.k8s.io/v1'; kind = 'MutatingWebhookConfiguration'
        metadata   = @{ name = 'istio-revision-tag-stable'; labels = @{ 'istio.io/tag' = 'stable'; 'istio.io/rev' = 'canary' } }; webhooks = @()
    }
}

# Many objects at once (seeding tests and benchmarks): every request in flight over one HttpClient (16
# connections); one Invoke-RestMethod per object would dwarf what is measured. Throws on the first failure.
function Send-TestApiBulk($Server, [string] $Method, [object[]] $Requests) {
    $handler = [Net.Http.HttpClientHandler]::new()
    $handler.ServerCertificateCustomValidationCallback = [Net.Http.HttpClientHandler]::DangerousAcceptAnyServerCertificateValidator
    $handler.MaxConnectionsPerServer = 16
    $client = [Net.Http.HttpClient]::new($handler)
    $client.DefaultRequestHeaders.Authorization = [Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $Server.Token)
    try {
        $tasks = foreach ($r in $Requests) {
            $message = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::new($Method), "$($Server.Uri)$($r.Path)")
            $message.Content = [Net.Http.StringContent]::new($r.Body, [Text.Encoding]::UTF8, 'application/json')
            $client.SendAsync($message)
        }
        [Threading.Tasks.Task]::WaitAll([Threading.Tasks.Task[]]$tasks)
        $failed = @($tasks | Where-Object { -not $_.Result.IsSuccessStatusCode })
        if ($failed.Count -gt 0) { throw "$($failed.Count) bulk request(s) failed, first: $($failed[0].Result.StatusCode) $($failed[0].Result.Content.ReadAsStringAsync().Result)" }
    }
    finally { $client.Dispose() }
}
