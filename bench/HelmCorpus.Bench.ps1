<#
.SYNOPSIS
The helm-corpus (../shared/helm-corpus) rendered by Expand-MeshChart in one pwsh session, next to the sum of one cold
`helm template` process per case.

.DESCRIPTION
MeshOps: one fresh pwsh process imports the module and renders every case of cases.tsv in turn (the arguments
translated as HelmCorpus.Tests.ps1 does; expected failures included), twice: the first pass is what a new session
pays, the second shows the same renders once the process is warm. Reported: the whole process (start, import, first
pass; the wall time of the child less its second pass), and each pass alone.
Helm: `helm template rel <chart> -n <namespace> <args>` run once per case from the corpus root, as the corpus was
made, and the wall times summed. Numbers are for comparison on the same machine, never asserted.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $CorpusRoot = (Join-Path $PSScriptRoot '../../shared/helm-corpus'),
    [string] $Helm = $(if ($env:MESHOPS_HELM) { $env:MESHOPS_HELM } else { Join-Path $HOME '.cache/meshops/helm/helm' })
)
$ErrorActionPreference = 'Stop'
if (-not (Test-Path (Join-Path $CorpusRoot 'cases.tsv'))) {
    Write-Warning "Helm corpus benchmark skipped: $CorpusRoot is absent."
    return
}
$CorpusRoot = (Resolve-Path $CorpusRoot).Path
$module = (Resolve-Path $ModulePath).Path
$helpers = (Resolve-Path (Join-Path $PSScriptRoot '../tests/pester/HelmCorpus.ps1')).Path

# The MeshOps side runs in a child process so that its session starts empty; it prints one JSON line.
$session = @"
`$ErrorActionPreference = 'Stop'
`$passes = [Collections.Generic.List[double]]::new()
Import-Module '$module'
`$CorpusRoot = '$CorpusRoot'
. '$helpers'
`$cases = @(Read-CorpusCases `$CorpusRoot)
`$failed = 0
foreach (`$pass in 1..2) {
    `$watch = [Diagnostics.Stopwatch]::StartNew()
    foreach (`$case in `$cases) {
        try { `$null = Invoke-Case `$case } catch { if (`$case.Mode -ne 'error') { `$failed++ } }
    }
    `$passes.Add(`$watch.Elapsed.TotalMilliseconds)
}
[pscustomobject]@{ Cases = `$cases.Count; First = `$passes[0]; Second = `$passes[1]; Failed = `$failed / 2 } | ConvertTo-Json -Compress
"@
$exe = [Environment]::ProcessPath
$prefix = @()
if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
$watch = [Diagnostics.Stopwatch]::StartNew()
$json = & $exe @prefix -NoProfile -NonInteractive -Command $session
if ($LASTEXITCODE -ne 0) { throw "the MeshOps corpus session exited with $LASTEXITCODE" }
$watch.Stop()
$ours = ($json | Select-Object -Last 1) | ConvertFrom-Json
# The session a user pays for: process start, import and the first pass (the second pass is reported on its own).
$sessionMs = $watch.Elapsed.TotalMilliseconds - $ours.Second

. $helpers
$helmMs = $null
if (Test-Path $Helm) {
    # The environment the corpus README gives: no user configuration, no cluster.
    $scratch = Join-Path ([IO.Path]::GetTempPath()) "meshops-helm-bench-$PID"
    New-Item -ItemType Directory -Force $scratch | Out-Null
    $saved = @{}
    foreach ($name in 'HOME', 'HELM_CACHE_HOME', 'HELM_CONFIG_HOME', 'HELM_DATA_HOME', 'KUBECONFIG', 'TZ') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    foreach ($name in 'HOME', 'HELM_CACHE_HOME', 'HELM_CONFIG_HOME', 'HELM_DATA_HOME') { [Environment]::SetEnvironmentVariable($name, $scratch) }
    [Environment]::SetEnvironmentVariable('KUBECONFIG', (Join-Path $scratch 'no-kubeconfig'))
    [Environment]::SetEnvironmentVariable('TZ', 'UTC')
    Push-Location -LiteralPath $CorpusRoot
    try {
        $helmMs = 0.0
        foreach ($case in Read-CorpusCases $CorpusRoot) {
            $arguments = @('template', 'rel', $case.chart, '-n', $case.namespace) + @(Split-ShellWords $case.args)
            $one = [Diagnostics.Stopwatch]::StartNew()
            & $Helm @arguments 2>&1 | Out-Null
            $helmMs += $one.Elapsed.TotalMilliseconds
        }
    }
    finally {
        Pop-Location
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        Remove-Item -Recurse -Force $scratch
    }
}

$rows = @(
    [pscustomobject]@{ Benchmark = "helm corpus ($($ours.Cases) cases): pwsh start + import + all cases, one session"; Ms = [math]::Round($sessionMs, 1) }
    [pscustomobject]@{ Benchmark = 'helm corpus: Expand-MeshChart, all cases, first pass in the session'; Ms = [math]::Round($ours.First, 1) }
    [pscustomobject]@{ Benchmark = 'helm corpus: Expand-MeshChart, all cases, second pass (warm process)'; Ms = [math]::Round($ours.Second, 1) }
)
if ($null -ne $helmMs) {
    $rows += [pscustomobject]@{ Benchmark = "helm corpus: sum of $($ours.Cases) cold helm template processes"; Ms = [math]::Round($helmMs, 1) }
}
$rows | Format-Table -AutoSize | Out-Host
if ($ours.Failed -gt 0) { Write-Warning "$($ours.Failed) corpus cases that Helm renders failed in MeshOps (see HelmCorpus.Tests.ps1)." }
if ($null -ne $helmMs) {
    Write-Host ("The whole corpus in one session takes {0:P1} of helm's cold total (target: under 10%, less than helm needs for a tenth of it)." -f ($sessionMs / $helmMs))
}
else {
    Write-Host "helm not found at $Helm (build.ps1 test fetches it): no helm comparison."
}
