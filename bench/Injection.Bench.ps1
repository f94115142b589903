<#
.SYNOPSIS
Sidecar-injection benchmarks against the loopback API server with 20 ms injected latency per request.

.DESCRIPTION
Seeds a control plane (an istiod Deployment and a tag webhook), 1,000 namespaces and 10,000 pods through the API, then
reports, in one process after a warm-up run:
  Enable-MeshInjection over 1,000 namespaces (one merge patch each, 16 in flight),
  Get-MeshNamespace over 1,000 namespaces with 10,000 pods (one list of each, paged),
  one-at-a-time labelling: a loop of single Invoke-RestMethod merge patches, as a script around kubectl would do.
Numbers are for comparison on the same machine, never asserted.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Namespaces = 1000,
    [int] $PodsPerNamespace = 10,
    [int] $LatencyMs = 20
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
. (Join-Path $PSScriptRoot '../tests/pester/TestApiServer.ps1')
if (-not (Test-Path $TestApiServerDll)) {
    Write-Warning "Injection benchmarks skipped: build the test API server first (dotnet build tests/MeshOps.TestApiServer -c Release -o out/testapiserver)."
    return
}
Import-Module (Resolve-Path $ModulePath).Path

function Measure-Ms([scriptblock] $Script) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $null = & $Script
    [math]::Round($watch.Elapsed.TotalMilliseconds, 0)
}

# CPU seconds of this process (the client) and of the server process so far: the command is CPU-bound on 2 shared
# cores (bench/README.md, Labels), so wall time alone does not say whose work grew.
function Get-CpuSeconds($Server) {
    $Server.Process.Refresh()
    [pscustomobject]@{ Client = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalSeconds; Server = $Server.Process.TotalProcessorTime.TotalSeconds }
}

$directory = Join-Path ([IO.Path]::GetTempPath()) ('meshops-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory $directory
$server = Start-TestApiServer -Directory $directory
try {
    $k = @{ Kubeconfig = $server.Kubeconfig }
    Initialize-TestApiControlPlane $server

    $names = 1..$Namespaces | ForEach-Object { 'bench-{0:d4}' -f $_ }
    Send-TestApiBulk $server POST ($names | ForEach-Object { @{ Path = '/api/v1/namespaces'; Body = '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"' + $_ + '","labels":{"istio-injection":"enabled"}}}' } })
    # Half the pods carry an old revision's sidecar, half none: every one needs a restart once the namespaces move.
    $status = '{\"containers\":[\"istio-proxy\"],\"revision\":\"old\"}'
    $pods = foreach ($ns in $names) {
        foreach ($i in 1..$PodsPerNamespace) {
            $annotations = if ($i % 2) { '"annotations":{"sidecar.istio.io/status":"' + $status + '"},' } else { '' }
            @{ Path = "/api/v1/namespaces/$ns/pods"; Body = '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"pod-' + $i + '",' + $annotations + '"labels":{"app":"a"}},"spec":{"containers":[{"name":"app","image":"example/app:1"}]}}' }
        }
    }
    Send-TestApiBulk $server POST $pods

    Set-TestApiFaults $server @{ latencyMs = $LatencyMs }
    # Warm-up: every namespace once, to the other revision, so that JIT and connection set-up are not measured. Five
    # namespaces were too few: the per-patch code was still being recompiled (tiered JIT) in both processes during the
    # measured run, which then cost about twice the CPU of a warm one (bench/README.md, Labels).
    $names | Enable-MeshInjection -Revision stable @k -Confirm:$false -WarningAction SilentlyContinue
    $null = Get-MeshNamespace bench-0001 @k

    $cpu = Get-CpuSeconds $server
    $enable = Measure-Ms { $names | Enable-MeshInjection -Revision canary @k -Confirm:$false -WarningAction SilentlyContinue }
    $cpuAfter = Get-CpuSeconds $server
    $get = Measure-Ms { Get-MeshNamespace @k }
    $headers = @{ Authorization = "Bearer $($server.Token)" }
    $loop = Measure-Ms {
        foreach ($ns in $names) {
            $null = Invoke-RestMethod -Method PATCH -Uri "$($server.Uri)/api/v1/namespaces/$ns" -Headers $headers -SkipCertificateCheck `
                -ContentType 'application/merge-patch+json' -Body '{"metadata":{"labels":{"istio.io/rev":"stable","istio-injection":null}}}'
        }
    }

    @(
        [pscustomobject]@{ Benchmark = "Enable-MeshInjection, $Namespaces namespaces ($LatencyMs ms latency)"; Ms = $enable }
        [pscustomobject]@{ Benchmark = "One Invoke-RestMethod merge patch at a time, $Namespaces namespaces"; Ms = $loop }
        [pscustomobject]@{ Benchmark = "Get-MeshNamespace, $Namespaces namespaces, $($Namespaces * $PodsPerNamespace) pods"; Ms = $get }
    ) | Format-Table -AutoSize | Out-Host
    Write-Host ("Enable-MeshInjection CPU: client {0:0.00} s, server {1:0.00} s (load average: {2})" -f ($cpuAfter.Client - $cpu.Client), ($cpuAfter.Server - $cpu.Server),
        $(if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0..2] -join ' ' } else { 'n/a' }))
    Write-BenchRatio 'enable-injection-speedup-vs-one-at-a-time' ($loop / [math]::Max(1, $enable)) '>=' 10 '0.0' 'x'
}
finally {
    Stop-TestApiServer $server
    Remove-Item $directory -Recurse -Force -ErrorAction SilentlyContinue
}
