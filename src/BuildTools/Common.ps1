# Helpers shared by build.ps1's tasks. Dot-sourced; defines functions only.

function Write-Step([string] $Message) {
    Write-Host "==> $Message" -ForegroundColor Cyan
}

<#
Runs a native command, streaming its output; throws on a non-zero exit. A plain function on purpose: its
arguments (such as dotnet's -o) must not be taken for PowerShell's common parameters.
#>
function Invoke-Native {
    $command, $arguments = $args
    & $command @arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "'$command $($arguments -join ' ')' exited with code $LASTEXITCODE" }
}

# Like Invoke-Native, but returns the exit code instead of throwing.
function Invoke-NativeExitCode {
    $command, $arguments = $args
    & $command @arguments | Out-Host
    return $LASTEXITCODE
}

<#
Runs a script in a new pwsh process (the same PowerShell that runs this build), so that loaded assemblies and
modules of the build never leak into what is measured or tested.
#>
function Invoke-FreshPwsh {
    param(
        [Parameter(Mandatory)] [string] $File,
        [string[]] $Arguments = @(),
        [switch] $NoThrow
    )
    $exe = [Environment]::ProcessPath
    $prefix = @()
    # Under `dotnet pwsh` the process is dotnet itself; hand it pwsh's entry assembly.
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
    & $exe @prefix -NoProfile -NonInteractive -File $File @Arguments | Out-Host
    $code = $LASTEXITCODE
    if ($NoThrow) { return $code }
    if ($code -ne 0) { throw "pwsh -File $File exited with code $code" }
}

function Get-NuGetPackagesFolder {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = & dotnet nuget locals global-packages --list | Select-Object -First 1
    return ($line -replace '^global-packages:\s*', '').Trim()
}

function Get-PackagePath([string] $Id, [string] $Version, [string] $RelativePath) {
    $path = Join-Path (Get-NuGetPackagesFolder) "$($Id.ToLowerInvariant())/$Version/$RelativePath"
    if (-not (Test-Path $path)) { throw "Package $Id $Version is not restored ($path). Run 'dotnet restore tests/pester/PesterDependencies.csproj'." }
    return $path
}

# Counts from a VSTest TRX file; tests that did not run (skipped) count as skipped.
function Read-TrxCounts([string] $Path) {
    if (-not (Test-Path $Path)) { return [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 } }
    [xml] $trx = Get-Content $Path -Raw
    $counters = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int] $counters.passed
        Failed  = [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        Skipped = [int] $counters.notExecuted
    }
}
