<#
.SYNOPSIS
MeshOps' benchmarks, reported in one run: module import time, the engine's render benchmarks, the helm-corpus
total (all cases in one session next to the sum of cold helm template runs), install, and Get-MeshRevision over
a fleet of 8 clusters against one.

.DESCRIPTION
Each measurement starts fresh pwsh processes (cold) or runs in one process after warm-up (warm), repeats, and
reports the median. Numbers are for comparison on the same machine, never asserted by tests.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Runs = 7
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

$module = (Resolve-Path $ModulePath).Path
$bare = Measure-PwshCommand -Runs $Runs -Command '$null'
$import = Measure-PwshCommand -Runs $Runs -Command "Import-Module '$module'"
$profileDump = $null
$export = $null
$shared = Join-Path $PSScriptRoot '../../shared/istio/1.18.5/release/manifests'
if (Test-Path $shared) {
    $profileDump = Measure-PwshCommand -Runs $Runs -Command "Import-Module '$module'; `$null = Get-MeshProfile -Name minimal -ManifestsPath '$shared' -Version 1.18.5"
    $export = Measure-PwshCommand -Runs $Runs -Command "Import-Module '$module'; `$null = Export-MeshManifest -Profile minimal -ManifestsPath '$shared' -Version 1.18.5"
}

$rows = @(
    [pscustomobject]@{ Benchmark = 'pwsh start (bare)'; MedianMs = $bare }
    [pscustomobject]@{ Benchmark = 'pwsh start + Import-Module MeshOps'; MedianMs = $import }
    [pscustomobject]@{ Benchmark = 'Import-Module cost (difference)'; MedianMs = [math]::Round($import - $bare, 1) }
)
if ($null -ne $profileDump) {
    $rows += [pscustomobject]@{ Benchmark = 'pwsh start + import + Get-MeshProfile minimal (cold)'; MedianMs = $profileDump }
    $rows += [pscustomobject]@{ Benchmark = 'pwsh start + import + Export-MeshManifest -Profile minimal (cold)'; MedianMs = $export }
}
$rows | Format-Table -AutoSize | Out-Host
if ($null -ne $export) { Write-BenchRatio 'first-export-minimal-over-bare-pwsh' ($export - $bare) '<=' 250 '+0;-0' ' ms' }
& (Join-Path $PSScriptRoot 'Injection.Bench.ps1') -ModulePath $module
& (Join-Path $PSScriptRoot 'Canary.Bench.ps1') -ModulePath $module
& (Join-Path $PSScriptRoot 'Fleet.Bench.ps1') -ModulePath $module

$engineBench = Join-Path $PSScriptRoot 'MeshOps.Bench/MeshOps.Bench.csproj'
if (Test-Path $engineBench) {
    & dotnet run -c Release --project $engineBench -- @args | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "Engine benchmarks exited with $LASTEXITCODE" }
}
& (Join-Path $PSScriptRoot 'HelmCorpus.Bench.ps1') -ModulePath $module
& (Join-Path $PSScriptRoot 'Install.Bench.ps1') -ModulePath $module
