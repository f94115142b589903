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

# Seeding the loopback server: every request in flight at once over one HttpClient (16 connections); one cmdlet
# call per object would dwarf the benchmark.
function Send-All($Server, [string] $Method, [object[]] $Requests) {
    $handler = [Net.Http.HttpClientHandler]::new()
    $handler.ServerCertificateCustomValidationCallback = [Net.Http.HttpClientHandler]::DangerousAcceptAnyServerCertificateValidator
    $handler.MaxConnectionsPerServer = 16
    $client = [Net.Http.HttpClient]::new($handler)
    $client.DefaultRequestHeaders.Authorization = [Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $Server.Token)
    try {
        $tasks = foreach ($r in $Requests) {
            $message = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::new($Method), "$($Server.Uri)$($r.Path)")
            $message.Content = [Net.Http.StringContent]::new($r.Body, [Text.Encoding]::UTF8, 'application/json')
            $client.SendAsync($message)
        }
        [Threading.Tasks.Task]::WaitAll([Threading.Tasks.Task[]]$tasks)
        $failed = @($tasks | Where-Object { -not $_.Result.IsSuccessStatusCode })
        if ($failed.Count -gt 0) { throw "$($failed.Count) seeding request(s) failed, first: $($failed[0].Result.StatusCode) $($failed[0].Result.Content.ReadAsStringAsync().Result)" }
    }
    finally { $client.Dispose() }
}
