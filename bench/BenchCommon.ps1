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
