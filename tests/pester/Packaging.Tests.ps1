# The module as a gallery package: the manifest a gallery reads, the nupkg `build.ps1 package` makes, and the path a
# user takes (publish to a repository, Install-PSResource, Import-Module by name) in a fresh pwsh whose module path,
# PSResourceGet repository store and CurrentUser install folder are all temporary. Everything stays on this machine.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $MeshOpsModule -Force
    $script:ModuleDir = Split-Path $MeshOpsModule
    $script:Manifest = Import-PowerShellDataFile $MeshOpsModule
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ("meshops-packaging-" + [Guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $Work
    $script:UserHome = Join-Path $Work 'home'
    $script:UserModules = Join-Path $UserHome '.local/share/powershell/Modules'

    <#
    Runs a script in a fresh pwsh, in $Work, whose user data lives under $UserHome: PSResourceGet's repository store,
    its CurrentUser module folder and the NuGet.Config it creates (HOME and XDG_* on Linux and macOS; LOCALAPPDATA
    and APPDATA on Windows), with only that folder and $PSHOME's modules on PSModulePath. No telemetry or update
    check reaches the network. Returns the exit code and the output lines.
    #>
    function Invoke-IsolatedPwsh([string] $File, [hashtable] $Parameters) {
        # .NET answers "" for a per-user folder that does not exist, and PSResourceGet would then write its store
        # relative to the working directory.
        $null = New-Item -ItemType Directory -Force -Path $UserModules, (Join-Path $UserHome '.config'), (Join-Path $UserHome '.cache')
        $names = 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'LOCALAPPDATA', 'APPDATA', 'PSModulePath', 'POWERSHELL_TELEMETRY_OPTOUT', 'POWERSHELL_UPDATECHECK'
        $saved = @{}
        foreach ($name in $names) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        Push-Location $Work
        try {
            if ($IsWindows) { $env:LOCALAPPDATA = $env:APPDATA = $UserHome } else { $env:HOME = $UserHome }
            $env:XDG_DATA_HOME = Join-Path $UserHome '.local/share'
            $env:XDG_CONFIG_HOME = Join-Path $UserHome '.config'
            $env:XDG_CACHE_HOME = Join-Path $UserHome '.cache'
            $env:PSModulePath = $UserModules + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
            $env:POWERSHELL_TELEMETRY_OPTOUT = '1'
            $env:POWERSHELL_UPDATECHECK = 'Off'
            $exe = [Environment]::ProcessPath
            $prefix = @()
            if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
            $arguments = foreach ($key in $Parameters.Keys) { "-$key"; $Parameters[$key] }
            $output = & $exe @prefix -NoProfile -NonInteractive -File $File @arguments 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Lines = @($output | ForEach-Object { "$_" }) }
        }
        finally {
            foreach ($name in $names) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            Pop-Location
        }
    }
}

AfterAll {
    if (Test-Path $Work) { Remove-Item $Work -Recurse -Force }
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest $MeshOpsModule -ErrorAction Stop
        $info.Name | Should -Be 'MeshOps'
        $info.Version.ToString() | Should -Be $Manifest.ModuleVersion
        $info.RootModule | Should -Be 'MeshOps.Cmdlets.dll'
        @($info.NestedModules).Count | Should -Be 0 -Because 'the engine loads in its own context, never as a nested module'
    }

    It 'carries the metadata a gallery shows' {
        $Manifest.CompatiblePSEditions | Should -Be @('Core')
        $Manifest.PowerShellVersion | Should -Be '7.4'
        $psData = $Manifest.PrivateData.PSData
        foreach ($tag in 'Istio', 'ServiceMesh', 'Kubernetes', 'istioctl') { $psData.Tags | Should -Contain $tag }
        foreach ($uri in $psData.ProjectUri, $psData.LicenseUri) { [uri]::IsWellFormedUriString($uri, 'Absolute') | Should -BeTrue -Because $uri }
        $psData.ReleaseNotes | Should -Match $Manifest.ModuleVersion
    }

    It 'lists exactly the cmdlet classes of MeshOps.Cmdlets.dll, by name' {
        $assembly = (Get-Module MeshOps).ImplementingAssembly
        $classes = $assembly.GetExportedTypes() | Where-Object { -not $_.IsAbstract } | ForEach-Object {
            $attribute = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) | Select-Object -First 1
            if ($attribute) { "$($attribute.VerbName)-$($attribute.NounName)" }
        }
        foreach ($name in $Manifest.CmdletsToExport) { $name | Should -Not -Match '[*?]' -Because 'a gallery indexes commands only from explicit names' }
        # A difference names the cmdlet to add to (or remove from) CmdletsToExport in module/MeshOps.psd1.
        $missing = @($classes | Where-Object { $_ -notin $Manifest.CmdletsToExport } | Sort-Object)
        $extra = @($Manifest.CmdletsToExport | Where-Object { $_ -notin $classes } | Sort-Object)
        $missing | Should -BeNullOrEmpty -Because 'every cmdlet class must be listed in CmdletsToExport of module/MeshOps.psd1'
        $extra | Should -BeNullOrEmpty -Because 'CmdletsToExport must name only cmdlets the assembly defines'
        $Manifest.FunctionsToExport | Should -BeNullOrEmpty
        $Manifest.AliasesToExport | Should -BeNullOrEmpty
        $Manifest.VariablesToExport | Should -BeNullOrEmpty
    }

    It 'ships the license beside the manifest' {
        Test-Path (Join-Path $ModuleDir 'LICENSE') | Should -BeTrue
        Get-Content (Join-Path $ModuleDir 'LICENSE') -Raw | Should -Match 'Apache License\s+Version 2\.0'
    }
}

Describe 'The precompiled code' {
    BeforeAll {
        # The major version of an assembly's ReadyToRun header, or $null for IL only. A runtime runs ReadyToRun code
        # only in its own major format and silently JIT-compiles the IL otherwise, so the format is what decides
        # whether the precompiled code is used at all.
        function Get-ReadyToRunMajor([string] $Path) {
            $stream = [IO.File]::OpenRead($Path)
            try {
                $pe = [Reflection.PortableExecutable.PEReader]::new($stream)
                $directory = $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory
                if ($directory.Size -eq 0) { return $null }
                $offset = 0
                $null = $pe.PEHeaders.TryGetDirectoryOffset($directory, [ref] $offset)
                $header = [byte[]]::new(6)
                $stream.Position = $offset
                $null = $stream.Read($header, 0, 6)
                [BitConverter]::ToUInt32($header, 0) | Should -Be 0x00525452 -Because "$Path's native header is ReadyToRun's ('RTR')"
                return [BitConverter]::ToUInt16($header, 4)
            }
            finally { $stream.Dispose() }
        }
        $script:RuntimeFormat = Get-ReadyToRunMajor ([object].Assembly.Location)
    }

    It 'is <_> compiled for the runtime the tests run on, as its own libraries are' -ForEach 'MeshOps.Engine.dll', 'YamlDotNet.dll' {
        # The engine was once compiled for net8.0 (format 9) and ran as IL under PowerShell 7.6 (.NET 10, format 16).
        $RuntimeFormat | Should -Not -BeNullOrEmpty
        Get-ReadyToRunMajor (Join-Path $ModuleDir "Dependencies/$_") | Should -Be $RuntimeFormat
    }
}

Describe 'The package build.ps1 package writes' {
    BeforeAll {
        $script:PackageDir = Join-Path $Work 'package'
        $run = Invoke-IsolatedPwsh (Join-Path $RepoRoot 'src/BuildTools/New-ModulePackage.ps1') @{ ModulePath = $ModuleDir; DestinationPath = $PackageDir }
        $run.ExitCode | Should -Be 0 -Because ($run.Lines -join "`n")
        $script:Package = $run.Lines | Select-Object -Last 1
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Package)
        try {
            $script:Entries = $zip.Entries.FullName
            $reader = [IO.StreamReader]::new(($zip.Entries | Where-Object FullName -EQ 'MeshOps.nuspec').Open())
            try { $script:Nuspec = [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
    }

    It 'is named MeshOps.(version).nupkg' {
        Split-Path $Package -Leaf | Should -Be "MeshOps.$($Manifest.ModuleVersion).nupkg"
    }

    It 'holds the module with its dependencies, help and license' {
        foreach ($file in 'MeshOps.psd1', 'MeshOps.Cmdlets.dll', 'MeshOps.Format.ps1xml', 'LICENSE', 'Dependencies/MeshOps.Engine.dll',
            'Dependencies/YamlDotNet.dll', 'Dependencies/KubernetesClient.dll', 'Dependencies/BouncyCastle.Cryptography.dll', 'en-US/MeshOps.Cmdlets.dll-Help.xml', 'en-US/about_MeshOps.help.txt') {
            $Entries | Should -Contain $file
        }
    }

    It 'describes itself from the manifest' {
        $metadata = $Nuspec.package.metadata
        $metadata.id | Should -Be 'MeshOps'
        $metadata.version | Should -Be $Manifest.ModuleVersion
        $metadata.projectUrl | Should -Be $Manifest.PrivateData.PSData.ProjectUri
        $metadata.licenseUrl | Should -Be $Manifest.PrivateData.PSData.LicenseUri
        $metadata.releaseNotes | Should -Not -BeNullOrEmpty
        foreach ($tag in 'Istio', 'ServiceMesh', 'Kubernetes', 'istioctl') { $metadata.tags -split ' ' | Should -Contain $tag }
    }
}

Describe 'Install-PSResource from a local repository' {
    BeforeAll {
        $repository = Join-Path $Work 'repository'
        $null = New-Item -ItemType Directory -Path $repository
        $seed = Join-Path $RepoRoot 'examples/my-config.yaml'
        $manifests = if ($HasShared) { $ReleaseManifests } else { '' }
        $script = @'
param($ModuleDir, $Repository, $Seed, $Manifests)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Register-PSResourceRepository -Name MeshOpsLocal -Uri $Repository -Trusted
Publish-PSResource -Path $ModuleDir -Repository MeshOpsLocal
$installed = Install-PSResource -Name MeshOps -Repository MeshOpsLocal -Scope CurrentUser -PassThru
Import-Module MeshOps
$module = Get-Module MeshOps
$rendered = if ($Manifests) { Export-MeshManifest -Path $Seed -ManifestsPath $Manifests -Version 1.18.5 } else { $null }
$help = Get-Help Install-MeshControlPlane -Examples
[pscustomobject]@{
    Published    = @(Get-ChildItem $Repository -Filter '*.nupkg').Name
    Installed    = "$($installed.Name) $($installed.Version)"
    ModuleBase   = $module.ModuleBase
    Found        = @(Get-Module MeshOps -ListAvailable).ModuleBase
    Cmdlets      = @($module.ExportedCmdlets.Keys)
    Rendered     = $rendered
    Examples     = @($help.examples.example).Count
    ExampleCode  = @($help.examples.example.code) -join "`n"
} | ConvertTo-Json -Compress
'@
        $scriptPath = Join-Path $Work 'Install-FromRepository.ps1'
        Set-Content -Path $scriptPath -Value $script

        $run = Invoke-IsolatedPwsh $scriptPath @{ ModuleDir = $ModuleDir; Repository = $repository; Seed = $seed; Manifests = $manifests }
        $script:ExitCode = $run.ExitCode
        $output = $run.Lines
        $script:Output = $output -join "`n"
        $script:Result = if ($ExitCode -eq 0) { ($output | Select-Object -Last 1) | ConvertFrom-Json } else { $null }
    }

    It 'publishes the built module and installs it by name' {
        $ExitCode | Should -Be 0 -Because $Output
        $Result.Published | Should -Be "MeshOps.$($Manifest.ModuleVersion).nupkg"
        $Result.Installed | Should -Be "MeshOps $($Manifest.ModuleVersion)"
    }

    It 'imports the installed copy with every cmdlet' -Skip:($IsWindows) {
        # Windows puts CurrentUser modules in Documents, which no environment variable moves; elsewhere the install
        # must land in the temporary module path and be the only MeshOps found there.
        $Result.ModuleBase | Should -BeLike "$UserModules*"
        @($Result.Found).Count | Should -Be 1
        ($Result.Cmdlets | Sort-Object) | Should -Be ($Manifest.CmdletsToExport | Sort-Object)
    }

    It 'renders the seed file with Export-MeshManifest' -Skip:(-not $HasShared) {
        $Result.Rendered | Should -Match '(?m)^kind: Deployment$'
        $Result.Rendered | Should -Match '(?m)^  name: istiod-istio-1-18-5$'
        $Result.Rendered | Should -Match 'accessLogFile: /dev/stdout'
    }

    It 'has the help examples of Install-MeshControlPlane' {
        $Result.Examples | Should -BeGreaterThan 0
        $Result.ExampleCode | Should -Match 'Install-MeshControlPlane'
    }
}
