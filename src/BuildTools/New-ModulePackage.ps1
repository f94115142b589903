<#
.SYNOPSIS
Packs a built module folder into <Name>.<Version>.nupkg, the package PSResourceGet publishes to and installs from a
gallery. Runs in a fresh pwsh (build.ps1 package): Compress-PSResource validates the manifest by loading it.

.OUTPUTS
The path of the package.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DestinationPath
)
$ErrorActionPreference = 'Stop'
Import-Module Microsoft.PowerShell.PSResourceGet

$manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'MeshOps.psd1')
$package = Join-Path $DestinationPath "MeshOps.$($manifest.ModuleVersion).nupkg"
# Compress-PSResource refuses to overwrite a package of the same version.
if (Test-Path $package) { Remove-Item $package -Force }
$null = New-Item -ItemType Directory -Force -Path $DestinationPath
Compress-PSResource -Path $ModulePath -DestinationPath $DestinationPath
if (-not (Test-Path $package)) { throw "Compress-PSResource did not write $package" }
$package
