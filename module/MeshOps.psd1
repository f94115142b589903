@{
    # The single place the MeshOps version lives; build.ps1 stamps it into the assemblies.
    ModuleVersion        = '0.1.0'
    RootModule           = 'MeshOps.Cmdlets.dll'
    GUID                 = '5c0e5c8a-3f6e-4c1e-9a77-2b7d1f0b6e41'
    Author               = 'MeshOps contributors'
    CompanyName          = 'MeshOps'
    Copyright            = '(c) MeshOps contributors. Apache-2.0.'
    Description          = 'Install and run Istio control planes on Kubernetes: istioctl''s inputs and manifests, safer day-2 operations, objects that pipe.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('MeshOps.Format.ps1xml')
    CmdletsToExport      = @(
        'Disable-MeshInjection'
        'Enable-MeshInjection'
        'Expand-MeshChart'
        'Export-MeshInstallation'
        'Export-MeshManifest'
        'Get-MeshConfig'
        'Get-MeshNamespace'
        'Get-MeshProfile'
        'Get-MeshRelease'
        'Get-MeshRevision'
        'Get-MeshRevisionTag'
        'Get-MeshWorkload'
        'Install-MeshControlPlane'
        'Move-MeshWorkload'
        'Remove-MeshRevisionTag'
        'Save-MeshRelease'
        'Set-MeshConfig'
        'Set-MeshRevisionTag'
        'Uninstall-MeshControlPlane'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Istio', 'Kubernetes', 'ServiceMesh', 'istioctl', 'Helm')
            LicenseUri = 'https://www.apache.org/licenses/LICENSE-2.0'
        }
    }
}
