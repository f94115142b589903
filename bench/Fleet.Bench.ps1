<#
.SYNOPSIS
Fleet benchmark: Get-MeshRevision over 8 loopback API servers (one kubeconfig, 8 contexts) against 1, with 20 ms
latency per request.

.DESCRIPTION
Starts 8 test API servers, each with an istiod Deployment and a revision tag, and 20 ms injected latency. In one
process, after a warm-up run of each, times the median of -Runs runs of
  Get-MeshRevision -Context bench-1                                  (one cluster)
  Get-MeshRevision -Context bench-* -ThrottleLimit 8                 (eight clusters, all at once)
  Get-MeshRevision -Context bench-*                                  (eight clusters, default -ThrottleLimit 4; shown, not the target)
and prints the ratio of eight to one against its target (at most 2: the clusters are worked on concurrently, so the
fleet costs little more than its slowest cluster). Every run connects afresh, as a new command does.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Clusters = 8,
    [int] $LatencyMs = 20,
    [int] $Runs = 5
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../tests/pester/TestApiServer.ps1')
if (-not (Test-Path $TestApiServerDll)) {
    Write-Warning "Fleet benchmark skipped: build the test API server first (dotnet build tests/MeshOps.TestApiServer -c Release -o out/testapiserver)."
    return
}
Import-Module (Resolve-Path $ModulePath).Path

function Measure-MedianMs([scriptblock] $Script, [int] $Count) {
    $null = & $Script # warm-up
    $times = foreach ($i in 1..$Count) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $null = & $Script
        $watch.Elapsed.TotalMilliseconds
    }
    $sorted = @($times | Sort-Object)
    [math]::Round($sorted[[int][math]::Floor($sorted.Count / 2)], 1)
}

$directory = Join-Path ([IO.Path]::GetTempPath()) ('meshops-fleet-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory $directory
$servers = @()
try {
    foreach ($i in 1..$Clusters) { $servers += Start-TestApiServer -Directory $directory -Arguments @('--context', "bench-$i") }
    foreach ($server in $servers) {
        Initialize-TestApiControlPlane $server
        Set-TestApiFaults $server @{ latencyMs = $LatencyMs }
    }
    $k = @{ Kubeconfig = @($servers.Kubeconfig) }
    $found = @(Get-MeshRevision @k -Context 'bench-*' -ThrottleLimit $Clusters)
    if ($found.Count -ne $Clusters) { throw "Expected one revision per cluster, got $($found.Count)." }

    $one = Measure-MedianMs { Get-MeshRevision @k -Context 'bench-1' } $Runs
    $all = Measure-MedianMs { Get-MeshRevision @k -Context 'bench-*' -ThrottleLimit $Clusters } $Runs
    $throttled = Measure-MedianMs { Get-MeshRevision @k -Context 'bench-*' } $Runs
    @(
        [pscustomobject]@{ Benchmark = "Get-MeshRevision, 1 cluster ($LatencyMs ms latency)"; MedianMs = $one }
        [pscustomobject]@{ Benchmark = "Get-MeshRevision, $Clusters clusters, -ThrottleLimit $Clusters"; MedianMs = $all }
        [pscustomobject]@{ Benchmark = "Get-MeshRevision, $Clusters clusters, default -ThrottleLimit 4"; MedianMs = $throttled }
    ) | Format-Table -AutoSize | Out-Host
    $ratio = [math]::Round($all / $one, 2)
    Write-Host ("ratio: fleet-get-revision-{0}-vs-1: {1} (target 2.0): {2}" -f $Clusters, $ratio, $(if ($ratio -le 2.0) { 'met' } else { 'missed' }))
}
finally {
    foreach ($server in $servers) { Stop-TestApiServer $server }
    Remove-Item $directory -Recurse -Force -ErrorAction SilentlyContinue
}
