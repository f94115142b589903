<#
.SYNOPSIS
Runs bad-input cases in child pwsh processes and returns one result per case id (a hashtable id -> result).

.DESCRIPTION
Each of -Workers children (BadInputChild.ps1) runs many cases in sequence: the parent writes a case id on the
child's stdin and reads one "@@RESULT <json>" line back. A child that dies (stack overflow, exit 134, out of
memory) fails the case it was running, with its exit code and the tail of its stderr; a case that runs longer than
its time limit fails as a hang and its child is killed. Either way a new child carries on with the next case.

Run it alone to see every failure:
  pwsh tests/badinput/Invoke-BadInputCorpus.ps1 -ModulePath out/MeshOps/MeshOps.psd1 [-Filter 'Export-MeshManifest/*']
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $ServerDll = $(if ($env:MESHOPS_TESTAPISERVER) { $env:MESHOPS_TESTAPISERVER } else { Join-Path $PSScriptRoot '../../out/testapiserver/MeshOps.TestApiServer.dll' }),
    [string] $SharedRoot = (Join-Path $PSScriptRoot '../../../shared'),
    [string] $Filter = '*',
    [int] $Workers = 2,
    [int] $DefaultTimeoutSeconds = 20,
    # The GC heap limit of each child, so that an unbounded allocation fails fast instead of eating the machine.
    [string] $ChildHeapLimit = '0x60000000',
    # Prints one line per failing case and the counts instead of returning the results.
    [switch] $Summary,
    # Writes one line per finished case (outcome, id, time) while the corpus runs.
    [switch] $ShowProgress,
    # Also writes every result as JSON here (to read the actual ids of a run).
    [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BadInput.ps1')

$ModulePath = (Resolve-Path $ModulePath).Path
$ServerDll = (Resolve-Path $ServerDll).Path
$SharedRoot = [IO.Path]::GetFullPath($SharedRoot)
$allCases = @(Get-BadInputCases | Where-Object { $_.Id -like $Filter })
$byId = @{}
foreach ($case in $allCases) { $byId[$case.Id] = $case }
$runRoot = Join-Path ([IO.Path]::GetTempPath()) ('meshops-badinput-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory -Force -Path $runRoot

# One loopback API server per slot, kept across child restarts (a child takes seconds less to start).
. (Join-Path $PSScriptRoot '../pester/TestApiServer.ps1')
$script:TestApiServerDll = $ServerDll
$servers = @(for ($i = 0; $i -lt $Workers; $i++) { Start-TestApiServer -Directory $runRoot })
$seeded = @($false) * $Workers

function Start-Child([int] $Number) {
    $exe = [Environment]::ProcessPath
    $start = [Diagnostics.ProcessStartInfo]::new($exe)
    # Under `dotnet pwsh` the process is dotnet itself; hand it pwsh's entry assembly.
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    $work = Join-Path $runRoot ("child-{0}-{1}" -f $Number, [guid]::NewGuid().ToString('N').Substring(0, 6))
    foreach ($a in @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'BadInputChild.ps1'),
            '-ModulePath', $ModulePath, '-WorkRoot', $work, '-ServerKubeconfig', $servers[$Number].Kubeconfig, '-SharedRoot', $SharedRoot)) { $start.ArgumentList.Add($a) }
    if (-not $seeded[$Number]) { $start.ArgumentList.Add('-Seed'); $seeded[$Number] = $true }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $start.Environment['DOTNET_GCHeapHardLimit'] = $ChildHeapLimit
    $start.Environment['MESHOPS_MODULE'] = $ModulePath
    $process = [Diagnostics.Process]::Start($start)
    [pscustomobject]@{
        Process = $process
        Stderr  = $process.StandardError.ReadToEndAsync()
        Line    = $process.StandardOutput.ReadLineAsync()
        Ready   = $false
        Case    = $null
        Started = [Diagnostics.Stopwatch]::StartNew()
        Work    = $work
    }
}

function Get-StderrTail($Child) {
    if ($Child.Stderr.Wait(3000)) { $text = $Child.Stderr.Result } else { $text = '(stderr still open)' }
    $text = ($text -replace '\s+', ' ').Trim()
    if ($text.Length -gt 1500) { $text = '...' + $text.Substring($text.Length - 1500) }
    $text
}

function Stop-Child($Child) {
    try { if (-not $Child.Process.HasExited) { $Child.Process.Kill($true) } } catch { }
    $null = $Child.Process.WaitForExit(5000)
    Remove-Item -LiteralPath $Child.Work -Recurse -Force -ErrorAction SilentlyContinue
}

$results = @{}
$queue = [Collections.Generic.Queue[string]]::new([string[]] @($allCases.Id))
$slots = @($null) * $Workers
$total = [Diagnostics.Stopwatch]::StartNew()
try {
    while ($queue.Count -gt 0 -or @($slots | Where-Object { $_ -and $_.Case }).Count -gt 0) {
        for ($i = 0; $i -lt $Workers; $i++) {
            if ($null -eq $slots[$i] -and $queue.Count -gt 0) { $slots[$i] = Start-Child $i }
            $child = $slots[$i]
            if ($null -eq $child) { continue }
            if ($child.Ready -and $null -eq $child.Case -and $queue.Count -gt 0) {
                $id = $queue.Dequeue()
                try {
                    $child.Process.StandardInput.WriteLine($id)
                    $child.Process.StandardInput.Flush()
                    $child.Case = $id
                    $child.Started.Restart()
                }
                catch [IO.IOException] {
                    # The child exited between cases (its EOF is handled below); the case goes to the next child.
                    $queue.Enqueue($id)
                }
            }
        }
        $pending = @($slots | Where-Object { $_ } | ForEach-Object { $_.Line })
        if ($pending.Count -eq 0) { break }
        $null = [Threading.Tasks.Task]::WaitAny([Threading.Tasks.Task[]] $pending, 200)
        for ($i = 0; $i -lt $Workers; $i++) {
            $child = $slots[$i]
            if ($null -eq $child) { continue }
            if ($child.Line.IsCompleted) {
                $line = if ($child.Line.IsFaulted) { $null } else { $child.Line.Result }
                if ($null -eq $line) {
                    # EOF: the child died, during its start or during a case.
                    $null = $child.Process.WaitForExit(5000)
                    $code = if ($child.Process.HasExited) { $child.Process.ExitCode } else { 'unknown' }
                    $tail = Get-StderrTail $child
                    if ($child.Case) {
                        $results[$child.Case] = [pscustomobject]@{ Id = $child.Case; Outcome = 'crash'; ExitCode = $code; Message = $tail; Ms = $child.Started.ElapsedMilliseconds; Writes = @(); Files = @() }
                        if ($ShowProgress) { Write-Host ("[{0}] crash   exit {1} {2}" -f $i, $code, $child.Case) }
                    }
                    elseif (-not $child.Ready) { throw "A bad-input child failed to start (exit code $code): $tail" }
                    Stop-Child $child
                    $slots[$i] = $null
                    continue
                }
                $child.Line = $child.Process.StandardOutput.ReadLineAsync()
                if ($line -eq '@@READY') { $child.Ready = $true }
                elseif ($line.StartsWith('@@RESULT ')) {
                    $result = $line.Substring(9) | ConvertFrom-Json
                    $results[$result.Id] = $result
                    if ($ShowProgress) { Write-Host ("[{0}] {1,-7} {2,6} ms {3} {4}" -f $i, $result.Outcome, $result.Ms, $result.Id, $result.ErrorId) }
                    $child.Case = $null
                }
                continue
            }
            $limit = if ($child.Case) { $byId[$child.Case].TimeoutSeconds } else { $null }
            if (-not $limit) { $limit = $DefaultTimeoutSeconds }
            if (-not $child.Ready) { $limit = 120 }
            if ($child.Started.Elapsed.TotalSeconds -gt $limit) {
                if (-not $child.Ready) { Stop-Child $child; throw "A bad-input child did not start within $limit s: $(Get-StderrTail $child)" }
                $results[$child.Case] = [pscustomobject]@{ Id = $child.Case; Outcome = 'timeout'; Ms = $child.Started.ElapsedMilliseconds; Writes = @(); Files = @() }
                if ($ShowProgress) { Write-Host ("[{0}] timeout {1}" -f $i, $child.Case) }
                Stop-Child $child
                $slots[$i] = $null
            }
        }
    }
}
finally {
    foreach ($child in $slots) {
        if ($child) {
            try { $child.Process.StandardInput.Close() } catch { }
            if (-not $child.Process.WaitForExit(10000)) { Stop-Child $child }
        }
    }
    foreach ($server in $servers) { Stop-TestApiServer $server }
    Remove-Item -LiteralPath $runRoot -Recurse -Force -ErrorAction SilentlyContinue
}

if ($ResultPath) { @($allCases | ForEach-Object { $results[$_.Id] }) | ConvertTo-Json -Depth 5 | Set-Content -Path $ResultPath }
if ($Summary) {
    $failures = @(foreach ($case in $allCases) { Get-BadInputFailure $case $results[$case.Id] } ) | Where-Object { $_ }
    $failures | ForEach-Object { Write-Host $_ }
    Write-Host ("{0} cases, {1} passed, {2} failed in {3:n0} s" -f $allCases.Count, ($allCases.Count - $failures.Count), $failures.Count, $total.Elapsed.TotalSeconds)
    return
}
return $results
