# The bad-input corpus of issue 13 (tests/badinput): every case is one test. A case names a cmdlet call with bad
# input, the ErrorRecord id and category it must fail with, and that it writes nothing (the loopback API server saw
# only reads; no file appeared or changed). The cases run in child pwsh processes (Invoke-BadInputCorpus.ps1), so
# that a crash (stack overflow, exit 134, out of memory) or a hang fails its case instead of the test run.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot '../badinput/BadInput.ps1')
    $script:Cases = @(Get-BadInputCases | ForEach-Object { @{ Case = $_; Id = $_.Id; ErrorId = $_.ErrorId; Category = $_.Category } })
}

Describe 'Bad-input corpus' -Skip:(-not $HasShared) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        . (Join-Path $PSScriptRoot '../badinput/BadInput.ps1')
        # All cases at once (two children in parallel); each test below judges its own result.
        $script:Results = & (Join-Path $PSScriptRoot '../badinput/Invoke-BadInputCorpus.ps1') -ModulePath $MeshOpsModule -SharedRoot $SharedRoot
    }

    It '<Id> fails with <ErrorId> (<Category>) and writes nothing' -ForEach $Cases {
        $failure = Get-BadInputFailure $Case $Results[$Id]
        if ($failure) { throw $failure }
    }
}
