<#
.SYNOPSIS
The seed's story with the built module, against the loopback Kubernetes API server (never a real cluster unless
-Kubeconfig is given).

.DESCRIPTION
1. Install examples/my-config.yaml with -Namespace istio-1-18-5 (istiod where the seed's author wanted it).
2. Enable sidecar injection on namespace test; show Get-MeshRevision.
3. Edit the installed-state IstioOperator by hand, as the seed's author did, and show Get-MeshConfig naming the drift.
4. Fix it with Set-MeshConfig -EnablePrometheusMerge $false and show what must restart.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $ApiServerPath,
    [string] $Kubeconfig,
    [string] $ManifestsPath
)
$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
Import-Module $ModulePath

function Show([string] $Title) { Write-Host "`n### $Title" -ForegroundColor Green }

# Istio's charts: the shared reference copy, else a cached release, else download one (online only).
if (-not $ManifestsPath) {
    $shared = Join-Path $root '../shared/istio/1.18.5/release/manifests'
    if (Test-Path $shared) { $ManifestsPath = (Resolve-Path $shared).Path }
    elseif (Get-MeshRelease -Version 1.18.5 -ErrorAction SilentlyContinue) { $ManifestsPath = (Get-MeshRelease -Version 1.18.5).Path }
    else {
        try { $ManifestsPath = (Save-MeshRelease -Version 1.18.5 -Confirm:$false).Path }
        catch {
            throw "No Istio 1.18.5 charts: ../shared is absent and downloading failed ($($_.Exception.Message)). " +
            "Pass -ManifestsPath <istio-1.18.5>/manifests, or import an archive with Save-MeshRelease -Path <istio-1.18.5-linux-amd64.tar.gz>."
        }
    }
}

$server = $null
if (-not $Kubeconfig) {
    . (Join-Path $root 'tests/pester/TestApiServer.ps1')
    if ($ApiServerPath) { $script:TestApiServerDll = $ApiServerPath }
    $work = Join-Path ([IO.Path]::GetTempPath()) "meshops-demo-$PID"
    New-Item -ItemType Directory -Force $work | Out-Null
    $server = Start-TestApiServer -Directory $work
    $Kubeconfig = $server.Kubeconfig
    Write-Host "Loopback Kubernetes API server at $($server.Uri) (kubeconfig $Kubeconfig)"
}

try {
    $cluster = @{ Kubeconfig = $Kubeconfig }
    Show 'The seed''s my-config.yaml'
    Get-Content (Join-Path $root 'examples/my-config.yaml') | Out-Host

    Show 'Install-MeshControlPlane -Path examples/my-config.yaml -Namespace istio-1-18-5'
    $revision = Install-MeshControlPlane -Path (Join-Path $root 'examples/my-config.yaml') -Namespace istio-1-18-5 -ManifestsPath $ManifestsPath -Version 1.18.5 @cluster -PassThru -Confirm:$false
    $revision | Format-Table | Out-Host

    Show 'Enable injection on namespace test (created here for the demo)'
    if ($server) { $null = Invoke-TestApi $server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = 'test' } } }
    'test' | Enable-MeshInjection -Revision istio-1-18-5 @cluster -PassThru -Confirm:$false | Format-Table | Out-Host
    Get-MeshRevision @cluster | Format-Table | Out-Host

    Show 'The seed''s mistake: edit the installed-state IstioOperator by hand (enablePrometheusMerge: false)'
    if ($server) {
        $null = Invoke-TestApi $server PATCH '/apis/install.istio.io/v1alpha1/namespaces/istio-1-18-5/istiooperators/installed-state-istio-1-18-5' `
            '{"spec":{"meshConfig":{"enablePrometheusMerge":false}}}' 'application/merge-patch+json'
        Write-Host 'kubectl edit iop installed-state-istio-1-18-5 -n istio-1-18-5   # nothing reconciles it'
    }
    Get-MeshConfig -Revision istio-1-18-5 @cluster | Format-List | Out-Host

    Show 'The fix: Set-MeshConfig -EnablePrometheusMerge $false'
    Get-MeshRevision istio-1-18-5 @cluster | Set-MeshConfig -EnablePrometheusMerge $false @cluster -Confirm:$false | Format-Table | Out-Host
    Get-MeshConfig -Revision istio-1-18-5 @cluster | Format-List | Out-Host
}
finally {
    if ($server) { Stop-TestApiServer $server }
}
