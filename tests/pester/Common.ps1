# Dot-sourced by every *.Tests.ps1: where the built module and ../shared are.
$script:MeshOpsModule = if ($env:MESHOPS_MODULE) { $env:MESHOPS_MODULE } else { Join-Path $PSScriptRoot '../../out/MeshOps/MeshOps.psd1' }
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:SharedRoot = Join-Path $script:RepoRoot '../shared'
$script:HasShared = Test-Path (Join-Path $script:SharedRoot 'istio/1.18.5')
$script:ReleaseManifests = Join-Path $script:SharedRoot 'istio/1.18.5/release/manifests'
# ../shared's copies come from Istio's source tree (chart version 1.0.0), so they are rendered with -Version.
$script:ReleaseVersion = '1.18.5'
$script:SharedMissing = '../shared is not beside this checkout (Istio 1.18.5 reference data); CI has it'
