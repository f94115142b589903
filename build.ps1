#!/usr/bin/env pwsh
<#
.SYNOPSIS
Builds, tests, demonstrates and measures MeshOps.

.DESCRIPTION
Tasks:
  build (default)  the ready module in out/MeshOps (manifest, format file, cmdlets, MAML help, Dependencies/)
  test             build, then every xunit and Pester test; ends with one line "N passed, N failed[, N skipped]"
  demo             build, then the seed's story with the built module against a loopback API server
  bench            build, then the benchmarks in bench/
  package          build, then out/MeshOps.<version>.nupkg, the package PSResourceGet publishes and installs
  clean            remove out/ and every bin/ and obj/

Run it as `dotnet tool restore && dotnet pwsh ./build.ps1 <task>`.
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'demo', 'bench', 'package', 'clean')]
    [string] $Task = 'build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'MeshOps'
$BuildTools = Join-Path $Root 'src/BuildTools'

. (Join-Path $BuildTools 'Common.ps1')

function Invoke-Build {
    $version = (Import-PowerShellDataFile (Join-Path $Root 'module/MeshOps.psd1')).ModuleVersion
    Write-Step "Building MeshOps $version ($Configuration)"
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Force -Path (Join-Path $ModuleOut 'Dependencies'), (Join-Path $ModuleOut 'en-US')

    $staging = Join-Path $Out 'staging'
    # The engine with everything it depends on goes to Dependencies/, to load in its own context. The engine itself is
    # ReadyToRun for this machine's platform (first render of a session; see bench/README.md), still portable IL elsewhere.
    # Its native code is compiled against the runtime of the pwsh running this build (RuntimeFrameworkVersion), not the
    # engine's net8.0 target: a runtime uses ReadyToRun code only of its own major version's format, so net8.0 code is
    # ignored under PowerShell 7.6 (.NET 10) and every engine method was JIT-compiled anyway. The IL still targets
    # net8.0 (PowerShell 7.4), which JIT-compiles it as it did before ReadyToRun.
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    $runtime = [Environment]::Version.ToString(3)
    Invoke-Native dotnet publish (Join-Path $Root 'src/MeshOps.Engine/MeshOps.Engine.csproj') -c $Configuration `
        -o (Join-Path $ModuleOut 'Dependencies') "-p:Version=$version" -r $rid --self-contained false "-p:PublishReadyToRun=true" `
        "-p:RuntimeFrameworkVersion=$runtime" --nologo -v quiet
    Invoke-Native dotnet build (Join-Path $Root 'src/MeshOps.Cmdlets/MeshOps.Cmdlets.csproj') -c $Configuration `
        -o (Join-Path $staging 'cmdlets') "-p:Version=$version" --nologo -v quiet
    foreach ($file in 'MeshOps.Cmdlets.dll', 'MeshOps.Cmdlets.pdb') {
        Copy-Item (Join-Path $staging "cmdlets/$file") $ModuleOut
    }
    Get-ChildItem (Join-Path $ModuleOut 'Dependencies') -Filter '*.deps.json' | Remove-Item
    Copy-Item (Join-Path $Root 'module/MeshOps.psd1'), (Join-Path $Root 'module/MeshOps.Format.ps1xml'), (Join-Path $Root 'LICENSE') $ModuleOut
    $null = & (Join-Path $BuildTools 'Add-FleetViews.ps1') -Path (Join-Path $ModuleOut 'MeshOps.Format.ps1xml') -OutputTypesPath (Join-Path $Root 'src/MeshOps.Cmdlets/Output')
    foreach ($topic in Get-ChildItem (Join-Path $Root 'docs/en-US') -Filter 'about_*.md') {
        Copy-Item $topic.FullName (Join-Path $ModuleOut "en-US/$($topic.BaseName).help.txt")
    }

    Write-Step 'Building help (docs/en-US -> MAML)'
    $helpXml = Join-Path $ModuleOut 'en-US/MeshOps.Cmdlets.dll-Help.xml'
    Invoke-FreshPwsh -File (Join-Path $BuildTools 'Build-Help.ps1') -Arguments @(
        '-ModulePath', (Join-Path $ModuleOut 'MeshOps.psd1'), '-DocsPath', (Join-Path $Root 'docs/en-US'), '-OutputPath', $helpXml)
    Remove-Item $staging -Recurse -Force
    Write-Step "Module ready: $ModuleOut"
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $Out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $null = New-Item -ItemType Directory -Force $results

    Write-Step 'Helm 4 for the differential tests (cached outside the repository; they skip without it)'
    $helm = & (Join-Path $BuildTools 'Get-HelmBinary.ps1')
    if ($helm) { $env:MESHOPS_HELM = $helm; Write-Host "helm: $helm" }

    Write-Step 'xunit: engine tests'
    $trx = Join-Path $results 'engine.trx'
    $xunitExit = Invoke-NativeExitCode dotnet test (Join-Path $Root 'tests/MeshOps.Engine.Tests/MeshOps.Engine.Tests.csproj') `
        -c $Configuration --nologo --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' --results-directory $results
    $xunit = Read-TrxCounts $trx

    Write-Step 'Pester: cmdlet tests against the built module and the loopback API server'
    Invoke-Native dotnet restore (Join-Path $Root 'tests/pester/PesterDependencies.csproj') --nologo -v quiet
    $env:MESHOPS_TESTAPISERVER = Build-TestApiServer
    $pesterJson = Join-Path $results 'pester.json'
    $pesterExit = Invoke-FreshPwsh -NoThrow -File (Join-Path $Root 'tests/pester/Invoke-PesterSuite.ps1') -Arguments @(
        '-ModulePath', (Join-Path $ModuleOut 'MeshOps.psd1'), '-TestPath', (Join-Path $Root 'tests/pester'),
        '-PesterPath', (Get-PackagePath 'pester' '5.7.1' 'tools/Pester.psd1'), '-ResultPath', $pesterJson)
    $pester = if (Test-Path $pesterJson) { Get-Content $pesterJson -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    $skipped = $xunit.Skipped + $pester.Skipped
    # A runner that crashed without counting its failure still fails the run.
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $failed++ ; Write-Warning "dotnet test exited $xunitExit" }
    if ($pesterExit -ne 0 -and $pester.Failed -eq 0) { $failed++ ; Write-Warning "Pester run exited $pesterExit" }

    Write-Host ("xunit: {0} passed, {1} failed, {2} skipped; Pester: {3} passed, {4} failed, {5} skipped" -f `
            $xunit.Passed, $xunit.Failed, $xunit.Skipped, $pester.Passed, $pester.Failed, $pester.Skipped)
    $summary = "$passed passed, $failed failed"
    if ($skipped -gt 0) { $summary += ", $skipped skipped" }
    Write-Host $summary
    if ($failed -gt 0) { exit 1 }
}

function Build-TestApiServer {
    $apiServer = Join-Path $Out 'testapiserver'
    Invoke-Native dotnet build (Join-Path $Root 'tests/MeshOps.TestApiServer/MeshOps.TestApiServer.csproj') -c $Configuration -o $apiServer --nologo -v quiet
    return Join-Path $apiServer 'MeshOps.TestApiServer.dll'
}

function Invoke-Demo {
    Invoke-Build
    $apiServer = Build-TestApiServer
    Invoke-FreshPwsh -File (Join-Path $BuildTools 'Start-Demo.ps1') -Arguments @('-ModulePath', (Join-Path $ModuleOut 'MeshOps.psd1'), '-ApiServerPath', $apiServer)
}

function Invoke-Bench {
    Invoke-Build
    Invoke-FreshPwsh -File (Join-Path $Root 'bench/Invoke-Benchmarks.ps1') -Arguments @('-ModulePath', (Join-Path $ModuleOut 'MeshOps.psd1'))
}

function Invoke-Package {
    Invoke-Build
    Write-Step 'Packing (Compress-PSResource)'
    $script = Join-Path $BuildTools 'New-ModulePackage.ps1'
    Invoke-FreshPwsh -File $script -Arguments @('-ModulePath', $ModuleOut, '-DestinationPath', $Out)
    $version = (Import-PowerShellDataFile (Join-Path $Root 'module/MeshOps.psd1')).ModuleVersion
    Write-Step "Package ready: $(Join-Path $Out "MeshOps.$version.nupkg")"
}

function Invoke-Clean {
    if (Test-Path $Out) { Remove-Item $Out -Recurse -Force }
    Get-ChildItem $Root -Directory -Recurse -Include bin, obj -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -notmatch '[\\/]\.git[\\/]' } | Remove-Item -Recurse -Force
    Write-Step 'Clean'
}

Push-Location $Root
try {
    switch ($Task) {
        'build' { Invoke-Build }
        'test' { Invoke-Test }
        'demo' { Invoke-Demo }
        'bench' { Invoke-Bench }
        'package' { Invoke-Package }
        'clean' { Invoke-Clean }
    }
}
finally {
    Pop-Location
}
