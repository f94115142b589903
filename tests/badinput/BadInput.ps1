# The bad-input corpus (issue 13): loading the cases, and judging one result. Dot-sourced by the Pester file
# (tests/pester/BadInput.Tests.ps1), by the parent runner (Invoke-BadInputCorpus.ps1) and by the child
# (BadInputChild.ps1), so that all three agree on what a case is. Defines functions only.
#
# A case is a hashtable (see README.md in this folder):
#   Id        '<Cmdlet>/<name>', unique; Name is the part after the slash in the data files.
#   Cmdlet    the MeshOps cmdlet to call.
#   Params    its parameters; string values may hold placeholders such as <tmp> (see Expand-BadInputText).
#   Omit      parameters the runner would add by default (Kubeconfig, ManifestsPath, Confirm) that this case leaves out.
#   Files     relative path -> content, made in the case's own temp folder before the call (Write-BadInputFile).
#   Env       environment variables set for the call only.
#   Faults    body for the loopback server's POST /__admin/faults during the call.
#   ErrorId   the expected ErrorRecord id (FullyQualifiedErrorId starts with it).
#   Category  the expected ErrorCategory.
#   TimeoutSeconds  per-case time limit (default 20).

$script:BadInputRoot = $PSScriptRoot

<#
Every case: the hand-written ones in cases/*.psd1 (one file per cmdlet) and the generated structural extremes.
#>
function Get-BadInputCases {
    $cases = [System.Collections.Generic.List[hashtable]]::new()
    foreach ($file in Get-ChildItem (Join-Path $BadInputRoot 'cases') -Filter '*.psd1' | Sort-Object Name) {
        $data = Import-PowerShellDataFile $file.FullName
        foreach ($case in $data.Cases) {
            $case.Cmdlet = $data.Cmdlet
            $case.Id = "$($data.Cmdlet)/$($case.Name)"
            $case.Source = $file.Name
            $cases.Add($case)
        }
    }
    foreach ($case in & (Join-Path $BadInputRoot 'New-StructuralCases.ps1')) {
        $case.Id = "$($case.Cmdlet)/$($case.Name)"
        $case.Source = 'New-StructuralCases.ps1'
        $cases.Add($case)
    }
    $seen = @{}
    foreach ($case in $cases) {
        if ($seen.ContainsKey($case.Id)) { throw "Bad-input case id '$($case.Id)' appears twice ($($case.Source), $($seen[$case.Id]))." }
        $seen[$case.Id] = $case.Source
        foreach ($key in 'Cmdlet', 'Name', 'ErrorId', 'Category') {
            if (-not $case[$key]) { throw "Bad-input case '$($case.Id)' ($($case.Source)) has no $key." }
        }
    }
    return $cases
}

<#
Replaces the known placeholders in a case's text: <tmp> (the case's temp folder), <manifests> (Istio 1.18.5's
release manifests), <shared> (../shared), <kubeconfig> (the loopback server's kubeconfig), <server>, <token>,
<cadata> (its CA, base64), <othercadata>/<othercapem> (a CA that did not sign it), <hang> (a TCP port that accepts
and never answers), <closed> (a port nobody listens on). Anything else in angle brackets is left alone.
#>
function Expand-BadInputText([string] $Text, [hashtable] $Values) {
    if ($null -eq $Text -or $Text.IndexOf('<') -lt 0) { return $Text }
    return [regex]::Replace($Text, '<([a-z]+)>', {
            param($m)
            $key = $m.Groups[1].Value
            if ($Values.ContainsKey($key)) { [string] $Values[$key] } else { $m.Value }
        })
}

<#
Writes one file of a case. Content is a string (placeholders expanded), or a list of parts written in order:
a string, @{ Repeat = 'text'; Times = N } (streamed, so sizes beyond memory are fine), @{ Base64 = '...' }.
@{ Directory = $true } makes a folder; @{ SparseBytes = N } a file of N zero bytes that takes no disk.
#>
function Write-BadInputFile([string] $Path, $Content, [hashtable] $Values) {
    $parent = Split-Path $Path -Parent
    if ($parent -and -not (Test-Path -LiteralPath $parent)) { $null = New-Item -ItemType Directory -Force -Path $parent }
    if ($Content -is [hashtable] -and $Content.Directory) { $null = New-Item -ItemType Directory -Force -Path $Path; return }
    $stream = [IO.File]::Create($Path)
    try {
        if ($Content -is [hashtable] -and $Content.ContainsKey('SparseBytes')) { $stream.SetLength([long] $Content.SparseBytes); return }
        $writer = [IO.StreamWriter]::new($stream, [Text.UTF8Encoding]::new($false), 1MB)
        foreach ($part in @($Content)) {
            if ($part -is [hashtable] -and $part.ContainsKey('Repeat')) {
                $text = Expand-BadInputText $part.Repeat $Values
                for ($i = 0; $i -lt [long] $part.Times; $i++) { $writer.Write($text) }
            }
            elseif ($part -is [hashtable] -and $part.ContainsKey('Base64')) {
                $writer.Flush()
                $bytes = [Convert]::FromBase64String($part.Base64)
                $stream.Write($bytes, 0, $bytes.Length)
            }
            else { $writer.Write((Expand-BadInputText ([string] $part) $Values)) }
        }
        $writer.Flush()
    }
    finally { $stream.Dispose() }
}

<#
Judges a result line of the child against its case. Returns $null when the case passed, else one paragraph that
says exactly what differed: expected vs actual id and category, any write the server saw, any file left behind,
or how the child died.
#>
function Get-BadInputFailure([hashtable] $Case, $Result) {
    $expected = "expected $($Case.ErrorId) ($($Case.Category))"
    if ($null -eq $Result) { return "$($Case.Id): no result (the runner never reached this case)" }
    $problems = [System.Collections.Generic.List[string]]::new()
    switch ($Result.Outcome) {
        'crash' { $problems.Add("$expected, but the child pwsh died (exit code $($Result.ExitCode)); stderr tail: $($Result.Message)") }
        'timeout' { $problems.Add("$expected, but the call was still running after $($Result.Ms) ms (killed)") }
        'noerror' { $problems.Add("$expected, but the call succeeded without an error; output: $($Result.Message)") }
        'setup' { $problems.Add("$expected, but the case could not be set up: $($Result.Message)") }
        'error' {
            $idOk = $Result.ErrorId -eq $Case.ErrorId -or $Result.ErrorId.StartsWith("$($Case.ErrorId),")
            if (-not $idOk -or $Result.Category -ne $Case.Category) {
                $problems.Add("$expected, got $($Result.ErrorId) ($($Result.Category)) [$($Result.ExceptionType)]: $($Result.Message)")
            }
        }
        default { $problems.Add("unknown outcome '$($Result.Outcome)'") }
    }
    if (@($Result.Writes).Count -gt 0) { $problems.Add("the server saw writes: $(@($Result.Writes) -join '; ')") }
    if (@($Result.Files).Count -gt 0) { $problems.Add("files were written or changed: $(@($Result.Files) -join '; ')") }
    if ($problems.Count -eq 0) { return $null }
    return "$($Case.Id) [$(Format-BadInputCall $Case)]: " + ($problems -join ' | ')
}

# The call a case makes, short enough for a failure line: "Export-MeshManifest -Set 'values.x.a.a...(24009 chars)'".
function Format-BadInputCall([hashtable] $Case) {
    $parts = @($Case.Cmdlet)
    if ($Case.Params) {
        foreach ($key in $Case.Params.Keys | Sort-Object) {
            $value = $Case.Params[$key]
            $text = if ($value -is [bool]) { if ($value) { '' } else { ':$false' } }
            elseif ($value -is [hashtable]) { " @{$(@($value.Keys) -join '; ')}" }
            else { ' ' + ((@($value) | ForEach-Object { "'$_'" }) -join ',') }
            if ($text.Length -gt 80) { $text = $text.Substring(0, 60) + "...($($text.Length) chars)" }
            $parts += "-$key$text"
        }
    }
    if ($Case.Files) { $parts += "(files: $(@($Case.Files.Keys | Sort-Object) -join ', '))" }
    $parts -join ' '
}
