# Timing helpers for bench/. Dot-sourced.

# Median wall time, in milliseconds, of a fresh pwsh process running one command (after one unmeasured run).
function Measure-PwshCommand([string] $Command, [int] $Runs) {
    $exe = [Environment]::ProcessPath
    $prefix = @()
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
    $times = foreach ($i in 0..$Runs) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        & $exe @prefix -NoProfile -NonInteractive -Command $Command | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "pwsh -Command '$Command' exited with $LASTEXITCODE" }
        $watch.Stop()
        if ($i -gt 0) { $watch.Elapsed.TotalMilliseconds }
    }
    $sorted = $times | Sort-Object
    return [math]::Round($sorted[[int][math]::Floor($sorted.Count / 2)], 1)
}

# The machine-readable result line of a benchmark target (bench/README.md): "ratio: name: value (target op goal): met|missed".
function Write-BenchRatio([string] $Name, [double] $Value, [ValidateSet('<=', '>=')] [string] $Op, [double] $Target, [string] $Format = '0.00', [string] $Unit = '') {
    $met = if ($Op -eq '<=') { $Value -le $Target } else { $Value -ge $Target }
    $c = [Globalization.CultureInfo]::InvariantCulture
    Write-Host ("ratio: {0}: {1}{2} (target {3} {4}{2}): {5}" -f $Name, $Value.ToString($Format, $c), $Unit, $Op, $Target.ToString($Format, $c), $(if ($met) { 'met' } else { 'missed' }))
}
