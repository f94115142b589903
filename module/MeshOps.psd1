@{
    # The single place the MeshOps version lives; build.ps1 stamps it into the assemblies.
    ModuleVersion        = '0.1.0'
    # The cmdlets are the one module; no NestedModules. The engine and its libraries in Dependencies/ are loaded by
    # the cmdlets into their own AssemblyLoadContext, so they must not be listed here (that would load them into
    # the session's default context beside other modules' copies).
    RootModule           = 'MeshOps.Cmdlets.dll'
    NestedModules        = @()
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
        'Get-MeshCluster'
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
            # What a gallery shows and searches.
            Tags         = @('Istio', 'ServiceMesh', 'Kubernetes', 'istioctl', 'Helm', 'IstioOperator', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/MeshOps/MeshOps'
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ReleaseNotes = @'
0.1.0: first release. Renders the manifests each Istio release's own istioctl would, 1.18 to 1.28 and their
families (Export-MeshManifest, Get-MeshProfile), and any Helm chart as helm template does (Expand-MeshChart);
installs, upgrades and uninstalls revisions with server-side apply, waits and prune, across releases on one cluster
(Install-MeshControlPlane, Uninstall-MeshControlPlane); revision tags, namespace injection and workload moves for
canary upgrades; mesh config with drift (Get-MeshConfig, Set-MeshConfig); a verified local cache of Istio releases
(Save-MeshRelease, Get-MeshRelease).
'@
        }
    }
}
