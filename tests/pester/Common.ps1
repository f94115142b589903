# Dot-sourced by every *.Tests.ps1: where the built module and ../shared are.
$script:MeshOpsModule = if ($env:MESHOPS_MODULE) { $env:MESHOPS_MODULE } else { Join-Path $PSScriptRoot '../../out/MeshOps/MeshOps.psd1' }
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:SharedRoot = Join-Path $script:RepoRoot '../shared'
$script:HasShared = Test-Path (Join-Path $script:SharedRoot 'istio/1.18.5')
$script:ReleaseManifests = Join-Path $script:SharedRoot 'istio/1.18.5/release/manifests'
$script:SharedMissing = '../shared is not beside this checkout (Istio 1.18.5 reference data); CI has it'
